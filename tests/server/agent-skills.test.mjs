// Agent Skills folders through the HTTP API: a system volume shaped like a
// public Agent Skills repository (tests/data/agent_skills) gives one skill
// per SKILL.md, lists the folder's other files as resources, and reads one
// resource by its listed path only.
// Run: node --test tests/server/agent-skills.test.mjs  (LLMOS_BIN overrides the binary)
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { get, repo, startServer } from './server-harness.mjs';

const tree = path.join(repo, 'tests', 'data', 'agent_skills');
const pdfFolder = path.join(tree, 'document-skills', 'pdf-forms');

let server;
before(async () => (server = await startServer({ demo: false, extraArgs: ['--skills', tree] })));
after(async () => server?.stop());

test('each SKILL.md folder is one skill; its resources are not skills', async () => {
  const reply = await get(server, '/workflows/skills?category=&type=standard');
  assert.equal(reply.status, 200);
  const ids = reply.json.skills.map((s) => s.skill_id);
  for (const id of ['brand-kit', 'generative-art', 'pdf-forms', 'slide-deck', 'template-skill']) assert.ok(ids.includes(id), id);
  for (const id of ['reference', 'forms', 'ooxml', 'fill-fields']) assert.ok(!ids.includes(id), id);
});

test('GET /workflows/skills/{id} lists the resources with size, media type and small text', async () => {
  const reply = await get(server, '/workflows/skills/pdf-forms');
  assert.equal(reply.status, 200);
  assert.deepEqual(reply.json.resources.map((r) => r.path),
    ['forms.md', 'reference.md', 'scripts/fill_fields.py', 'scripts/list_fields.py']);
  const reference = reply.json.resources[1];
  const onDisk = fs.readFileSync(path.join(pdfFolder, 'reference.md'), 'utf8');
  assert.equal(reference.size, Buffer.byteLength(onDisk));
  assert.equal(reference.media_type, 'text/markdown; charset=utf-8');
  assert.equal(reference.text, onDisk);
  const kit = await get(server, '/workflows/skills/brand-kit');
  const png = kit.json.resources.find((r) => r.path === 'assets/swatch.png');
  assert.equal(png.media_type, 'image/png');
  assert.equal(png.text, undefined); // binary: listed, not inlined
});

test('one resource is sent as its bytes with its media type', async () => {
  const reply = await get(server, '/workflows/skills/pdf-forms/resource?path=scripts/fill_fields.py');
  assert.equal(reply.status, 200);
  assert.equal(reply.headers['content-type'], 'text/x-python; charset=utf-8');
  assert.ok(reply.body.equals(fs.readFileSync(path.join(pdfFolder, 'scripts', 'fill_fields.py'))));
  const png = await get(server, '/workflows/skills/brand-kit/resource?path=assets%2Fswatch.png');
  assert.equal(png.status, 200);
  assert.ok(png.body.equals(fs.readFileSync(path.join(tree, 'brand-kit', 'assets', 'swatch.png'))));
});

test('paths outside the listed resources are refused, whatever their spelling', async () => {
  for (const attempt of ['../slide-deck/SKILL.md', '..%2F..%2Fbrand-kit%2FSKILL.md', '%2Fetc%2Fpasswd',
                         'scripts/../reference.md', 'SKILL.md', '.%2Freference.md', 'scripts']) {
    const reply = await get(server, `/workflows/skills/pdf-forms/resource?path=${attempt}`);
    assert.equal(reply.status, 404, attempt);
    assert.equal(reply.json.error.code, 'resource.not_found', attempt);
    assert.equal(reply.json.error.field, 'path');
    assert.deepEqual(reply.json.error.resources,
      ['forms.md', 'reference.md', 'scripts/fill_fields.py', 'scripts/list_fields.py']);
    assert.ok(!reply.text.includes('root:'), attempt);
  }
  const missing = await get(server, '/workflows/skills/pdf-forms/resource');
  assert.equal(missing.status, 400);
  assert.equal(missing.json.error.code, 'resource.path.missing');
  const noSkill = await get(server, '/workflows/skills/pdf-formz/resource?path=forms.md');
  assert.equal(noSkill.status, 404);
  assert.equal(noSkill.json.error.code, 'skill.not_found');
});
