// The store-only zip writer (web/lib/zip-writer.js), checked by the tools
// people will open its archives with: Info-ZIP's unzip and Python's zipfile.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import zlib from 'node:zlib';
import { crc32, createZip } from '../../web/lib/zip-writer.js';

const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'llmos-zip-'));
after(() => fs.rmSync(temp, { recursive: true, force: true }));
const binary = new Uint8Array(300000);
for (let i = 0; i < binary.length; i++) binary[i] = (i * 2654435761) >>> 24;
const entries = [
  { path: 'llmos-workbench/index.html', data: '<!doctype html>\n<title>x</title>\n' },
  { path: 'llmos-workbench/llmos.wasm', data: binary },
  { path: 'llmos-workbench/user/workflows/Schaltung-für-Ω.json', data: '{"nodes": []}\n' },
  { path: 'llmos-workbench/empty.txt', data: new Uint8Array(0) },
];

describe('createZip', () => {
  const file = path.join(temp, 'a.zip');
  fs.writeFileSync(file, createZip(entries, { modified: new Date(2026, 11, 2, 11, 30, 44) }));

  test('crc32 equals zlib\'s', () => {
    for (const data of [new Uint8Array(0), new TextEncoder().encode('123456789'), binary]) {
      assert.equal(crc32(data), zlib.crc32 ? zlib.crc32(data) : crc32(data));
    }
    assert.equal(crc32(new TextEncoder().encode('123456789')), 0xcbf43926);  // the check value of CRC-32/ISO-HDLC
  });

  test('unzip -t finds every entry intact', () => {
    const check = spawnSync('unzip', ['-t', file], { encoding: 'utf8' });
    assert.equal(check.status, 0, check.stdout + check.stderr);
    assert.match(check.stdout, /No errors detected/);
    for (const entry of entries) assert.ok(check.stdout.includes(`testing: ${entry.path}`), `${entry.path}\n${check.stdout}`);
  });

  test('unzip extracts the same bytes, UTF-8 names and the modification time', () => {
    const out = path.join(temp, 'out');
    const extract = spawnSync('unzip', ['-q', file, '-d', out], { encoding: 'utf8' });
    assert.equal(extract.status, 0, extract.stderr);
    assert.deepEqual(new Uint8Array(fs.readFileSync(path.join(out, 'llmos-workbench/llmos.wasm'))), binary);
    assert.equal(fs.readFileSync(path.join(out, 'llmos-workbench/index.html'), 'utf8'), entries[0].data);
    assert.equal(fs.readFileSync(path.join(out, 'llmos-workbench/user/workflows/Schaltung-für-Ω.json'), 'utf8'), '{"nodes": []}\n');
    assert.equal(fs.statSync(path.join(out, 'llmos-workbench/empty.txt')).size, 0);
    const mtime = fs.statSync(path.join(out, 'llmos-workbench/index.html')).mtime;
    assert.deepEqual([mtime.getFullYear(), mtime.getMonth(), mtime.getDate(), mtime.getHours(), mtime.getMinutes(), mtime.getSeconds()],
      [2026, 11, 2, 11, 30, 44]);
    assert.equal(fs.statSync(path.join(out, 'llmos-workbench/index.html')).mode & 0o777, 0o644);
  });

  test('Python\'s zipfile reads it as stored entries', () => {
    const script = 'import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1])\nassert z.testzip() is None\n'
      + 'print("\\n".join(f"{i.filename} {i.compress_type} {i.file_size}" for i in z.infolist()))';
    const run = spawnSync('python3', ['-c', script, file], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(run.stdout.trim().split('\n'), entries.map((e) => `${e.path} 0 ${typeof e.data === 'string' ? Buffer.byteLength(e.data) : e.data.length}`));
  });

  test('names that would escape the folder or repeat are refused', () => {
    for (const bad of ['../x', '/etc/passwd', 'a/../../b', 'a\\b', 'a//b', '', './a']) {
      assert.throws(() => createZip([{ path: bad, data: 'x' }]), /refused entry name/, bad);
    }
    assert.throws(() => createZip([{ path: 'a', data: 'x' }, { path: 'a', data: 'y' }]), /duplicate entry a/);
  });
});
