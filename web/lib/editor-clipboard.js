// The system clipboard for the node editor. GLFW's clipboard is internal to
// the page, so the browser's copy, cut and paste events are forwarded to the
// editor (src/editor/clipboard_bridge.cpp): what it copies is workflow JSON,
// which pastes into another tab or a text editor. Text fields (ImGui's and
// the page's) keep the browser's own behaviour.

function isPageTextField(target) {
  return target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA)$/.test(target.tagName));
}

function pasteInto(module, text) {
  const size = module.lengthBytesUTF8(text) + 1;
  const pointer = module._malloc(size);
  try {
    module.stringToUTF8(text, pointer, size);
    return module._llmos_editor_paste(pointer) === 1;
  } finally {
    module._free(pointer);
  }
}

// Installs the listeners; returns {copy(), cut(), paste(text)} for scripts
// (window.llmos.clipboard): copy/cut give the JSON, paste returns true when
// the text was a workflow and its nodes were added.
export function installEditorClipboard(module, target = document) {
  const editorOwns = (event) => !isPageTextField(event.target) && module._llmos_editor_wants_text() === 0;
  const take = (cut) => module.UTF8ToString(module._llmos_editor_copy(cut ? 1 : 0));
  const onCopy = (cut) => (event) => {
    if (!editorOwns(event)) return;
    const text = take(cut);
    if (!text) return;
    event.clipboardData.setData('text/plain', text);
    event.preventDefault();
  };
  target.addEventListener('copy', onCopy(false));
  target.addEventListener('cut', onCopy(true));
  target.addEventListener('paste', (event) => {
    if (!editorOwns(event)) return;
    const text = event.clipboardData.getData('text/plain');
    if (text && pasteInto(module, text)) event.preventDefault();
  });
  return {
    copy: () => take(false),
    cut: () => take(true),
    paste: (text) => pasteInto(module, String(text)),
  };
}
