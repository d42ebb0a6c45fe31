#include "demo_data.hpp"

#include "versioned_store.hpp"
#include "volumes_on_disk.hpp"

namespace llmos::server {
namespace {

struct DemoFile {
  Owner owner;
  const char* owner_id;
  const char* relative_path;
  const char* author;
  const char* content;
};

constexpr const char* kTeamRcTolerance = R"md(---
skill_id: rc-tolerance-node
name: RC Tolerance Band
description: Nominal, smallest and largest RC time constant for components with a given tolerance.
type: javascript
execution_mode: browser-wasm
category: electronics
version: 1.0.0
author: engineering
keywords: [rc, tolerance, time constant, design review]
estimated_time_ms: 1
inputs:
  - {name: resistance, type: float, default: 1000, unit: ohm, min: 0, description: Nominal resistance}
  - {name: capacitance, type: float, default: 1.0e-6, unit: F, min: 0, description: Nominal capacitance}
  - {name: tolerance_percent, type: float, default: 5, min: 0, max: 100, description: Component tolerance in percent}
outputs:
  - {name: tau_nominal, type: float, description: R times C in seconds}
  - {name: tau_min, type: float, description: Smallest time constant within tolerance}
  - {name: tau_max, type: float, description: Largest time constant within tolerance}
---
# RC Tolerance Band

The engineering team's check before a filter goes into a design review: with
both parts off by the same tolerance, the time constant spans
`R·C·(1 ± t)²`.

```javascript
function execute(inputs) {
  const r = inputs.resistance;
  const c = inputs.capacitance;
  const t = inputs.tolerance_percent / 100;
  if (!(r > 0) || !(c > 0)) throw new Error('resistance and capacitance must be positive');
  const tau = r * c;
  return { tau_nominal: tau, tau_min: tau * (1 - t) * (1 - t), tau_max: tau * (1 + t) * (1 + t) };
}
```
)md";

constexpr const char* kTeamReviewGuide = R"md(---
name: Engineering Design Review Checklist
description: What the engineering team checks before a simulated circuit or workflow is shared.
category: engineering
keywords: [review, checklist, tolerance, circuit, engineering]
---
# Engineering Design Review Checklist

- Every simulated circuit states its component tolerances; run the
  `rc-tolerance-node` on each RC stage and quote the band, not only the
  nominal value.
- A plot without units on both axes is sent back.
- Workflows that feed a decision are saved (File > Save) so their history
  shows what changed between reviews.
)md";

constexpr const char* kAliceEnergyReport = R"md(---
skill_id: energy-report-node
name: Energy Report
description: Formats a ground-state energy in hartree as a one-line report with electronvolts and kcal/mol.
type: javascript
execution_mode: browser-wasm
category: quantum
version: 1.0.0
author: alice
keywords: [energy, report, hartree, electronvolt, vqe]
estimated_time_ms: 1
inputs:
  - {name: eigenvalue, type: float, default: -1.137, unit: Ha, description: Energy in hartree}
  - {name: label, type: string, default: H2, description: What the energy belongs to}
outputs:
  - {name: report, type: string, description: One line for a lab notebook}
  - {name: electron_volts, type: float, description: The energy in eV}
---
# Energy Report

Alice's notebook line for VQE results: hartree, electronvolts
(1 Ha = 27.211386 eV) and kcal/mol (1 Ha = 627.5095 kcal/mol).

```javascript
function execute(inputs) {
  const ha = inputs.eigenvalue;
  const ev = ha * 27.211386245988;
  const kcal = ha * 627.509474;
  return {
    report: `${inputs.label}: E = ${ha.toFixed(6)} Ha = ${ev.toFixed(4)} eV = ${kcal.toFixed(2)} kcal/mol`,
    electron_volts: ev,
  };
}
```
)md";

constexpr const char* kAliceMyWorkflow = R"json({
  "name": "My workflow: VQE -> Plot",
  "description": "The original design's example: VQE for H2, its convergence plotted.",
  "nodes": [
    {"nodeId": "vqe", "skillId": "quantum-vqe-node", "inputValues": {"iterations": 100}, "ui": {"position": [80, 120]}},
    {"nodeId": "plot", "skillId": "plot-data-node", "inputValues": {}, "ui": {"position": [420, 120]}}
  ],
  "edges": [
    {"source": "vqe", "sourceOutput": "convergence_data", "target": "plot", "targetInput": "data"}
  ]
}
)json";

constexpr const char* kAliceEnergyWorkflow = R"json({
  "name": "H2 energy report",
  "description": "Alice's energy-report-node on a fixed energy: runs in milliseconds, no Pyodide needed.",
  "nodes": [
    {"nodeId": "report", "skillId": "energy-report-node", "inputValues": {"eigenvalue": -1.137306, "label": "H2 (STO-3G)"}, "ui": {"position": [80, 120]}},
    {"nodeId": "band", "skillId": "rc-tolerance-node", "inputValues": {"resistance": 2200, "capacitance": 4.7e-7, "tolerance_percent": 10}, "ui": {"position": [80, 320]}}
  ],
  "edges": []
}
)json";

constexpr DemoFile kDemoFiles[] = {
    {Owner::team, "engineering", "skills/rc-tolerance-node.md", "engineering", kTeamRcTolerance},
    {Owner::team, "engineering", "skills/engineering-design-review-checklist.md", "engineering",
     kTeamReviewGuide},
    {Owner::user, "alice", "skills/energy-report-node.md", "alice", kAliceEnergyReport},
    {Owner::user, "alice", "workflows/my-workflow.json", "alice", kAliceMyWorkflow},
    {Owner::user, "alice", "workflows/energy-report.json", "alice", kAliceEnergyWorkflow},
};

}  // namespace

std::optional<std::string> write_demo_data(const std::string& data_dir) {
  DataDir data(data_dir);
  VersionedStore store(data);
  for (const auto& file : kDemoFiles) {
    auto existing = store.read(file.owner, file.owner_id, file.relative_path);
    if (!existing) return existing.error().message;
    if (existing->has_value()) continue;
    auto saved = store.save(file.owner, file.owner_id, file.relative_path, file.content, file.author,
                            std::string("demo: add ") + file.relative_path);
    if (!saved) return saved.error().message;
  }
  return std::nullopt;
}

}  // namespace llmos::server
