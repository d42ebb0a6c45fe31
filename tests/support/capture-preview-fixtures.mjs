// Captures the outputs of every javascript, threejs and spice skill run with
// its defaults (tests/skills' runners: ses-free JS and native ngspice 39) as
// preview fixtures: tests/data/previews/<id>.json. Scene geometry arrays are
// cut to 24 numbers: the previews only need a scene's shape, not its vertices.
// Run from the repository root: node tests/support/capture-preview-fixtures.mjs tests/data/previews
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
const root = process.cwd();
const { loadAllSkills } = await import(join(root, 'tests/skills/skill-harness.mjs'));
const { runSkill, RUNNABLE_TYPES } = await import(join(root, 'tests/skills/run-skill.mjs'));
const out = process.argv[2];
for (const skill of loadAllSkills()) {
  const fm = skill.frontMatter;
  if (!RUNNABLE_TYPES.includes(fm.type)) continue;
  try {
    const { outputs, vectors, plotname } = await runSkill(skill, {});
    // Raw vectors as a spice skill without a postprocess block returns them:
    // one transient and one AC analysis.
    if (fm.skill_id === 'circuit-rc-node' || fm.skill_id === 'circuit-bode-filter-node') {
      const analysis = fm.skill_id === 'circuit-rc-node' ? 'tran' : 'ac';
      writeFileSync(join(out, `spice-vectors-${analysis}.json`), JSON.stringify({
        skill_id: `spice-vectors-${analysis}`, type: 'spice', plotname,
        output_ports: [{ name: 'vectors', type: 'object' }, { name: 'netlist', type: 'netlist' }],
        outputs: { vectors, netlist: outputs.netlist } }));
    }
    for (const port of fm.outputs ?? []) {
      if (port.type === 'scene' && outputs[port.name]) shortenGeometry(outputs[port.name]);
    }
    writeFileSync(join(out, fm.skill_id + '.json'), JSON.stringify({ skill_id: fm.skill_id, type: fm.type, output_ports: fm.outputs, outputs }));
    console.log('ok', fm.skill_id);
  } catch (e) { console.log('FAIL', fm.skill_id, e.message); }
}

function shortenGeometry(value) {
  if (Array.isArray(value)) {
    if (value.length > 24 && value.every((v) => typeof v === 'number')) value.length = 24;
    else value.forEach(shortenGeometry);
  } else if (value && typeof value === 'object') {
    Object.values(value).forEach(shortenGeometry);
  }
}
