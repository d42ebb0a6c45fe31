// A spice skill's netlist template (skills/README.md section 6): checked,
// filled from the node's inputs, split into the lines ngspice loads, and
// ngspice's complaints mapped back to lines of the skill file.
//
// Filling never adds or removes lines, so line k of the netlist is line
// firstLine + k - 1 of the .md file.

const ANALYSIS = /^\.(tran|ac|dc|op)\b/i;

// An error that names a line of the skill file (0: no particular line).
export class NetlistError extends Error {
  constructor(code, message, line = 0) {
    super(message);
    this.name = 'NetlistError';
    this.code = code;
    this.line = line;
  }
}

// How one input value is written into a netlist. Strings are restricted to a
// single token so an input can never add netlist lines or .control commands.
export function netlistToken(name, value) {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`input '${name}' is not a finite number`);
    return String(value);  // shortest round-trip decimal: 1e-7, 0.000001
  }
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'string' && /^[A-Za-z0-9_.+-]*$/.test(value)) return value;
  throw new Error(`input '${name}' cannot be written into a netlist: ${JSON.stringify(value) ?? String(value)}`);
}

// Contract checks on the template itself; throws NetlistError at the line.
export function checkTemplate(template, firstLine = 1) {
  const lines = template.split('\n');
  let analyses = 0;
  lines.forEach((raw, index) => {
    const line = raw.trim();
    const at = firstLine + index;
    if (/^\.(control|endc)\b/i.test(line)) {
      throw new NetlistError('spice.template', `${line.split(/\s/)[0]} is not allowed in a skill's netlist (the runtime owns the control section)`, at);
    }
    if (/^\.(include|inc|lib)\b/i.test(line)) {
      throw new NetlistError('spice.template', `${line.split(/\s/)[0]} cannot be resolved in the browser: put the models into the netlist`, at);
    }
    if (ANALYSIS.test(line) && ++analyses > 1) {
      throw new NetlistError('spice.template', 'the netlist must contain exactly one analysis (.tran, .ac, .dc or .op); this is a second one', at);
    }
  });
  if (analyses === 0) {
    throw new NetlistError('spice.template', 'the netlist has no analysis line (.tran, .ac, .dc or .op)', firstLine);
  }
}

// Replaces every {{name}} with the input's token. Unknown names are errors;
// ngspice's own {expr} braces are left alone.
export function fillTemplate(template, inputs, firstLine = 1) {
  return template.split('\n').map((text, index) => text.replace(/\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g, (_, name) => {
    const at = firstLine + index;
    if (!Object.hasOwn(inputs, name)) throw new NetlistError('spice.template', `the netlist uses unknown input '{{${name}}}'`, at);
    try {
      return netlistToken(name, inputs[name]);
    } catch (error) {
      throw new NetlistError('spice.input', error.message, at);
    }
  })).join('\n');
}

// The lines handed to ngSpice_Circ: the netlist (its own .end dropped, a
// trailing newline of the block dropped) and one `.end`. Line k of the
// result is line k of the netlist.
export function circuitLines(netlist) {
  const lines = netlist.replace(/\n+$/, '').split('\n');
  while (lines.length > 1 && /^\s*\.end\s*$/i.test(lines[lines.length - 1])) lines.pop();
  return [...lines, '.end'];
}

const squash = (text) => text.toLowerCase().replace(/\s+/g, ' ').trim();

// The netlist line (1-based) an ngspice error is about: "line N" when ngspice
// says it and that line is in the netlist, else the line whose text ngspice
// quotes (it lower-cases and re-spaces the lines it echoes). 0 if none.
export function netlistLineOf(messages, netlist) {
  const lines = netlist.split('\n');
  const texts = lines.map(squash);
  for (const message of messages) {
    const numbered = /\bline (\d+)/i.exec(message);
    if (numbered) {
      const n = Number(numbered[1]);
      if (n >= 1 && n <= lines.length) return n;
    }
  }
  for (const message of messages) {
    const quoted = squash(message.replace(/^error:?\s*/i, ''));
    if (quoted.length < 2) continue;
    // Prefer a whole-line match; ngspice may quote the line with substitutions.
    let best = 0;
    texts.forEach((text, index) => {
      if (index === 0 || text === '' || text.startsWith('*')) return;  // title and comments never fail
      if (quoted === text || quoted.startsWith(`${text} `) || (text.length >= 4 && quoted.includes(text))) {
        if (!best || text.length > texts[best - 1].length) best = index + 1;
      }
    });
    if (best) return best;
  }
  return 0;
}
