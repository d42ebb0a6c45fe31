#!/usr/bin/env bash
# Runs every benchmark natively and as wasm under Node and prints their
# tables. Benchmarks report; they never pass or fail.
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_PATH=/usr/share/nodejs:/usr/lib/nodejs
for source in bench/*.cpp; do
  name=$(basename "$source" .cpp)
  echo "## $name (native, g++ -O3)"
  "build/native/bin/$name"
  echo
  echo "## $name (wasm, Node $(node --version))"
  (cd build/wasm/bin && node --no-experimental-fetch "$name.js")
  echo
done
