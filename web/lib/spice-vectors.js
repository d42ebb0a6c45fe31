// The names skills see for ngspice's vectors (skills/README.md section 6),
// whichever way ngspice spelled them: the shared-library API says `out`,
// `v1#branch`, `v-sweep`; a rawfile says `v(out)`, `i(v1)`, `v(v-sweep)`.
// Skills get lower case, `v(node)`, `i(source)`, and scales as they are
// (`time`, `frequency`, `v-sweep`).
export function normaliseVectorName(name) {
  const n = name.trim().toLowerCase();
  const sweep = /^[vi]\((.+-sweep)\)$/.exec(n);
  if (sweep) return sweep[1];
  const branch = /^(.+)#branch$/.exec(n);
  if (branch) return `i(${branch[1]})`;
  if (/^[vi]\(.+\)$/.test(n) || n === 'time' || n === 'frequency' || n.endsWith('-sweep') || n.startsWith('@')) return n;
  return `v(${n})`;
}
