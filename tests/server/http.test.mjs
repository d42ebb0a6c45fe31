// Static files and HTTP behaviour: ETags with 304s, wasm gzipped once and
// served the same every time, headers the browser needs.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { get, startServer, webRoot } from './server-harness.mjs';

let server;
before(async () => (server = await startServer({ demo: false })));
after(async () => server?.stop());

test('index.html with an ETag; a repeat visit gets 304 and no body', async () => {
  const first = await get(server, '/');
  assert.equal(first.status, 200);
  assert.match(first.headers['content-type'], /^text\/html/);
  assert.equal(first.text, fs.readFileSync(path.join(webRoot, 'index.html'), 'utf8'));
  assert.match(first.headers.etag, /^"[0-9a-f]{16}-\d+"$/);
  assert.equal(first.headers['cache-control'], 'no-cache');
  assert.equal(first.headers['cross-origin-embedder-policy'], 'require-corp');
  const again = await get(server, '/index.html', { headers: { 'If-None-Match': first.headers.etag } });
  assert.equal(again.status, 304);
  assert.equal(again.body.length, 0);
  const changedTag = await get(server, '/index.html', { headers: { 'If-None-Match': '"0000000000000000-1"' } });
  assert.equal(changedTag.status, 200);
});

test('llmos.wasm is gzipped once: identical compressed bytes every time, and it inflates to the file', async () => {
  const file = fs.readFileSync(path.join(webRoot, 'llmos.wasm'));
  const one = await get(server, '/llmos.wasm', { headers: { 'Accept-Encoding': 'gzip, deflate, br' } });
  const two = await get(server, '/llmos.wasm', { headers: { 'Accept-Encoding': 'gzip' } });
  assert.equal(one.status, 200);
  assert.equal(one.headers['content-type'], 'application/wasm');
  assert.equal(one.headers['content-encoding'], 'gzip');
  assert.ok(one.body.length < file.length * 0.6, `gzip saved too little: ${one.body.length} of ${file.length}`);
  assert.ok(one.body.equals(two.body));
  assert.ok(zlib.gunzipSync(one.body).equals(file));
  const plain = await get(server, '/llmos.wasm');
  assert.equal(plain.headers['content-encoding'], undefined);
  assert.ok(plain.body.equals(file));
  const notModified = await get(server, '/llmos.wasm', { headers: { 'Accept-Encoding': 'gzip', 'If-None-Match': one.headers.etag } });
  assert.equal(notModified.status, 304);
  assert.equal(notModified.body.length, 0);
});

test('API replies have ETags too: the skills list answers 304 on repeat', async () => {
  const first = await get(server, '/workflows/skills/executable', { headers: { 'Accept-Encoding': 'gzip' } });
  assert.equal(first.headers['content-encoding'], 'gzip');
  const skills = JSON.parse(zlib.gunzipSync(first.body));
  assert.equal(skills.skills.length, 27);
  const again = await get(server, '/workflows/skills/executable', { headers: { 'If-None-Match': first.headers.etag } });
  assert.equal(again.status, 304);
});

test('HEAD answers the headers without a body; unknown files are JSON 404s', async () => {
  const { request } = await import('./server-harness.mjs');
  const head = await request(server, 'HEAD', '/llmos.wasm');
  assert.equal(head.status, 200);
  assert.equal(head.body.length, 0);
  const missing = await get(server, '/no-such-file.js');
  assert.equal(missing.status, 404);
  assert.equal(missing.json.error.code, 'not_found');
});

test('a second server on a busy port refuses to start instead of sharing it', async () => {
  // Debian's cpp-httplib sets SO_REUSEPORT: a second server used to bind the
  // same port and take half of the first one's connections.
  const { spawnSync } = await import('node:child_process');
  const { bin } = await import('./server-harness.mjs');
  const second = spawnSync(bin, ['serve', '--port', String(server.port), '--web', webRoot], { encoding: 'utf8', timeout: 20000 });
  assert.equal(second.status, 1, `second server: ${second.stdout}${second.stderr}`);
  assert.match(second.stderr, new RegExp(`cannot listen on 127\\.0\\.0\\.1:${server.port}`));
  assert.equal((await get(server, '/index.html')).status, 200);
});

test("the listening queue holds a page's burst of connections (not the library's 5)", async () => {
  // A browser opens 6+ connections at once; with a queue of 5 a dropped
  // handshake waited for the 1 s SYN retransmission. For a listening socket,
  // ss reports the queue's size as Send-Q.
  const { spawnSync } = await import('node:child_process');
  const listing = spawnSync('ss', ['-Hltn', `sport = :${server.port}`], { encoding: 'utf8' });
  assert.equal(listing.status, 0, listing.stderr);
  const [, , sendQueue] = listing.stdout.trim().split(/\s+/);
  assert.ok(Number(sendQueue) >= 128, `listen queue: ${listing.stdout}`);
});
