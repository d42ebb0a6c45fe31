// One ngspice 39 instance compiled to wasm (vendor/ngspice/, built by
// third_party/ngspice/), driven through its shared-library API: load a circuit
// with ngSpice_Circ, `run` it (no background thread in wasm), read every
// vector of the plot it made as Float64 straight from the wasm heap.
// Environment-agnostic: a browser Worker, a Node worker_threads shim and plain
// Node (tests, bench) all use it.
import createNgspice from '../vendor/ngspice/ngspice.mjs';
import { normaliseVectorName } from './spice-vectors.js';

const wasmUrl = new URL('../vendor/ngspice/ngspice.wasm', import.meta.url);

// enum simulation_types (ngspice/sim.h) and VF_* flags (ngspice/dvec.h).
const SV_FREQUENCY = 2;
const VF_COMPLEX = 2;

let compiled = null;

// The compiled wasm, shared by every instance of this thread. `source` may be
// a WebAssembly.Module or the .wasm bytes (plain Node has no fetch of file: URLs).
export function compileNgspice(source) {
  if (source instanceof WebAssembly.Module) compiled = Promise.resolve(source);
  else if (source) compiled = WebAssembly.compile(source);
  compiled ??= fetch(wasmUrl).then(async (response) => {
    if (!response.ok) throw new Error(`cannot load ${wasmUrl.href}: HTTP ${response.status}`);
    return WebAssembly.compile(await response.arrayBuffer());
  });
  return compiled;
}

export class NgspiceError extends Error {
  constructor(message, messages = []) {
    super(message);
    this.name = 'NgspiceError';
    this.messages = messages;  // ngspice's own stderr lines behind it
  }
}

// A live ngspice instance. `onOutput(stream, text)` receives every line
// ngspice prints (stream 'stdout' or 'stderr'); `onStatus(text)` its
// progress strings ("tran: 45.2%").
export class NgspiceEngine {
  static async create({ wasm, onOutput = () => {}, onStatus = () => {} } = {}) {
    const module = await compileNgspice(wasm);
    const engine = new NgspiceEngine(onOutput, onStatus);
    await engine.#start(module);
    return engine;
  }

  #m = null;
  #onOutput;
  #onStatus;
  #errors = [];      // stderr lines of the current call
  #exited = false;   // ngspice asked to be unloaded (an unrecoverable error)
  #loaded = false;   // a circuit (and maybe plots) from an earlier load()
  #quiet = false;    // drop ngspice's output (while resetting)

  constructor(onOutput, onStatus) {
    this.#onOutput = onOutput;
    this.#onStatus = onStatus;
  }

  // ngspice asked to be detached after an error it cannot recover from: this
  // instance must not be used again (the caller makes a fresh one).
  get broken() {
    return this.#exited;
  }

  async #start(compiledModule) {
    this.#m = await createNgspice({
      noInitialRun: true,
      print: (text) => this.#onOutput('stdout', text),
      printErr: (text) => this.#onOutput('stderr', text),
      instantiateWasm(imports, receive) {
        WebAssembly.instantiate(compiledModule, imports).then((instance) => receive(instance, compiledModule));
        return {};
      },
    });
    const m = this.#m;
    // Callbacks (sharedspice.h): SendChar, SendStat, ControlledExit, BGThreadRunning.
    const sendChar = m.addFunction((text) => {
      if (this.#quiet) return 0;
      const line = m.UTF8ToString(text);
      const space = line.indexOf(' ');
      const stream = line.slice(0, space);
      const rest = line.slice(space + 1);
      if (stream === 'stderr') this.#errors.push(rest);
      this.#onOutput(stream === 'stderr' ? 'stderr' : 'stdout', rest);
      return 0;
    }, 'iiii');
    const sendStat = m.addFunction((text) => {
      this.#onStatus(m.UTF8ToString(text));
      return 0;
    }, 'iiii');
    const controlledExit = m.addFunction(() => {
      this.#exited = true;
      return 0;
    }, 'iiiiii');
    const bgRunning = m.addFunction(() => 0, 'iiii');
    m._ngSpice_Init(sendChar, sendStat, controlledExit, 0, 0, bgRunning, 0);
  }

  // Runs one ngspice command; throws with ngspice's error lines when it fails.
  command(text) {
    this.#errors = [];
    const status = this.#withString(text, (pointer) => this.#m._ngSpice_Command(pointer));
    if (status !== 0 || this.#exited) throw new NgspiceError(`ngspice command '${text}' failed`, this.#errors);
    return this.#errors;
  }

  // Loads a circuit (lines ending with .end) in place of the previous one.
  // Returns the stderr lines of parsing; throws when ngspice gave up.
  load(lines) {
    this.#reset();
    this.#errors = [];
    this.#loaded = true;
    const m = this.#m;
    const pointers = lines.map((line) => this.#allocString(line));
    const array = m._malloc(4 * (lines.length + 1));
    pointers.forEach((pointer, i) => m.setValue(array + 4 * i, pointer, 'i32'));
    m.setValue(array + 4 * lines.length, 0, 'i32');
    let status;
    try {
      status = m._ngSpice_Circ(array);  // ngspice copies the lines
    } finally {
      pointers.forEach((pointer) => m._free(pointer));
      m._free(array);
    }
    if (status !== 0 || this.#exited) throw new NgspiceError('ngspice could not load the circuit', this.#errors);
    return this.#errors;
  }

  // Runs the loaded circuit's analysis; returns the stderr lines (warnings).
  run() {
    this.#errors = [];
    const status = this.#withString('run', (pointer) => this.#m._ngSpice_Command(pointer));
    if (status !== 0 || this.#exited) throw new NgspiceError('ngspice run failed', this.#errors);
    return this.#errors;
  }

  // The current plot's name (e.g. "tran1"; "const" when nothing has run).
  currentPlot() {
    return this.#m.UTF8ToString(this.#m._ngSpice_CurPlot());
  }

  // Every vector of `plot`, normalised names -> number[] (real) or
  // {re, im} (complex; the frequency scale of an AC plot is real data).
  vectors(plot = this.currentPlot()) {
    const m = this.#m;
    const names = this.#withString(plot, (pointer) => m._ngSpice_AllVecs(pointer));
    const out = {};
    if (!names) return out;
    for (let i = 0; ; i++) {
      const namePointer = m.getValue(names + 4 * i, 'i32');
      if (!namePointer) break;
      const name = m.UTF8ToString(namePointer);
      const info = this.#withString(`${plot}.${name}`, (pointer) => m._ngGet_Vec_Info(pointer));
      if (!info) continue;
      out[normaliseVectorName(name)] = this.#read(info);
    }
    return out;
  }

  // struct vector_info (sharedspice.h) on wasm32: v_name @0, v_type @4,
  // v_flags @8 (short), v_realdata @12, v_compdata @16, v_length @20.
  #read(info) {
    const m = this.#m;
    const type = m.getValue(info + 4, 'i32');
    const flags = m.getValue(info + 8, 'i16');
    const length = m.getValue(info + 20, 'i32');
    if (flags & VF_COMPLEX) {
      const data = m.getValue(info + 16, 'i32') / 8;
      const pairs = m.HEAPF64.subarray(data, data + 2 * length);
      const re = new Array(length);
      const im = new Array(length);
      for (let k = 0; k < length; k++) {
        re[k] = pairs[2 * k];
        im[k] = pairs[2 * k + 1];
      }
      return type === SV_FREQUENCY ? re : { re, im };
    }
    const data = m.getValue(info + 12, 'i32') / 8;
    return Array.from(m.HEAPF64.subarray(data, data + length));
  }

  // Removes the circuit and every plot of the previous run, so one instance
  // serves many circuits without their results or nodes mixing.
  // Its messages (e.g. "no circuit loaded" after a netlist ngspice rejected)
  // are not the next circuit's: they are dropped.
  #reset() {
    if (!this.#loaded) return;
    this.#quiet = true;
    try {
      for (const command of ['destroy all', 'remcirc']) {
        this.#withString(command, (pointer) => this.#m._ngSpice_Command(pointer));
      }
    } finally {
      this.#quiet = false;
    }
    this.#loaded = false;
  }

  #allocString(text) {
    const m = this.#m;
    const size = m.lengthBytesUTF8(text) + 1;
    const pointer = m._malloc(size);
    m.stringToUTF8(text, pointer, size);
    return pointer;
  }

  #withString(text, call) {
    const pointer = this.#allocString(text);
    try {
      return call(pointer);
    } finally {
      this.#m._free(pointer);
    }
  }

  // Bytes of wasm memory in use by this instance (it only grows).
  memoryBytes() {
    return this.#m.HEAPU8.length;
  }
}
