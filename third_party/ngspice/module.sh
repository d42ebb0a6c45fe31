#!/usr/bin/env bash
# Links libngspice.a (library.sh) into the module the spice worker loads:
# ngspice.mjs (an ES module factory, createNgspice) + ngspice.wasm, for a
# Worker in the browser and a worker_threads thread under Node (the worker
# hands over the compiled wasm itself, so no environment-specific loading).
# Cached as $LLMOS_CACHE/wasm/ngspice-<key>; prints that directory.
#   third_party/ngspice/module.sh <library prefix>
source "$(dirname "$0")/../common.sh"
unset CFLAGS CXXFLAGS LDFLAGS

library=$1
emcc_version=$(emcc --version | sed -n 1p)
key=$(content_key "$library" "$0" "$emcc_version")
prefix="$LLMOS_CACHE/wasm/ngspice-$key"
if [ -f "$prefix/.llmos-built" ]; then
  echo "$prefix"
  exit 0
fi

mkdir -p "$LLMOS_CACHE/build"
exec 9>"$LLMOS_CACHE/build/ngspice-$key.lock"
flock 9
if [ -f "$prefix/.llmos-built" ]; then
  echo "$prefix"
  exit 0
fi
log "linking ngspice.wasm (cached as $prefix)"
staging="$prefix.tmp"
rm -rf "$staging"
mkdir -p "$staging"
functions='_ngSpice_Init,_ngSpice_Command,_ngSpice_Circ,_ngSpice_CurPlot,_ngSpice_AllPlots,_ngSpice_AllVecs,_ngGet_Vec_Info,_malloc,_free'
runtime='addFunction,UTF8ToString,stringToUTF8,lengthBytesUTF8,getValue,setValue'
# ALLOW_TABLE_GROWTH: the callbacks are added to the function table at run time.
emcc -O2 "$library/lib/libngspice.a" -o "$staging/ngspice.mjs" \
  -sMODULARIZE=1 -sEXPORT_ES6=1 -sEXPORT_NAME=createNgspice -sENVIRONMENT=web,worker \
  -sALLOW_MEMORY_GROWTH=1 -sALLOW_TABLE_GROWTH=1 \
  "-sEXPORTED_FUNCTIONS=$functions" "-sEXPORTED_RUNTIME_METHODS=$runtime" >"$staging.log" 2>&1 ||
  { cat "$staging.log" >&2; exit 1; }
touch "$staging/.llmos-built"
mv "$staging" "$prefix"
rm -f "$staging.log"
echo "$prefix"
