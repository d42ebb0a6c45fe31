// One spice node's simulation on an NgspiceEngine: the skill's template
// checked and filled from the request's inputs, loaded, run, and every vector
// of the resulting plot read. Errors are NetlistErrors naming the skill
// file's line (the worker turns them into the protocol's error answer).
import { NgspiceError } from './ngspice-engine.js';
import { checkTemplate, circuitLines, fillTemplate, NetlistError, netlistLineOf } from './spice-netlist.js';

// ngspice's messages for an error: all of them when few, else the first and
// the last ones (gmin and source stepping print dozens; the log has them all).
function summary(lines, head = 4, tail = 10) {
  if (lines.length <= head + tail + 1) return lines.join('\n');
  return [...lines.slice(0, head), `... (${lines.length - head - tail} more lines in the log)`, ...lines.slice(-tail)].join('\n');
}

// request: the core's dispatch request ({skill:{code, code_first_line, ...},
// inputs}). Returns {outputs:{vectors, netlist}, stats:{plot, simulate_ms}}.
export function simulateRequest(engine, request) {
  const skill = request.skill;
  const firstLine = skill.code_first_line || 1;
  const template = skill.code || '';
  checkTemplate(template, firstLine);
  const netlist = fillTemplate(template, request.inputs || {}, firstLine);
  const lineOf = (messages) => {
    const line = netlistLineOf(messages, netlist);
    return line ? firstLine + line - 1 : 0;
  };
  const fail = (code, what, messages) => {
    const detail = summary(messages.filter((text) => text.trim() !== ''));
    return new NetlistError(code, detail ? `${what}:\n${detail}` : what, lineOf(messages));
  };
  const started = performance.now();
  let messages;
  try {
    messages = engine.load(circuitLines(netlist));
  } catch (error) {
    if (error instanceof NgspiceError) throw fail('spice.netlist', 'ngspice could not read the netlist', error.messages);
    throw error;
  }
  // ngspice reports many netlist errors and carries on without a circuit.
  const loadErrors = messages.filter((text) => /\berror\b/i.test(text));
  if (loadErrors.length) throw fail('spice.netlist', 'ngspice could not read the netlist', messages);
  try {
    messages = engine.run();
  } catch (error) {
    if (error instanceof NgspiceError) throw fail('spice.simulation', 'the simulation failed', error.messages);
    throw error;
  }
  const plot = engine.currentPlot();
  const runErrors = messages.filter((text) => /\berror\b|aborted/i.test(text));
  if (runErrors.length || plot === 'const') throw fail('spice.simulation', 'the simulation failed', messages);
  const vectors = engine.vectors(plot);
  return { outputs: { vectors, netlist }, stats: { plot, simulate_ms: performance.now() - started } };
}

