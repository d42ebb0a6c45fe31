// The original design's snippets (/work/shared/reference/original-design.md,
// "Browser Execution Flow" 2-3 and "Custom Node Component"), verbatim: our
// reference for the API the page and the Node host keep. Run in Chromium by
// tests/e2e/runtimes.test.mjs and under Node by tests/web/original-snippets.test.mjs.
export const SNIPPET_PRELOAD = `import { preloadPyodide } from './lib/pyodide-runner';

await preloadPyodide(); // ~3 seconds first time, instant after`;
export const SNIPPET_EXECUTE = `import { executeWorkflow } from './lib/workflow-executor';

const results = await executeWorkflow(
  payload,
  (nodeId) => console.log(\`Starting \${nodeId}...\`),
  (result) => console.log(\`Completed \${result.nodeId}\`)
);

// Results: { vqe: { outputs: { eigenvalue: -1.137 } }, plot: { ... } }`;
export const SNIPPET_NODE = `  const handleExecute = async () => {
    const skill = await fetchSkill(data.skillId);
    const output = await executePythonSkill(skill.code, data.inputs);
    setResult(output);
  };`;
