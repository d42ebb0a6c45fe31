// Starts the real `llmos serve` on 127.0.0.1 (a free port) with a fresh
// temporary data directory, and speaks raw HTTP/1.1 to it, so tests can send
// paths exactly as written (no client-side normalisation of "..").
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const bin = process.env.LLMOS_BIN || path.join(repo, 'build', 'native', 'bin', 'llmos');
export const webRoot = path.join(repo, 'build', 'web');

// {base, port, dataDir, stop()}; `demo` adds team engineering and user alice.
export async function startServer({ demo = true, web = webRoot, extraArgs = [] } = {}) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'llmos-server-test-'));
  const args = ['serve', '--port', '0', '--data', dataDir, '--web', web, '--skills', path.join(repo, 'skills'), ...extraArgs];
  if (demo) args.push('--demo');
  const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`llmos serve did not start: ${output}`)), 20000);
    const onData = (chunk) => {
      output += chunk;
      const found = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(output);
      if (found) {
        clearTimeout(timer);
        resolve(Number(found[1]));
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`llmos serve exited with ${code}: ${output}`));
    });
  });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
  return {
    port,
    pid: child.pid,
    dataDir,
    base: `http://127.0.0.1:${port}`,
    agent,
    async stop() {
      agent.destroy();
      child.kill('SIGTERM');
      await new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', resolve)));
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// One request; `path` goes on the wire as given. Resolves to
// {status, headers, body (Buffer), text, json (or undefined)}.
export function request(server, method, rawPath, { body, headers = {} } = {}) {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
    const req = http.request(
      { host: '127.0.0.1', port: server.port, method, path: rawPath, agent: server.agent, headers: { ...headers, ...(payload ? { 'Content-Length': payload.length } : {}) } },
      (res) => {
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('end', () => {
          const buffer = Buffer.concat(chunks);
          const text = buffer.toString('utf8');
          let json;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode, headers: res.headers, body: buffer, text, json });
        });
      },
    );
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

export const get = (server, p, options) => request(server, 'GET', p, options);
export const post = (server, p, body, options = {}) => request(server, 'POST', p, { ...options, body });
export const put = (server, p, body, options = {}) => request(server, 'PUT', p, { ...options, body });
export const del = (server, p, options) => request(server, 'DELETE', p, options);

// `git` in a volume's repository (tests check the history with git itself).
export function git(dir, ...args) {
  const result = spawnSync('git', ['-C', dir, ...args], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

// A small valid javascript skill's Markdown.
export function skillMarkdown(id, { factor = 2, name = 'Scale Value' } = {}) {
  return `---
skill_id: ${id}
name: ${name}
description: Multiplies a number by a fixed factor.
type: javascript
execution_mode: browser-wasm
category: utility
inputs:
  - {name: value, type: float, default: 1}
outputs:
  - {name: result, type: float}
---
# ${name}

\`\`\`javascript
function execute(inputs) {
  return { result: inputs.value * ${factor} };
}
\`\`\`
`;
}
