// Share links (web/lib/share-link.js): round trips of every shipped example,
// the user skills a workflow uses, and each way a link can be damaged.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  MAX_DECODED_BYTES, SHARE_PREFIX, ShareLinkError, decodeShareFragment, encodeShareFragment, shareLink,
  skillIdsOf, userSkillsUsedBy,
} from '../../web/lib/share-link.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const examplesDir = path.join(repo, 'skills/examples');
const examples = fs.readdirSync(examplesDir).filter((f) => f.endsWith('.json')).sort();
const readExample = (file) => JSON.parse(fs.readFileSync(path.join(examplesDir, file), 'utf8'));

const userSkill = `---
skill_id: my-scale-node
name: My Scale
type: javascript
execution_mode: browser-wasm
category: utility
description: Multiplies a number
inputs:
  - {name: x, type: float, default: 2}
outputs:
  - {name: y, type: float}
---
# My Scale
\`\`\`javascript
function execute(inputs) { return { y: inputs.x * 3 }; }
\`\`\`
`;

describe('encode and decode', () => {
  test('every shipped example survives a round trip exactly, in a fragment of base64url', async () => {
    assert.ok(examples.length >= 7, examples.join());
    for (const file of examples) {
      const workflow = readExample(file);
      const fragment = await encodeShareFragment({ name: file, workflow });
      assert.ok(fragment.startsWith(SHARE_PREFIX), file);
      assert.match(fragment.slice(SHARE_PREFIX.length), /^[A-Za-z0-9_-]+$/, file);
      const decoded = await decodeShareFragment(fragment);
      assert.deepEqual(decoded, { name: file, workflow, skills: {} }, file);
    }
  });

  test('deflate makes the link shorter than the JSON it carries', async () => {
    const workflow = readExample('circuit-dashboard.json');
    const json = JSON.stringify(workflow);
    const fragment = await encodeShareFragment({ workflow });
    assert.ok(fragment.length < json.length * 0.8, `${fragment.length} chars for ${json.length} bytes of JSON`);
  });

  test('shareLink replaces an existing fragment and keeps the query (hosted ?user=&team=)', async () => {
    const workflow = readExample('rc-chart.json');
    const link = await shareLink('http://localhost:8107/index.html?user=alice&team=engineering#old', { workflow });
    const url = new URL(link);
    assert.equal(url.search, '?user=alice&team=engineering');
    assert.ok(url.hash.startsWith(SHARE_PREFIX));
    assert.deepEqual((await decodeShareFragment(link)).workflow, workflow);
  });

  test('unicode names and values survive', async () => {
    const workflow = { nodes: [{ nodeId: 'n', skillId: 'text-node', inputValues: { label: 'Ω ≈ 1 kΩ, ψ⟩ 😀' } }], edges: [] };
    const decoded = await decodeShareFragment(await encodeShareFragment({ name: 'Schaltung für Ω', workflow }));
    assert.equal(decoded.name, 'Schaltung für Ω');
    assert.equal(decoded.workflow.nodes[0].inputValues.label, 'Ω ≈ 1 kΩ, ψ⟩ 😀');
  });

  test('a fragment that is not a share link is null', async () => {
    assert.equal(await decodeShareFragment(''), null);
    assert.equal(await decodeShareFragment('#section-2'), null);
    assert.equal(await decodeShareFragment(undefined), null);
  });
});

describe('user skills in the link', () => {
  const workflow = {
    nodes: [
      { nodeId: 'a', skillId: 'my-scale-node' },
      { nodeId: 'b', skillId: 'd3-chart-node' },
      { nodeId: 'c', skillId: 'my-scale-node' },
    ],
    edges: [],
  };

  test('skillIdsOf lists each skill once in file order', () => {
    assert.deepEqual(skillIdsOf(workflow), ['my-scale-node', 'd3-chart-node']);
  });

  test('only the user skills the workflow uses go in, from either store shape', () => {
    const list = [{ id: 'my-scale-node', markdown: userSkill }, { id: 'unused-node', markdown: 'x' }];
    assert.deepEqual(userSkillsUsedBy(workflow, list), { 'my-scale-node': userSkill });
    assert.deepEqual(userSkillsUsedBy(workflow, { 'my-scale-node': userSkill, 'unused-node': 'x' }), { 'my-scale-node': userSkill });
    assert.deepEqual(userSkillsUsedBy(workflow, []), {});
  });

  test('the skill text comes back byte for byte', async () => {
    const skills = userSkillsUsedBy(workflow, [{ id: 'my-scale-node', markdown: userSkill }]);
    const decoded = await decodeShareFragment(await encodeShareFragment({ name: 'w', workflow, skills }));
    assert.equal(decoded.skills['my-scale-node'], userSkill);
  });
});

describe('damaged and hostile links', () => {
  const expectCode = async (fragment, code, pattern) => {
    await assert.rejects(decodeShareFragment(fragment), (error) => {
      assert.ok(error instanceof ShareLinkError);
      assert.equal(error.code, code);
      if (pattern) assert.match(error.message, pattern);
      return true;
    });
  };
  const deflate = async (text) => {
    const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'));
    return Buffer.from(await new Response(stream).arrayBuffer()).toString('base64url');
  };

  test('characters outside base64url', async () => {
    await expectCode('#share=abc+/=', 'share.encoding', /base64url/);
    await expectCode('#share=a b', 'share.encoding');
  });

  test('a cut-off link does not inflate', async () => {
    const fragment = await encodeShareFragment({ workflow: readExample('circuit-dashboard.json') });
    await expectCode(fragment.slice(0, fragment.length - 40), 'share.compression', /damaged/);
  });

  test('bytes that are not deflate', async () => {
    await expectCode(SHARE_PREFIX + Buffer.from('hello, this is not deflate at all').toString('base64url'), 'share.compression');
  });

  test('deflated text that is not JSON', async () => {
    await expectCode(SHARE_PREFIX + await deflate('{"format": 1, "workflow":'), 'share.json', /not JSON/);
  });

  test('another format version, a missing workflow, a skill that is not text', async () => {
    await expectCode(SHARE_PREFIX + await deflate('{"format": 2, "workflow": {"nodes": []}}'), 'share.format', /format 2/);
    await expectCode(SHARE_PREFIX + await deflate('{"format": 1}'), 'share.workflow');
    await expectCode(SHARE_PREFIX + await deflate('{"format": 1, "workflow": {"nodes": []}, "skills": {"x": 5}}'), 'share.skill', /'x'/);
  });

  test('a decompression bomb stops at the limit instead of filling memory', async () => {
    const bomb = '{"format":1,"name":"' + 'A'.repeat(MAX_DECODED_BYTES + 1024) + '"}';
    const fragment = SHARE_PREFIX + await deflate(bomb);
    assert.ok(fragment.length < 20000, `bomb link is ${fragment.length} chars`);
    await expectCode(fragment, 'share.too_large', /inflates past/);
  });

  test('encoding refuses something that is not a workflow', async () => {
    await assert.rejects(encodeShareFragment({ workflow: { edges: [] } }), { code: 'share.workflow' });
  });
});
