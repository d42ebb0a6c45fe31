// What the File menu's "Copy share link" and "Save bundle" do
// (src/editor/share_menu.cpp calls these as window.llmos.share.*). The
// workflow store (team.md contract 8, web/lib/workflow-store.js) supplies the
// user skills and saved workflows when the page has one.
import { saveBundle as saveBundleZip } from './bundle-export.js';
import { shareLink, userSkillsUsedBy } from './share-link.js';

let storePromise = null;
async function workflowStore() {
  if (window.llmos?.store) return window.llmos.store;
  storePromise ??= import('./workflow-store.js')
    .then((module) => module.openWorkflowStore())
    .catch(() => null);  // no store on this page: links carry system skills only
  return storePromise;
}

// Builds the share link of `workflow` (JSON text or object), copies it to the
// clipboard when the browser lets the page, and resolves to
// {link, length, skills, copied}.
export async function copyLink(workflow, name = '') {
  const document = typeof workflow === 'string' ? JSON.parse(workflow) : workflow;
  const store = await workflowStore();
  const skills = userSkillsUsedBy(document, store?.listUserSkills ? await store.listUserSkills() : []);
  const link = await shareLink(location.href, { name, workflow: document, skills });
  let copied = false;
  try {
    await navigator.clipboard.writeText(link);
    copied = true;
  } catch {
    // Clipboard refused (no focus or permission): the link is still returned and shown.
  }
  const result = { link, length: link.length, skills: Object.keys(skills), copied };
  window.llmos.lastShareLink = result;
  say(copied ? `Share link copied (${link.length} characters).` : 'Share link ready: the browser refused the clipboard.');
  return result;
}

// Downloads the app with the user's workflows and skills as a zip.
export async function saveBundle() {
  say('Saving the bundle…');
  try {
    const result = await saveBundleZip({ store: await workflowStore() });
    say(`Saved llmos-workbench.zip: ${(result.bytes / 1e6).toFixed(1)} MB, ${result.workflows} workflows, ${result.skills} user skills.`);
    return result;
  } catch (error) {
    say(`Save bundle failed: ${error.message}`);
    throw error;
  }
}

function say(text) {
  console.info(`[share] ${text}`);
  window.llmos?.notify?.(text);
}
