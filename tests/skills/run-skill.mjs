// One entry point for the tests: run a skill of type javascript, threejs or
// spice with given inputs (defaults filled), the way its browser bridge will.

import { resolveInputs } from './skill-harness.mjs';
import { callSkillFunction } from './js-runner.mjs';
import { simulateTemplate } from './spice-runner.mjs';

export const RUNNABLE_TYPES = ['javascript', 'threejs', 'spice'];

export async function runSkill(skill, given = {}) {
  const fm = skill.frontMatter;
  const inputs = resolveInputs(skill, given);
  const requires = fm.requires ?? [];
  switch (fm.type) {
    case 'javascript':
    case 'threejs': {
      if (!skill.code.javascript) throw new Error(`${fm.skill_id}: no javascript block`);
      return { inputs, outputs: await callSkillFunction(skill.code.javascript, 'execute', [inputs], requires) };
    }
    case 'spice': {
      if (!skill.code.spice) throw new Error(`${fm.skill_id}: no spice block`);
      const { netlist, vectors, plotname } = simulateTemplate(skill.code.spice, inputs);
      let outputs;
      if (skill.code.javascript) {
        outputs = await callSkillFunction(skill.code.javascript, 'postprocess', [vectors, inputs, netlist], requires);
      } else {
        // Without postprocess the raw vectors are the result.
        outputs = { vectors };
      }
      const declared = (fm.outputs ?? []).map((p) => p.name);
      if (declared.includes('netlist') && outputs.netlist === undefined) outputs.netlist = netlist;
      return { inputs, outputs, vectors, netlist, plotname };
    }
    default:
      throw new Error(`${fm.skill_id}: type '${fm.type}' is not run by this harness`);
  }
}
