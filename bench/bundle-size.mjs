// Size of the offline bundle per part, raw and gzipped (what a server that
// compresses, or the zip, sends), against the goal (<= 25 MB raw, <= 10 MB
// gzipped). Reads the manifest the build wrote (build/web/bundle.json), so it
// measures exactly the files the service worker caches.
//   node bench/bundle-size.mjs [web dir] [zip]
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const web = path.resolve(process.argv[2] || path.join(repo, 'build', 'web'));
const zip = path.resolve(process.argv[3] || path.join(repo, 'dist', 'llmos-workbench.zip'));
const goal = { raw: 25e6, gzip: 10e6 };

const manifest = JSON.parse(readFileSync(path.join(web, 'bundle.json'), 'utf8'));
const files = [...manifest.files, { path: 'bundle.json' }];

function partOf(file) {
  const [top, second] = file.split('/');
  if (top === 'vendor') return `vendor/${second}`;
  if (top === 'llmos.js' || top === 'llmos.wasm') return 'app (llmos.wasm + llmos.js)';
  if (top === 'lib') return 'lib/ (page JS, bridges)';
  if (top === 'runtimes') return 'runtimes/ (worker scripts)';
  if (top === 'skills') return 'skills/ (skills, examples, helpers)';
  return 'page, manifest, service worker, notices';
}

const parts = new Map();
const started = performance.now();
for (const file of files) {
  const bytes = readFileSync(path.join(web, file.path));
  const part = partOf(file.path);
  const entry = parts.get(part) || { files: 0, raw: 0, gzip: 0 };
  entry.files++;
  entry.raw += bytes.length;
  entry.gzip += gzipSync(bytes, { level: 9 }).length;
  parts.set(part, entry);
}
const elapsed = performance.now() - started;

const mb = (bytes) => (bytes / 1e6).toFixed(2);
const rows = [...parts.entries()].sort((a, b) => b[1].raw - a[1].raw);
const total = rows.reduce((sum, [, entry]) => ({ files: sum.files + entry.files, raw: sum.raw + entry.raw,
                                                  gzip: sum.gzip + entry.gzip }), { files: 0, raw: 0, gzip: 0 });
const line = (name, entry) => `| ${name} | ${entry.files} | ${mb(entry.raw)} | ${mb(entry.gzip)} | `
  + `${(entry.gzip / entry.raw).toFixed(2)} | ${(100 * entry.raw / total.raw).toFixed(1)}% |`;

console.log(`## bundle size (build ${manifest.version}, ${web}; gzip -9 per file, ${elapsed.toFixed(0)} ms)`);
console.log('| part | files | raw MB | gzip MB | gzip/raw | share of raw |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const [name, entry] of rows) console.log(line(name, entry));
console.log(line('**total**', total));
console.log();
console.log('| measure | size MB | goal MB | of goal |');
console.log('|---|---:|---:|---:|');
console.log(`| raw | ${mb(total.raw)} | ${mb(goal.raw)} | ${(total.raw / goal.raw).toFixed(2)}x |`);
console.log(`| gzipped | ${mb(total.gzip)} | ${mb(goal.gzip)} | ${(total.gzip / goal.gzip).toFixed(2)}x |`);
if (existsSync(zip)) {
  const zipped = statSync(zip).size;
  console.log(`| ${path.relative(repo, zip)} | ${mb(zipped)} | ${mb(goal.gzip)} | ${(zipped / goal.gzip).toFixed(2)}x |`);
}
