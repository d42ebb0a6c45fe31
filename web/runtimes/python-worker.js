// Runs python-wasm and qiskit skills in Pyodide, inside a module Worker so a
// long computation never freezes the editor. Pyodide and the helper modules
// (skills/python/*.py) come from this bundle; nothing is fetched elsewhere.
//
// Protocol (postMessage):
//   -> {type: 'init'}                                   <- {type: 'ready', id, load_ms}
//   -> {type: 'run', id, code, inputs, path, firstLine} <- {type: 'result', id, ok, outputs | error}
import { loadPyodide } from '../vendor/pyodide/pyodide.mjs';

const bundleRoot = new URL('../', import.meta.url);
let ready = null;

// Line numbers in tracebacks are the skill file's own lines: the code is
// compiled after (firstLine - 1) blank lines, under the skill's path.
const RUNNER = `
import json, sys, traceback

def __llmos_run(code, inputs_json, path, first_line):
    source = "\\n" * (first_line - 1) + code
    namespace = {"__name__": "__skill__", "__file__": path}
    try:
        exec(compile(source, path, "exec"), namespace)
        execute = namespace.get("execute")
        if not callable(execute):
            return json.dumps({"ok": False, "error": {"code": "python.entrypoint",
                "message": "the skill defines no execute(inputs) function"}})
        outputs = execute(json.loads(inputs_json))
        if not isinstance(outputs, dict):
            return json.dumps({"ok": False, "error": {"code": "python.result",
                "message": "execute() must return a dict, got " + type(outputs).__name__}})
        try:
            return json.dumps({"ok": True, "outputs": outputs}, allow_nan=False)
        except (TypeError, ValueError) as error:
            return json.dumps({"ok": False, "error": {"code": "python.result",
                "message": "outputs are not JSON: " + str(error)}})
    except BaseException as error:
        line = 0
        for frame in reversed(traceback.extract_tb(error.__traceback__)):
            if frame.filename == path:
                line = frame.lineno
                break
        if isinstance(error, SyntaxError) and error.filename == path:
            line = error.lineno or line
        return json.dumps({"ok": False, "error": {"code": "python.exception",
            "message": type(error).__name__ + ": " + str(error), "line": line,
            "traceback": "".join(traceback.format_exception(error))[-4000:]}})
`;

async function loadHelperModules(pyodide) {
  const index = await (await fetch(new URL('skills/index.json', bundleRoot))).json();
  pyodide.FS.mkdirTree('/llmos/python');
  const modules = index.filter((file) => file.startsWith('python/') && file.endsWith('.py'));
  await Promise.all(modules.map(async (file) => {
    const text = await (await fetch(new URL(`skills/${file}`, bundleRoot))).text();
    pyodide.FS.writeFile(`/llmos/${file}`, text);
  }));
  pyodide.runPython('import sys\nsys.path.insert(0, "/llmos/python")');
  return modules.length;
}

async function initialise() {
  const started = performance.now();
  const pyodide = await loadPyodide({ indexURL: new URL('vendor/pyodide/', bundleRoot).href });
  const moduleCount = await loadHelperModules(pyodide);
  pyodide.runPython(RUNNER);
  return { pyodide, run: pyodide.globals.get('__llmos_run'), moduleCount, loadMs: performance.now() - started };
}

self.onmessage = async (event) => {
  const message = event.data;
  try {
    ready ??= initialise();
    const runtime = await ready;
    if (message.type === 'init') {
      self.postMessage({ type: 'ready', id: message.id, load_ms: runtime.loadMs, modules: runtime.moduleCount });
      return;
    }
    if (message.type === 'run') {
      const text = runtime.run(message.code, JSON.stringify(message.inputs ?? {}), message.path || '<skill>',
                               message.firstLine || 1);
      self.postMessage({ type: 'result', id: message.id, ...JSON.parse(text) });
    }
  } catch (error) {
    self.postMessage({ type: 'result', id: message.id, ok: false,
                       error: { code: 'python.runtime', message: String(error && error.message || error) } });
  }
};
