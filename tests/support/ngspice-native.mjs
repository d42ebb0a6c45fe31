// Native ngspice 39 (Debian's /usr/bin/ngspice) as the reference for
// ngspice.wasm: the same filled netlist in batch mode, with a .control section
// that runs it and writes a *binary* rawfile (ASCII loses digits), read back
// as Float64 values and named the way skills see vectors.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { normaliseVectorName } from '../../web/lib/spice-vectors.js';

export const NGSPICE = process.env.NGSPICE ?? '/usr/bin/ngspice';

// glibc picks FMA/AVX2 variants of sin, cos, exp, log, pow... on CPUs that
// have them, and those round differently in the last bit: native ngspice's
// own vectors depend on the CPU. The reference is pinned to glibc's baseline
// x86-64 code, whose results ngspice.wasm reproduces (its exp, log and pow
// are the same algorithms; sin and cos are glibc's, third_party/ngspice/module.sh).
export const NATIVE_ENV = { ...process.env, GLIBC_TUNABLES: 'glibc.cpu.hwcaps=-AVX2,-FMA,-AVX,-FMA4' };

// Parses one or more plots of a binary rawfile: [{plotname, flags, vectors}].
// Real plots hold doubles per point and variable; complex ones re, im pairs
// (the frequency scale of an AC plot is real data stored as complex).
export function parseBinaryRaw(bytes) {
  const plots = [];
  let offset = 0;
  const text = (from, to) => bytes.subarray(from, to).toString('latin1');
  while (offset < bytes.length) {
    const marker = bytes.indexOf('Binary:\n', offset, 'latin1');
    if (marker < 0) break;
    const header = {};
    const names = [];
    let inVariables = false;
    for (const line of text(offset, marker).split('\n')) {
      if (inVariables && /^\s+\d+\s/.test(line)) {
        names.push(line.trim().split(/\s+/)[1]);
        continue;
      }
      inVariables = false;
      const match = /^([A-Za-z. ]+):\s*(.*)$/.exec(line);
      if (!match) continue;
      if (match[1] === 'Variables') inVariables = true;
      else header[match[1]] = match[2];
    }
    const points = Number(header['No. Points']);
    const complex = /complex/.test(header.Flags);
    const width = complex ? 2 : 1;
    let at = marker + 'Binary:\n'.length;
    const data = new DataView(bytes.buffer, bytes.byteOffset + at, points * names.length * width * 8);
    const vectors = {};
    names.forEach((name, v) => {
      const re = new Array(points);
      const im = complex ? new Array(points) : null;
      for (let p = 0; p < points; p++) {
        const base = (p * names.length + v) * width * 8;
        re[p] = data.getFloat64(base, true);
        if (complex) im[p] = data.getFloat64(base + 8, true);
      }
      vectors[normaliseVectorName(name)] = complex && v !== 0 ? { re, im } : re;
    });
    plots.push({ plotname: header.Plotname, flags: header.Flags, vectors });
    offset = at + points * names.length * width * 8;
  }
  return plots;
}

// Simulates `lines` (what the wasm engine loads: the netlist, ending .end)
// natively; returns {vectors, plotname, log}.
export function simulateNative(lines) {
  const dir = mkdtempSync(join(tmpdir(), 'llmos-ngspice-'));
  try {
    const body = lines.filter((line, i) => !(i === lines.length - 1 && /^\s*\.end\s*$/i.test(line)));
    const raw = join(dir, 'out.raw');
    writeFileSync(join(dir, 'circuit.cir'),
                  `${body.join('\n')}\n.control\nset filetype=binary\nrun\nwrite ${raw}\nquit\n.endc\n.end\n`);
    let log;
    try {
      log = execFileSync(NGSPICE, ['-b', 'circuit.cir'], { cwd: dir, env: NATIVE_ENV, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60000 });
    } catch (error) {
      throw new Error(`native ngspice failed (exit ${error.status}):\n${error.stdout ?? ''}${error.stderr ?? ''}`);
    }
    const plots = parseBinaryRaw(readFileSync(raw));
    if (plots.length !== 1) throw new Error(`expected one plot in the rawfile, got ${plots.length}`);
    return { vectors: plots[0].vectors, plotname: plots[0].plotname, log };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// The IEEE-754 bit pattern of a double, as 16 hex digits.
export function bits(value) {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  return view.getBigUint64(0).toString(16).padStart(16, '0');
}

// Differences between two vector sets, bit for bit: [] when identical.
export function bitDifferences(actual, expected) {
  const problems = [];
  const names = (v) => Object.keys(v).sort();
  if (names(actual).join() !== names(expected).join()) {
    return [`vector names differ: [${names(actual)}] vs [${names(expected)}]`];
  }
  const compare = (name, a, e) => {
    if (a.length !== e.length) return problems.push(`${name}: length ${a.length} vs ${e.length}`);
    const first = a.findIndex((x, i) => bits(x) !== bits(e[i]));
    if (first >= 0) problems.push(`${name}[${first}]: ${a[first]} (${bits(a[first])}) vs ${e[first]} (${bits(e[first])})`);
  };
  for (const name of names(expected)) {
    const a = actual[name];
    const e = expected[name];
    if (Array.isArray(e) !== Array.isArray(a)) problems.push(`${name}: real vs complex`);
    else if (Array.isArray(e)) compare(name, a, e);
    else {
      compare(`${name}.re`, a.re, e.re);
      compare(`${name}.im`, a.im, e.im);
    }
  }
  return problems;
}
