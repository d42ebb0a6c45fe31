// Types of the Pyodide runner (pyodide-runner.js).

export interface PythonAnswer {
  ok: boolean;
  outputs?: Record<string, unknown>;
  error?: { code: string; message: string; line?: number; traceback?: string };
}

export interface PythonRunOptions {
  /** Skill file path shown in tracebacks. */
  path?: string;
  /** Line of the skill file where the code block starts, so error lines match the file. */
  firstLine?: number;
}

/** Loads Pyodide and the helper modules in the Python worker (~2-3 s the first time). */
export function preloadPyodide(): Promise<{ load_ms: number; modules: number }>;
export function isPyodideLoaded(): boolean;
export function executePythonSkill(code: string, inputs: Record<string, unknown>, options?: PythonRunOptions): { id: number; promise: Promise<PythonAnswer> };
export function executePython(code: string, inputs: Record<string, unknown>, options?: PythonRunOptions): Promise<PythonAnswer>;
export function cancelPython(id: number): void;
