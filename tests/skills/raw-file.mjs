// Parses an ngspice ASCII rawfile (`set filetype=ascii` + `write`) into the
// normalised `vectors` object that spice postprocess functions receive.

// ngspice's rawfile names vs. the names skills see (see skills/README.md):
// lower case; DC sweep scale "v(v-sweep)" -> "v-sweep"; branch currents stay
// "i(source)"; names written as "dev#branch" (shared-library style) -> "i(dev)";
// bare node names (shared-library style) -> "v(node)".
export function normaliseVectorName(name, isScale) {
  let n = name.trim().toLowerCase();
  const sweep = /^[vi]\((.+-sweep)\)$/.exec(n);
  if (sweep) return sweep[1];
  const branch = /^(.+)#branch$/.exec(n);
  if (branch) return `i(${branch[1]})`;
  if (isScale || /^[vi]\(.+\)$/.test(n) || /^(time|frequency)$/.test(n) || n.endsWith('-sweep') || n.startsWith('@')) return n;
  return `v(${n})`;
}

// Returns [{title, plotname, complex, vectors, scale}] -- one per plot in the file.
export function parseAsciiRaw(text) {
  const lines = text.split(/\r?\n/);
  const plots = [];
  let i = 0;
  while (i < lines.length) {
    const header = {};
    // Header lines are "Key: value" until "Variables:".
    while (i < lines.length && !/^Variables:/.test(lines[i])) {
      const m = /^([A-Za-z. ]+):\s*(.*)$/.exec(lines[i]);
      if (m) header[m[1].trim()] = m[2].trim();
      i++;
    }
    if (i >= lines.length) break;
    i++;
    const nVars = parseInt(header['No. Variables'], 10);
    const nPoints = parseInt(header['No. Points'], 10);
    const complex = /complex/.test(header.Flags ?? '');
    const names = [];
    for (let k = 0; k < nVars; k++, i++) {
      const parts = lines[i].trim().split(/\s+/);
      names.push(normaliseVectorName(parts[1], k === 0));
    }
    if (!/^Values:/.test(lines[i])) throw new Error(`rawfile: expected Values:, got ${lines[i]}`);
    i++;
    // Values: all numbers in order, point index first on each point's first line.
    const numbers = [];
    const need = nPoints * nVars;
    while (i < lines.length && numbers.length < need) {
      const t = lines[i].trim();
      i++;
      if (t === '') continue;
      const parts = t.split(/\s+/);
      numbers.push(parts[parts.length - 1]);
    }
    if (numbers.length < need) throw new Error(`rawfile: expected ${need} values, got ${numbers.length}`);
    const vectors = {};
    names.forEach((name, v) => {
      const col = [];
      for (let p = 0; p < nPoints; p++) col.push(numbers[p * nVars + v]);
      if (complex) {
        const pairs = col.map((s) => s.split(',').map(Number));
        // The scale of an AC plot (frequency) is real data stored as complex.
        vectors[name] = v === 0 ? pairs.map((p) => p[0]) : { re: pairs.map((p) => p[0]), im: pairs.map((p) => p[1]) };
      } else {
        vectors[name] = col.map(Number);
      }
    });
    plots.push({ title: header.Title, plotname: header.Plotname, complex, vectors, scale: names[0] });
  }
  return plots;
}
