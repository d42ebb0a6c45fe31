#!/usr/bin/env bash
# Runs every benchmark natively and as wasm under Node and prints their
# tables, then the scheduler's instruction counts (bench/instructions.sh).
# Benchmarks report; they never pass or fail.
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_PATH=/usr/share/nodejs:/usr/lib/nodejs
for source in bench/*.cpp; do
  name=$(basename "$source" .cpp)
  echo "## $name (native, g++ -O3)"
  "build/native/bin/$name"
  echo
  # --no-liftoff: optimized code from the start, as a browser session gets
  # once V8 has tiered up the hot functions; otherwise the first cases would
  # be timed partly on V8's baseline compiler.
  echo "## $name (wasm, Node $(node --version), --no-liftoff)"
  (cd build/wasm/bin && node --no-experimental-fetch --no-liftoff "$name.js")
  echo
done
echo "## bench_server_load (native: llmos serve on 127.0.0.1)"
build/native/bin/bench_server_load build/web skills 10000 16
echo
echo "## scheduler instructions per node (native, valgrind callgrind)"
bench/instructions.sh
echo
node bench/runtimes.mjs
echo
node bench/runtimes-node.mjs
echo
echo "## spice: ngspice.wasm vs native ngspice 39 vs eecircuit-engine (Node $(node --version))"
node bench/spice.mjs
echo
node bench/bundle-size.mjs
echo
node bench/previews.mjs
echo
node bench/scene-previews.mjs
echo
node bench/editor.mjs
