// Starts the wasm app on the page's canvas and exposes the core's JS API as
// window.llmos. A failure to start is shown on the page, never swallowed.
import createLlmos from '../llmos.js';
import { attachCore } from './core.js';

export async function startWorkbench(canvas, bootMessage) {
  try {
    const module = await createLlmos({
      canvas,
      print: (text) => console.log(text),
      printErr: (text) => console.warn(text),
    });
    const core = attachCore(module);
    window.llmos = Object.assign(window.llmos || {}, { core, module });
    bootMessage.remove();
    canvas.focus();
    window.dispatchEvent(new CustomEvent('llmos:ready', { detail: { version: core.version() } }));
  } catch (error) {
    bootMessage.classList.add('failed');
    bootMessage.textContent = `LLMos-Lite Workbench could not start:\n${error && error.stack ? error.stack : error}`;
    throw error;
  }
}
