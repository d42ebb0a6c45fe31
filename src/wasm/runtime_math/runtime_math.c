/* The Math functions of the JavaScript skill sandbox (web/runtimes/
 * deterministic-math.js installs them as Math.sin, Math.exp, ...): the
 * libm of Emscripten's libc (musl), compiled to wasm. Engines may round the
 * last bit of these functions differently (Chromium's V8 and Node's V8 do),
 * while wasm arithmetic is the same everywhere, so a skill gives the same
 * floats in the browser and under `llmos run`. No imports, no state: each
 * export is the libm function of the same name. */
#include <math.h>

#define EXPORT1(name) \
  __attribute__((export_name(#name))) double llmos_math_##name(double x) { return name(x); }
#define EXPORT2(name) \
  __attribute__((export_name(#name))) double llmos_math_##name(double x, double y) { return name(x, y); }

EXPORT1(sin)
EXPORT1(cos)
EXPORT1(tan)
EXPORT1(asin)
EXPORT1(acos)
EXPORT1(atan)
EXPORT1(sinh)
EXPORT1(cosh)
EXPORT1(tanh)
EXPORT1(asinh)
EXPORT1(acosh)
EXPORT1(atanh)
EXPORT1(exp)
EXPORT1(expm1)
EXPORT1(log)
EXPORT1(log1p)
EXPORT1(log10)
EXPORT1(log2)
EXPORT1(cbrt)
EXPORT2(atan2)
EXPORT2(pow)
EXPORT2(hypot)
