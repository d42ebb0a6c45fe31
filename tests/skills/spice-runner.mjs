// Runs a spice skill with native ngspice in batch mode -- the reference the
// ngspice.wasm bridge must agree with. The filled template gets a .control
// section that runs the analysis and writes an ASCII rawfile, which is parsed
// into the normalised `vectors` and handed to the skill's postprocess().

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fillTemplate } from './skill-harness.mjs';
import { parseAsciiRaw } from './raw-file.mjs';

export const NGSPICE = process.env.NGSPICE ?? '/usr/bin/ngspice';

// Contract checks on the template itself (not on ngspice): the runtime owns
// the .control section, and the analysis line must be in the skill.
export function netlistProblems(netlist) {
  const problems = [];
  const lines = netlist.split('\n').map((l) => l.trim().toLowerCase());
  if (!lines.some((l) => /^\.(tran|ac|dc|op)\b/.test(l))) problems.push('no analysis line (.tran/.ac/.dc/.op)');
  if (lines.some((l) => l.startsWith('.control'))) problems.push('template must not contain .control (the runtime adds it)');
  if (lines.some((l) => /^\.(include|lib)\b/.test(l))) problems.push('.include/.lib cannot be resolved in the browser');
  return problems;
}

// Appends the runtime's .control block; a trailing .end in the template is
// moved after it so both forms of template work.
export function withControl(netlist, rawPath) {
  const body = netlist.replace(/^\s*\.end\s*$/gim, '').replace(/\s+$/, '');
  return `${body}\n.control\nset filetype=ascii\nrun\nwrite ${rawPath}\nquit\n.endc\n.end\n`;
}

// Simulates a filled netlist; returns {vectors, plotname, log}.
export function simulate(netlist) {
  const problems = netlistProblems(netlist);
  if (problems.length) throw new Error(problems.join('; '));
  const dir = mkdtempSync(join(tmpdir(), 'llmos-spice-'));
  try {
    const cir = join(dir, 'circuit.cir');
    const raw = join(dir, 'out.raw');
    writeFileSync(cir, withControl(netlist, raw));
    let log;
    try {
      log = execFileSync(NGSPICE, ['-b', cir], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 20000 });
    } catch (e) {
      throw new Error(`ngspice failed (exit ${e.status}):\n${e.stdout ?? ''}${e.stderr ?? ''}`);
    }
    let text;
    try {
      text = readFileSync(raw, 'utf8');
    } catch {
      throw new Error(`ngspice wrote no rawfile:\n${log}`);
    }
    const plots = parseAsciiRaw(text);
    if (plots.length === 0) throw new Error('rawfile has no plot');
    const plot = plots[plots.length - 1];
    return { vectors: plot.vectors, plotname: plot.plotname, log };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Template -> netlist -> vectors, without postprocess; used by spice skills' runner.
export function simulateTemplate(template, inputs) {
  const netlist = fillTemplate(template, inputs);
  return { netlist, ...simulate(netlist) };
}
