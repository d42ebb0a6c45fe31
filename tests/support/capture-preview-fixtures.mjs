// Captures the outputs of every javascript, threejs and spice skill run with
// its defaults by the product (the headless host of build/web, as `llmos run`
// runs them: ses sandbox, ngspice.wasm) as preview fixtures:
// tests/data/previews/<id>.json. Scene geometry arrays are cut to 24 numbers:
// the previews only need a scene's shape, not its vertices. The raw vectors
// fixtures come from native ngspice on the skill's own netlist.
// Run from the repository root: node tests/support/capture-preview-fixtures.mjs tests/data/previews
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { circuitLines } from '../../web/lib/spice-netlist.js';
import { simulateNative } from './ngspice-native.mjs';
import { startSkillHost } from './skill-host.mjs';

const RUNNABLE_TYPES = ['javascript', 'threejs', 'spice'];
const out = process.argv[2];
const skills = await startSkillHost();
for (const { skill_id: id, node_type: type } of skills.core.listSkills({})) {
  if (!RUNNABLE_TYPES.includes(type)) continue;
  const ports = skills.skill(id).outputs;
  try {
    const outputs = await skills.run(id);
    // Raw vectors as a spice skill without a postprocess block returns them:
    // one transient and one AC analysis.
    if (id === 'circuit-rc-node' || id === 'circuit-bode-filter-node') {
      const analysis = id === 'circuit-rc-node' ? 'tran' : 'ac';
      const { vectors, plotname } = simulateNative(circuitLines(outputs.netlist));
      writeFileSync(join(out, `spice-vectors-${analysis}.json`), JSON.stringify({
        skill_id: `spice-vectors-${analysis}`, type: 'spice', plotname,
        output_ports: [{ name: 'vectors', type: 'object' }, { name: 'netlist', type: 'netlist' }],
        outputs: { vectors, netlist: outputs.netlist } }));
    }
    for (const port of ports) {
      if (port.type === 'scene' && outputs[port.name]) shortenGeometry(outputs[port.name]);
    }
    writeFileSync(join(out, id + '.json'), JSON.stringify({ skill_id: id, type, output_ports: ports, outputs }));
    console.log('ok', id);
  } catch (e) { console.log('FAIL', id, e.message); }
}
skills.shutdown();

function shortenGeometry(value) {
  if (Array.isArray(value)) {
    if (value.length > 24 && value.every((v) => typeof v === 'number')) value.length = 24;
    else value.forEach(shortenGeometry);
  } else if (value && typeof value === 'object') {
    Object.values(value).forEach(shortenGeometry);
  }
}
