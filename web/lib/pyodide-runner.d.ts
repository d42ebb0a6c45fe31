// Types of the Pyodide runner (pyodide-runner.js).
import type { RuntimeHooks, RuntimeHandle, DispatchRequest } from './runtime-host.js';

export interface PythonRunOptions {
  /** Skill file path shown in tracebacks. */
  path?: string;
  /** Line of the skill file where the code block starts, so error lines match the file. */
  firstLine?: number;
}

export interface PythonSkillError extends Error {
  code: string;
  line?: number;
  traceback?: string;
}

/** Starts Pyodide and the helper modules in a worker (resolves when ready). */
export function preloadPyodide(): Promise<{ load_ms: number; phases: Record<string, number>; modules: number }>;
/** True once a Pyodide worker is ready. */
export function isPyodideLoaded(): boolean;
/** The original design's call: resolves to the outputs object, rejects with a PythonSkillError. */
export function executePythonSkill(code: string, inputs?: Record<string, unknown>, options?: PythonRunOptions):
  Promise<Record<string, unknown>> & { id: number; cancel(reason?: { code: string; message: string }): void };
/** Runs a dispatch request in the Python pool (the bridge of python-wasm and qiskit). */
export function runPythonRequest(request: DispatchRequest, hooks?: RuntimeHooks): RuntimeHandle;
/** Pool options before it starts: size, standby, createWorker (Node host). */
export function configurePython(settings: Record<string, unknown>): void;
