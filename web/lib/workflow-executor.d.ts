// Types of the original design's workflow execution API (workflow-executor.js).

export interface WorkflowNode {
  nodeId: string;
  skillId: string;
  inputValues?: Record<string, unknown>;
  ui?: { position?: [number, number]; size?: [number, number]; collapsed?: boolean; [key: string]: unknown };
  [key: string]: unknown;
}

export interface WorkflowEdge {
  source: string;
  sourceOutput: string;
  target: string;
  targetInput: string;
  [key: string]: unknown;
}

export interface Workflow {
  nodes: WorkflowNode[];
  edges: WorkflowEdge[];
  name?: string;
  description?: string;
  ui?: { viewport?: { x: number; y: number; zoom: number }; [key: string]: unknown };
  [key: string]: unknown;
}

export interface PortSpec {
  name: string;
  type: string;
  default?: unknown;
  description?: string;
  required?: boolean;
  min?: number;
  max?: number;
  step?: number;
  options?: string[];
  unit?: string;
}

export interface SkillSpec {
  skill_id: string;
  name?: string;
  description?: string;
  category?: string;
  node_type: 'python-wasm' | 'qiskit' | 'javascript' | 'threejs' | 'spice' | 'compound' | string;
  execution_mode?: string;
  inputs: PortSpec[];
  outputs: PortSpec[];
  estimated_time_ms?: number;
  code?: string;
  postprocess?: string;
  requires?: string[];
}

/** What POST /workflows/execute returns in `payload`. */
export interface ExecutionPayload {
  workflow: Workflow;
  skills: Record<string, SkillSpec>;
}

export interface NodeError {
  code: string;
  message: string;
  line?: number;
}

export interface NodeRunResult {
  nodeId: string;
  outputs: Record<string, unknown>;
  duration_ms: number;
  cached: boolean;
  error?: NodeError;
}

export type WorkflowResults = Record<
  string,
  { outputs: Record<string, unknown>; duration_ms: number; cached: boolean; state: string; error?: NodeError }
>;

export interface Diagnostic {
  severity: 'error' | 'warning' | 'note';
  code: string;
  message: string;
  file?: string;
  line?: number;
  column?: number;
  pointer?: string;
  node_id?: string;
}

export interface RunEvent {
  run: number;
  kind: 'queued' | 'running' | 'progress' | 'done' | 'cached' | 'error' | 'skipped' | 'cancelled' | 'run_finished';
  node?: string;
  skill_id?: string;
  time_ms: number;
  duration_ms?: number;
  outputs?: Record<string, unknown>;
  error?: NodeError;
}

export interface ExecuteOptions {
  scope?: 'all' | 'to_node' | 'from_node';
  target?: string;
  use_cache?: boolean;
  node_timeout_ms?: number;
  signal?: AbortSignal;
  onEvent?: (event: RunEvent) => void;
}

export class WorkflowValidationError extends Error {
  diagnostics: Diagnostic[];
}

export function executeWorkflow(
  payload: ExecutionPayload | { status?: string; payload: ExecutionPayload } | Workflow,
  onStart?: ((nodeId: string) => void) | null,
  onComplete?: ((result: NodeRunResult) => void) | null,
  options?: ExecuteOptions,
): Promise<WorkflowResults>;

export function executeSkill(skill: SkillSpec, inputs?: Record<string, unknown>, options?: ExecuteOptions): Promise<Record<string, unknown>>;
export function validateWorkflow(payload: ExecutionPayload | Workflow): Promise<{ ok: boolean; diagnostics: Diagnostic[] }>;
export function cancelRun(runId: number, nodeId?: string): Promise<boolean>;
export function listSkills(query?: { type?: string; category?: string; keyword?: string; executable_only?: boolean; search?: string }): Promise<SkillSpec[]>;
export function loadBundledSkills(baseUrl?: URL | string): Promise<{ loaded: number; diagnostics: Diagnostic[] }>;
export function preloadPyodide(): Promise<{ load_ms: number; modules: number }>;
