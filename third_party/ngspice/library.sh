#!/usr/bin/env bash
# Builds ngspice 39.3 (Debian source package, unpacked by
# fetch-debian-sources.sh) with Emscripten into a static libngspice.a with
# the shared-library API (ngSpice_Init, ngSpice_Circ, ngSpice_Command, ...).
# Cached as $LLMOS_CACHE/wasm/ngspice-lib-<key>, <key> = the source
# checksums + this recipe + the compiler; prints that directory.
# ~10 minutes on 2 quiet cores (autogen, configure, ~1000 C files), so it is
# built once per key, under a lock: parallel builds wait for the first one.
source "$(dirname "$0")/../common.sh"
unset CFLAGS CXXFLAGS LDFLAGS  # the app's flags (wasm exceptions) do not apply to this C library

emcc_version=$(emcc --version | sed -n 1p)
key=$(content_key "$(package_sources ngspice)" "$0" "$emcc_version")
prefix="$LLMOS_CACHE/wasm/ngspice-lib-$key"
if [ -f "$prefix/.llmos-built" ]; then
  echo "$prefix"
  exit 0
fi

mkdir -p "$LLMOS_CACHE/build" "$LLMOS_CACHE/wasm"
exec 9>"$LLMOS_CACHE/build/ngspice-lib-$key.lock"
if ! flock -n 9; then
  log "waiting for another build of ngspice for wasm (lock $LLMOS_CACHE/build/ngspice-lib-$key.lock)"
  flock 9
fi
if [ -f "$prefix/.llmos-built" ]; then
  echo "$prefix"
  exit 0
fi

version=$(package_sources ngspice | awk 'NR == 1 {print $2}')
source_dir="$LLMOS_CACHE/src/ngspice-${version%-*}"  # where fetch-debian-sources.sh unpacks it
[ -f "$source_dir/.llmos-verified" ] || { log "ngspice sources missing in $source_dir: run third_party/fetch-debian-sources.sh"; exit 1; }
build="$LLMOS_CACHE/build/ngspice-lib-$key"
log "building ngspice for wasm (once, ~10 min on 2 cores; cached as $prefix; log in $build.log)"
rm -rf "$build" "$prefix"
mkdir -p "$build"
cp -a "$source_dir" "$build/src"  # autogen writes into the tree; the unpacked source stays pristine
# Objects go through ccache too when it is there, so a recipe change that
# keeps the compiler flags recompiles little.
if command -v ccache >/dev/null; then
  export EM_COMPILER_WRAPPER=ccache CCACHE_DIR=${CCACHE_DIR:-$LLMOS_CACHE/ccache} CCACHE_BASEDIR=$build
fi
{
  (cd "$build/src" && ./autogen.sh) &&
  mkdir -p "$build/obj" && cd "$build/obj" &&
  # The options of the TOOLCHAIN recipe: the shared-library API, no XSPICE
  # code models (they need dlopen), no OSDI, CIDER, OpenMP, X11, readline or
  # FFTW. Debian's native ngspice adds XSPICE, CIDER, PSS and OpenMP, which
  # do not touch the built-in analog devices and analyses the skills use.
  emconfigure ../src/configure --host=wasm32-unknown-emscripten --with-ngshared --disable-xspice --disable-osdi \
    --disable-cider --disable-openmp --disable-debug --without-x --with-readline=no --with-editline=no \
    --with-fftw3=no --disable-shared --enable-static CFLAGS=-O2 CXXFLAGS=-O2 &&
  # libngspice_la_CFLAGS/LDFLAGS are "-shared" for a .so; a static archive needs neither.
  emmake make -j"$(nproc)" STATIC= libngspice_la_CFLAGS= libngspice_la_LDFLAGS=
} >"$build.log" 2>&1 || { tail -40 "$build.log" >&2; exit 1; }

staging="$prefix.tmp"
rm -rf "$staging"
mkdir -p "$staging/lib" "$staging/include"
cp "$build/obj/src/.libs/libngspice.a" "$staging/lib/"
cp "$build/src/src/include/ngspice/sharedspice.h" "$staging/include/"
touch "$staging/.llmos-built"
mv "$staging" "$prefix"
rm -rf "$build"
echo "$prefix"
