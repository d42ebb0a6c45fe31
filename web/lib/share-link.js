// Share links: a workflow and the user skills it uses, deflated and put in
// the URL fragment (`#share=<base64url>`), so opening the link loads the graph
// with no server. The fragment never leaves the browser (it is not sent in
// requests), so a shared workflow is not seen by whoever serves the page.
//
//   const link = await shareLink(location.href, {name, workflow, skills});
//   const shared = await decodeShareFragment(location.hash);  // null if none
//
// Works in browsers and Node 20 (CompressionStream 'deflate-raw', no library).

export const SHARE_PREFIX = '#share=';
export const SHARE_FORMAT = 1;
// What a link may hold: browsers take URLs of a few MB (Chromium 2 MB), but
// chat apps and mail cut far earlier; a decoded share is bounded so a
// crafted link cannot make the page inflate gigabytes.
export const MAX_FRAGMENT_CHARS = 2 * 1024 * 1024;
export const MAX_DECODED_BYTES = 8 * 1024 * 1024;

export class ShareLinkError extends Error {
  constructor(code, message) {
    super(message);
    this.name = 'ShareLinkError';
    this.code = code;
  }
}

// The ids of the skills a workflow's nodes use, in file order, once each.
export function skillIdsOf(workflow) {
  const ids = [];
  for (const node of workflow?.nodes || []) {
    if (typeof node?.skillId === 'string' && !ids.includes(node.skillId)) ids.push(node.skillId);
  }
  return ids;
}

// The user skills a workflow uses: `userSkills` is the workflow store's
// listUserSkills() answer ([{id, markdown}] or {id: markdown}); system skills
// are in every bundle and are not copied into the link.
export function userSkillsUsedBy(workflow, userSkills) {
  const byId = new Map();
  if (Array.isArray(userSkills)) {
    for (const skill of userSkills) byId.set(skill.id ?? skill.skill_id, skill.markdown ?? skill.source ?? skill.text);
  } else if (userSkills) {
    for (const [id, markdown] of Object.entries(userSkills)) byId.set(id, markdown);
  }
  const used = {};
  for (const id of skillIdsOf(workflow)) {
    if (typeof byId.get(id) === 'string') used[id] = byId.get(id);
  }
  return used;
}

// {name, workflow, skills:{id: markdown}} -> '#share=...'.
export async function encodeShareFragment({ name = '', workflow, skills = {} }) {
  if (!workflow || !Array.isArray(workflow.nodes)) {
    throw new ShareLinkError('share.workflow', 'a share link needs a workflow with a nodes array');
  }
  const document = JSON.stringify({ format: SHARE_FORMAT, name, workflow, skills });
  const deflated = await pipeBytes(new TextEncoder().encode(document), new CompressionStream('deflate-raw'));
  const fragment = SHARE_PREFIX + toBase64Url(deflated);
  if (fragment.length > MAX_FRAGMENT_CHARS) {
    throw new ShareLinkError('share.too_large',
      `the workflow is too large for a link (${fragment.length} characters, at most ${MAX_FRAGMENT_CHARS}); save a bundle instead`);
  }
  return fragment;
}

// The page's URL (without any fragment) with the share fragment.
export async function shareLink(pageUrl, share) {
  const url = new URL(pageUrl);
  url.hash = '';
  return url.href.replace(/#$/, '') + await encodeShareFragment(share);
}

// '#share=...' (or a whole URL holding it) -> {name, workflow, skills}, or
// null when the fragment is not a share. A damaged link is a ShareLinkError
// with a code, never a half-loaded graph.
export async function decodeShareFragment(fragmentOrUrl) {
  const text = String(fragmentOrUrl ?? '');
  const at = text.indexOf(SHARE_PREFIX);
  if (at === -1) return null;
  const payload = text.slice(at + SHARE_PREFIX.length);
  if (payload.length > MAX_FRAGMENT_CHARS) throw new ShareLinkError('share.too_large', 'the share link is too long');
  if (!/^[A-Za-z0-9_-]+$/.test(payload)) {
    throw new ShareLinkError('share.encoding', 'the share link is damaged: it has characters base64url does not use');
  }
  let bytes;
  try {
    bytes = await pipeBytes(fromBase64Url(payload), new DecompressionStream('deflate-raw'), MAX_DECODED_BYTES);
  } catch (error) {
    if (error instanceof ShareLinkError) throw error;
    throw new ShareLinkError('share.compression', `the share link is damaged (it does not inflate: ${error.message})`);
  }
  let document;
  try {
    document = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    throw new ShareLinkError('share.json', `the share link is damaged (not JSON: ${error.message})`);
  }
  if (document?.format !== SHARE_FORMAT) {
    throw new ShareLinkError('share.format', `the share link has format ${JSON.stringify(document?.format)}; this page reads format ${SHARE_FORMAT}`);
  }
  if (!document.workflow || !Array.isArray(document.workflow.nodes)) {
    throw new ShareLinkError('share.workflow', 'the share link holds no workflow');
  }
  const skills = {};
  for (const [id, markdown] of Object.entries(document.skills || {})) {
    if (typeof markdown !== 'string') throw new ShareLinkError('share.skill', `the shared skill '${id}' is not text`);
    skills[id] = markdown;
  }
  return { name: typeof document.name === 'string' ? document.name : '', workflow: document.workflow, skills };
}

// Runs bytes through a (de)compression stream, stopping past `limit` bytes.
async function pipeBytes(bytes, transform, limit = Infinity) {
  const writer = transform.writable.getWriter();
  const written = writer.write(bytes).then(() => writer.close());
  written.catch(() => {});  // the reader below reports the error
  const chunks = [];
  let total = 0;
  const reader = transform.readable.getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > limit) {
      await reader.cancel();
      throw new ShareLinkError('share.too_large', `the shared workflow inflates past ${limit} bytes`);
    }
    chunks.push(value);
  }
  await written;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

function toBase64Url(bytes) {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text) {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
