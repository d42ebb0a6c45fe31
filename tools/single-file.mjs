#!/usr/bin/env node
// One self-contained HTML file of the bundle, for opening from file:// (the
// stretch goal of issue 21; what works is measured in docs/OFFLINE.md).
//
//   node tools/single-file.mjs [WEB_DIR=build/web] [OUT=dist/llmos-workbench.html] [--without-pyodide]
//
// A file:// page has the origin "null": it may not load module scripts,
// fetch or XHR sibling files, nor register a service worker. So every file
// of the bundle is carried inline (text as text, the rest as base64) and
// handed out as blob: URLs by a small classic loader script:
// - JS modules are rewritten in dependency order: relative import
//   specifiers become the blob URL of the module they name,
//   `import.meta.url` becomes `llmos-file:/<path>` (a hierarchical URL, so
//   `new URL('../x', import.meta.url)` still resolves), and dynamic
//   `import(` goes through a map from those URLs to blob URLs;
// - fetch() of an `llmos-file:` URL, or of a page-relative path, answers
//   from the blob;
// - `new Worker(url)` of a bundle file starts a wrapper module that first
//   installs the same map and fetch in the worker, then imports the worker.
import fs from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const withoutPyodide = process.argv.includes('--without-pyodide');
const webDir = args[0] || 'build/web';
const out = args[1] || 'dist/llmos-workbench.html';

const manifest = JSON.parse(fs.readFileSync(path.join(webDir, 'bundle.json'), 'utf8'));
const skipped = new Set(['service-worker.js', 'index.html']);
const textExtensions = new Set(['.js', '.mjs', '.json', '.md', '.py', '.txt', '.html', '.css', '.svg']);
const files = {};
let rawBytes = 0;
for (const { path: file } of manifest.files) {
  if (skipped.has(file)) continue;
  if (withoutPyodide && file.startsWith('vendor/pyodide/')) continue;
  const bytes = fs.readFileSync(path.join(webDir, file));
  rawBytes += bytes.length;
  const text = textExtensions.has(path.extname(file));
  files[file] = text ? { t: bytes.toString('utf8') } : { b: bytes.toString('base64') };
}
files['bundle.json'] = { t: fs.readFileSync(path.join(webDir, 'bundle.json'), 'utf8') };

// The loader runs in the page and (its fetch/import part) in every worker.
function loader() {
  const base = 'llmos-file:/';
  const types = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.json': 'application/json', '.wasm': 'application/wasm',
    '.md': 'text/markdown', '.py': 'text/x-python', '.txt': 'text/plain', '.zip': 'application/zip', '.svg': 'image/svg+xml' };
  const typeOf = (p) => types[p.slice(p.lastIndexOf('.'))] || 'application/octet-stream';
  const files = JSON.parse(document.getElementById('llmos-files').textContent);
  document.getElementById('llmos-files').remove();
  const urls = {};
  const isModule = (p) => /\.m?js$/.test(p);
  for (const [p, f] of Object.entries(files)) {
    if (isModule(p)) continue;
    const data = f.t !== undefined ? f.t : Uint8Array.from(atob(f.b), (c) => c.charCodeAt(0));
    urls[p] = URL.createObjectURL(new Blob([data], { type: typeOf(p) }));
  }
  const resolve = (from, spec) => new URL(spec, base + from).href.slice(base.length);
  const staticImport = /(\bimport\s*(?:[\w*{}\s,$]+\s*from\s*)?|\bexport\s*[\w*{}\s,$]*\s*from\s*)(['"])(\.{1,2}\/[^'"]+)\2/g;
  const visiting = new Set();
  const rewrite = (p) => {
    if (urls[p]) return urls[p];
    if (!files[p]) throw new Error(`single file: ${p} is not in the bundle`);
    if (visiting.has(p)) throw new Error(`single file: import cycle through ${p}`);
    visiting.add(p);
    let text = files[p].t;
    text = text.replace(staticImport, (all, head, quote, spec) => `${head}${quote}${rewrite(resolve(p, spec))}${quote}`);
    text = text.replace(/\bimport\.meta\.url\b/g, JSON.stringify(base + p));
    text = text.replace(/(^|[^.\w$])import\(/g, '$1globalThis.__llmosImport(');
    visiting.delete(p);
    urls[p] = URL.createObjectURL(new Blob([text], { type: 'text/javascript' }));
    return urls[p];
  };
  for (const p of Object.keys(files)) if (isModule(p)) rewrite(p);
  install(self, urls, base, document.baseURI);

  // The same map and fetch inside a worker: a wrapper module imports a
  // module that installs them, then the worker itself.
  const NativeWorker = Worker;
  const installer = `(${install})(self, ${JSON.stringify(urls)}, ${JSON.stringify(base)}, ${JSON.stringify(base)});`;
  const installerUrl = URL.createObjectURL(new Blob([installer], { type: 'text/javascript' }));
  self.Worker = function Worker(url, options = {}) {
    const p = self.__llmosPath(url);
    if (!p) return new NativeWorker(url, options);
    const wrapper = `import ${JSON.stringify(installerUrl)};\nimport ${JSON.stringify(urls[p])};\n`;
    return new NativeWorker(URL.createObjectURL(new Blob([wrapper], { type: 'text/javascript' })), { ...options, type: 'module' });
  };

  function install(scope, map, prefix, pageBase) {
    const pathOf = (input) => {
      const href = typeof input === 'string' ? input : input && (input.url || input.href);
      if (!href) return null;
      let absolute;
      try { absolute = new URL(href, pageBase).href; } catch { return null; }
      if (absolute.startsWith(prefix)) absolute = absolute.slice(prefix.length);
      else if (absolute.startsWith(pageBase.replace(/[^/]*$/, ''))) absolute = absolute.slice(pageBase.replace(/[^/]*$/, '').length);
      else return null;
      absolute = absolute.replace(/[?#].*$/, '');
      return map[absolute] ? absolute : null;
    };
    const nativeFetch = scope.fetch.bind(scope);
    Object.defineProperty(scope, 'fetch', {
      configurable: true, writable: true,
      value: (input, init) => {
        const p = pathOf(input);
        return p ? nativeFetch(map[p]) : nativeFetch(input, init);
      },
    });
    scope.__llmosPath = pathOf;
    scope.__llmosImport = (spec) => {
      const p = pathOf(String(spec));
      return import(p ? map[p] : spec);
    };
  }
}

const page = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>LLMos-Lite Workbench</title>
  <link rel="icon" href="data:,">
  <style>
    html, body { margin: 0; height: 100%; overflow: hidden; background: #181a1f; }
    #canvas { display: block; width: 100vw; height: 100vh; outline: none; }
    #boot { position: fixed; inset: 0; display: flex; align-items: center; justify-content: center;
            color: #c8ccd4; font: 15px system-ui, sans-serif; pointer-events: none; }
    #boot.failed { color: #ff8080; white-space: pre-wrap; padding: 2em; pointer-events: auto; }
  </style>
</head>
<body>
  <canvas id="canvas" tabindex="-1" oncontextmenu="event.preventDefault()"></canvas>
  <div id="boot">Loading LLMos-Lite Workbench (single file)…</div>
  <script id="llmos-files" type="application/json">${JSON.stringify(files).replace(/</g, '\\u003c')}</script>
  <script>
(${loader})();
globalThis.__llmosImport('llmos-file:/lib/boot.js')
  .then((boot) => boot.startWorkbench(document.getElementById('canvas'), document.getElementById('boot')))
  .catch((error) => { const box = document.getElementById('boot'); box.classList.add('failed'); box.textContent = String(error && error.stack || error); });
  </script>
</body>
</html>
`;
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, page);
console.log(`${out}: ${(page.length / 1e6).toFixed(1)} MB (${Object.keys(files).length} files, ${(rawBytes / 1e6).toFixed(1)} MB raw${withoutPyodide ? ', without Pyodide' : ''})`);
