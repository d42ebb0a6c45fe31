// Types of the JavaScript runner (js-runner.js).
import type { RuntimeHooks, RuntimeHandle, DispatchRequest } from './runtime-host.js';

/** Runs a dispatch request in the JS sandbox pool; request.entry/args select another entry point. */
export function runJavaScriptRequest(request: DispatchRequest & { entry?: string; args?: unknown[] }, hooks?: RuntimeHooks): RuntimeHandle;
/** Pool options before it starts: size, standby, createWorker (Node host). */
export function configureJavaScript(settings: Record<string, unknown>): void;
