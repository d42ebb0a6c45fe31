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

# sin and cos from glibc 2.36 (the upstream tarball of Debian's glibc source
# package; Debian's patches leave these files alone) instead of musl's: they
# round differently in the last bit, and a SIN source would then give other
# vectors than native ngspice. exp, log and pow are the same code in both.
glibc_orig="$LLMOS_CACHE/downloads/glibc_2.36.orig.tar.xz"
glibc_sha256=a543c02070d46ccaf866957efd13f10c924daa74c86a90a0254db09a92a708ee
if [ ! -f "$glibc_orig" ] || [ "$(sha256sum "$glibc_orig" | cut -d' ' -f1)" != "$glibc_sha256" ]; then
  log "fetching glibc's source package (for sin and cos)"
  mkdir -p "$LLMOS_CACHE/downloads"
  (cd "$LLMOS_CACHE/downloads" && apt-get source --download-only -q glibc >/dev/null)
  actual=$(sha256sum "$glibc_orig" | cut -d' ' -f1)
  [ "$actual" = "$glibc_sha256" ] || { log "checksum mismatch for $glibc_orig: got $actual"; exit 1; }
fi
math="$staging/glibc-math"
dbl64=glibc-2.36/sysdeps/ieee754/dbl-64
mkdir -p "$math/shim"
tar -xJf "$glibc_orig" -C "$math" "$dbl64/s_sin.c" "$dbl64/branred.c" "$dbl64/branred.h" "$dbl64/sincostab.c" \
  "$dbl64/usncs.h" "$dbl64/mydefs.h" "$dbl64/dla.h"
# The few glibc-internal headers these files include, reduced to what they use.
printf '%s\n' '#include_next <endian.h>' '#define LITTLE_ENDI 1' '#define HIGH_HALF 1' '#define LOW_HALF 0' >"$math/shim/endian.h"
printf '%s\n' '#include <errno.h>' '#define __set_errno(value) (errno = (value))' >"$math/shim/math_private.h"
echo '#define SET_RESTORE_ROUND_53BIT(mode)' >"$math/shim/fenv_private.h"
echo '#define math_check_force_underflow(x) ((void) 0)' >"$math/shim/math-underflow.h"
echo '#define libm_alias_double(from, to)' >"$math/shim/libm-alias-double.h"
for file in s_sin branred sincostab; do
  emcc -O2 -c -I"$math/shim" -I"$math/$dbl64" -Dattribute_hidden= '-D__always_inline=inline __attribute__((always_inline))' \
    -D__sin=sin -D__cos=cos "$math/$dbl64/$file.c" -o "$math/$file.o" >>"$staging.log" 2>&1 || { cat "$staging.log" >&2; exit 1; }
done
functions='_ngSpice_Init,_ngSpice_Command,_ngSpice_Circ,_ngSpice_CurPlot,_ngSpice_AllPlots,_ngSpice_AllVecs,_ngGet_Vec_Info,_malloc,_free'
runtime='addFunction,UTF8ToString,stringToUTF8,lengthBytesUTF8,getValue,setValue'
# ALLOW_TABLE_GROWTH: the callbacks are added to the function table at run time.
emcc -O2 "$math"/*.o "$library/lib/libngspice.a" -o "$staging/ngspice.mjs" \
  -sMODULARIZE=1 -sEXPORT_ES6=1 -sEXPORT_NAME=createNgspice -sENVIRONMENT=web,worker \
  -sALLOW_MEMORY_GROWTH=1 -sALLOW_TABLE_GROWTH=1 \
  "-sEXPORTED_FUNCTIONS=$functions" "-sEXPORTED_RUNTIME_METHODS=$runtime" >"$staging.log" 2>&1 ||
  { cat "$staging.log" >&2; exit 1; }
rm -rf "$math"
touch "$staging/.llmos-built"
mv "$staging" "$prefix"
rm -f "$staging.log"
echo "$prefix"
