// The arguments of `llmos run` (the native CLI checks them with CLI11 and
// hands them over unchanged; the Node host reads them again here so it can
// also be started directly: `node build/web/node/run.mjs flow.json ...`).
//
//   llmos run FILE [--skills DIR]... [--team DIR] [--user DIR]
//                  [--set NODE.INPUT=VALUE]... [--out DIR] [--json]
//                  [--base-url URL] [--events] [--no-cache] [--verbose] [--web DIR]

export class UsageError extends Error {
  constructor(message) {
    super(message);
    this.name = 'UsageError';
  }
}

const VALUE_FLAGS = new Map([
  ['--skills', 'skills'], ['--dir', 'skills'], ['--team', 'team'], ['--user', 'user'], ['--set', 'sets'],
  ['--out', 'out'], ['--web', 'web'], ['--node-timeout', 'nodeTimeout'], ['--base-url', 'baseUrl'],
]);
const BOOLEAN_FLAGS = new Map([['--json', 'json'], ['--events', 'events'], ['--no-cache', 'noCache'], ['--verbose', 'verbose'],
                               ['-v', 'verbose']]);
const REPEATABLE = new Set(['skills', 'sets']);

export function parseRunArguments(argv) {
  const options = { file: null, skills: [], team: null, user: null, sets: [], out: null, web: null, nodeTimeout: null,
                    baseUrl: null, json: false, events: false, noCache: false, verbose: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      options.help = true;
      continue;
    }
    let inline = null;
    const equals = arg.indexOf('=');
    if (arg.startsWith('--') && equals > 0) {
      inline = arg.slice(equals + 1);
      arg = arg.slice(0, equals);
    }
    if (VALUE_FLAGS.has(arg)) {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new UsageError(`${arg} needs a value`);
      const key = VALUE_FLAGS.get(arg);
      if (REPEATABLE.has(key)) options[key].push(value);
      else if (options[key] !== null) throw new UsageError(`${arg} given twice`);
      else options[key] = value;
    } else if (BOOLEAN_FLAGS.has(arg)) {
      if (inline !== null) throw new UsageError(`${arg} takes no value`);
      options[BOOLEAN_FLAGS.get(arg)] = true;
    } else if (arg.startsWith('-')) {
      throw new UsageError(`unknown option '${arg}'`);
    } else if (options.file === null) {
      options.file = arg;
    } else {
      throw new UsageError(`unexpected argument '${arg}' (one workflow file per run)`);
    }
  }
  if (!options.help && options.file === null) throw new UsageError('give the workflow file to run');
  options.sets = options.sets.map(parseSet);
  if (options.nodeTimeout !== null) {
    const ms = Number(options.nodeTimeout);
    if (!Number.isInteger(ms) || ms <= 0) throw new UsageError(`--node-timeout ${options.nodeTimeout}: give whole milliseconds > 0`);
    options.nodeTimeout = ms;
  }
  if (options.baseUrl !== null) options.baseUrl = parseBaseUrl(options.baseUrl);
  return options;
}

// --base-url: an absolute http(s) URL, as the page's address would be; a
// skill's relative URLs (fetch('data.csv')) resolve against it, then meet
// the skill's permissions.network as in the browser.
export function parseBaseUrl(text) {
  let url;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`--base-url ${text}: give an absolute URL (e.g. http://localhost:8000/)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`--base-url ${text}: give an http or https URL (relative URLs are fetched from there)`);
  }
  return url.href;
}

// "node.input=value": the value is JSON when it parses as JSON (numbers,
// true/false, arrays, objects, quoted strings), otherwise the text itself.
export function parseSet(text) {
  const match = /^([^.=]+)\.([^=]+)=(.*)$/s.exec(text);
  if (!match) throw new UsageError(`--set '${text}': expected NODE.INPUT=VALUE`);
  const [, node, input, raw] = match;
  let value = raw;
  try {
    value = JSON.parse(raw);
  } catch {
    // plain text
  }
  return { node, input, value, text };
}

// Applies --set values to a workflow document (a copy); an unknown node id
// is an error naming the ids that exist.
export function applySets(workflow, sets) {
  const copy = structuredClone(workflow);
  for (const set of sets) {
    const node = (copy.nodes || []).find((candidate) => candidate.nodeId === set.node);
    if (!node) {
      const known = (copy.nodes || []).map((candidate) => candidate.nodeId).join(', ');
      throw new UsageError(`--set ${set.text}: the workflow has no node '${set.node}' (nodes: ${known})`);
    }
    node.inputValues = { ...(node.inputValues || {}), [set.input]: set.value };
  }
  return copy;
}

export const usage = `usage: llmos run FILE [options]
Runs a workflow headless: the workbench's wasm core and its runtime workers
(Pyodide, the JavaScript sandbox, ngspice.wasm) under Node.

  --skills DIR     system skill volume (repeatable; default: the bundle's skills/)
  --team DIR       team skill volume
  --user DIR       user skill volume
  --set N.I=VALUE  set input I of node N (VALUE as JSON, else text; repeatable)
  --out DIR        write each node's outputs (PNG, SVG, CSV, JSON), results.json and trace.json
  --json           print one JSON document with every node's results on stdout
  --events         the node lines as JSON on stderr, one per event (for programs
                   following a run: {"event","node","skill","ms","fraction","message","error"})
  --node-timeout MS  stop any node running longer than MS (default: the core's deadline per node type)
  --base-url URL   what skills' relative URLs resolve against, as the page's
                   address does in the browser (e.g. http://localhost:8000/);
                   the skill's permissions.network still decides
  --no-cache       do not reuse results within the run's core
  --verbose        also print the nodes' log lines
Exit status: 0 all nodes done, 1 a node failed, 2 bad arguments or an invalid
workflow, 130 interrupted (Ctrl+C cancels the run; outputs already written stay).
`;
