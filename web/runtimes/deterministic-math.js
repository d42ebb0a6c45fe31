// Math functions that give the same bits in every host. ECMAScript lets an
// engine round Math.sin, Math.exp, Math.pow... as it likes, and Chromium's V8
// and Node's V8 do differ in the last bit (thousands of inputs out of 20,000
// for exp, atan2, cbrt, pow), so a JavaScript skill's floats in the browser
// would not equal `llmos run`'s. The JavaScript worker replaces them, on the
// worker's own Math before d3 and ses see it, with the libm of
// runtime-math.wasm (src/wasm/runtime_math): wasm arithmetic is the same
// everywhere, and musl's libm is within 1 ulp of the correctly rounded result
// (tanh and acosh within 2, as V8's own fdlibm ones).
//
// `**` is an operator, not Math.pow, and stays the engine's.

// Math functions taken from the module: one argument, or two.
export const UNARY = ['sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'sinh', 'cosh', 'tanh', 'asinh', 'acosh', 'atanh',
                      'exp', 'expm1', 'log', 'log1p', 'log10', 'log2', 'cbrt'];

// The replacement functions for the instance's exports, with JavaScript's
// argument conversion, lengths and names (methods: no prototype, as the
// built-ins), and the cases where ECMAScript and C disagree.
export function mathFunctions(exports) {
  const functions = {};
  for (const name of UNARY) {
    const f = exports[name];
    functions[name] = { [name](x) { return f(+x); } }[name];
  }
  const { atan2: cAtan2, pow: cPow, hypot: cHypot } = exports;
  Object.assign(functions, {
    atan2(y, x) {
      return cAtan2(+y, +x);
    },
    // C's pow(1, y) is 1 for any y and pow(-1, ±Infinity) is 1; ECMAScript
    // says NaN for a NaN exponent and for |base| 1 with an infinite one.
    pow(base, exponent) {
      const x = +base;
      const y = +exponent;
      if (y !== y || ((x === 1 || x === -1) && (y === Infinity || y === -Infinity))) return NaN;
      return cPow(x, y);
    },
    // Any number of arguments, each converted first (as the built-in does),
    // folded pairwise: hypot(a, b, 0) is hypot(a, b), an infinite argument
    // wins over NaN. Two named parameters: the built-in's length is 2.
    hypot(value1, value2) {
      const values = Array.from(arguments, (value) => +value);
      let sum = 0;
      for (const value of values) sum = cHypot(sum, value);
      return sum;
    },
  });
  return functions;
}

// Compiles the module's bytes and puts its functions on `math` (the worker's
// Math, before lockdown freezes it). Returns the names replaced.
export function installDeterministicMath(bytes, math = globalThis.Math) {
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), {});
  instance.exports._initialize?.();
  const functions = mathFunctions(instance.exports);
  for (const [name, f] of Object.entries(functions)) {
    Object.defineProperty(math, name, { value: f, writable: true, enumerable: false, configurable: true });
    if (math[name] !== f) throw new Error(`could not replace Math.${name}`);
  }
  return Object.keys(functions);
}

// Fetches runtime-math.wasm (beside this file) and installs it.
export async function loadDeterministicMath(url = new URL('./runtime-math.wasm', import.meta.url), math = globalThis.Math) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return installDeterministicMath(new Uint8Array(await response.arrayBuffer()), math);
}
