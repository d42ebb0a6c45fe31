// Types of the runtime host (runtime-host.js) and the bridge contract.

/** The core's dispatch request (src/wasm/js_runtime.cpp). */
export interface DispatchRequest {
  run: number;
  node: string;
  skill: {
    skill_id: string; node_type: string; code?: string; code_first_line?: number; language?: string;
    source_path: string; postprocess?: string; postprocess_first_line?: number;
    requires: string[]; network: string[]; outputs: string[];
  };
  inputs: Record<string, unknown>;
  deadline_ms: number | null;
}

export interface RuntimeHooks {
  /** A chunk of the node's output: stream is 'stdout', 'stderr' or a runtime's own name. */
  log?(stream: string, text: string): void;
  progress?(fraction: number, message: string): void;
}

export type RuntimeAnswer =
  | { ok: true; outputs?: Record<string, unknown>; outputs_json?: string }
  | { ok: false; error: { code: string; message: string; line?: number; traceback?: string } };

export interface RuntimeHandle {
  id?: number;
  promise: Promise<RuntimeAnswer>;
  cancel(reason?: { code: string; message: string }): void;
}

/** One row of the core's node-type table (llmos_node_types, core.nodeTypes()). */
export interface NodeTypeEntry {
  type: string;
  language: string;
  runtime: string;
  pool: number;
  deadline_ms: number | null;
}

/** Registers the bridge of a node type; configure() receives the core's node-type table entry. */
export function registerBridge(nodeType: string, run: (request: DispatchRequest, hooks: RuntimeHooks) => RuntimeHandle,
                               options?: { configure?(entry: NodeTypeEntry): void }): void;

export class RuntimeHost {
  constructor(core: unknown);
  dispatch(request: DispatchRequest): void;
  cancel(run: number, node: string): void;
}
