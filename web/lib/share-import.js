// Opening a share link: the boot path reads the page's fragment, puts the
// shared user skills into the core's user volume, validates the workflow
// against the library, and hands it to whoever loads workflows into the
// editor. No server is asked for anything.
import { decodeShareFragment } from './share-link.js';

// Resolves to null when the page was not opened from a share link, else to
// {name, workflow, skills: [ids], diagnostics, loaded} where `loaded` says
// whether `loadWorkflow` took the graph. A damaged link resolves to
// {error: {code, message}} (the page shows it; nothing is half-loaded).
export async function importSharedWorkflow(core, { hash, loadWorkflow, store } = {}) {
  let shared;
  try {
    shared = await decodeShareFragment(hash);
  } catch (error) {
    return { error: { code: error.code || 'share.error', message: error.message } };
  }
  if (!shared) return null;
  const diagnostics = [];
  for (const [id, markdown] of Object.entries(shared.skills)) {
    const answer = core.addSkill(`shared/${id}.md`, markdown, 'user');
    diagnostics.push(...(answer.diagnostics || []));
    if (answer.ok && store?.saveUserSkill) await store.saveUserSkill(id, markdown);
  }
  const validation = core.validate(shared.workflow);
  diagnostics.push(...(validation.diagnostics || []));
  let loaded = false;
  if (typeof loadWorkflow === 'function') loaded = (await loadWorkflow(shared.workflow, shared.name)) !== false;
  return { name: shared.name, workflow: shared.workflow, skills: Object.keys(shared.skills), diagnostics, valid: !!validation.ok, loaded };
}
