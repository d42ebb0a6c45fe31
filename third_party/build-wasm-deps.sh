#!/usr/bin/env bash
# Builds the wasm static libraries the app and the wasm tests link (yaml-cpp
# and imgui from the Debian sources, googletest from Debian's /usr/src), and
# ngspice.wasm for the spice worker (third_party/ngspice/), into
# $LLMOS_CACHE/wasm/<name>-<key>, where <key> hashes the sources, the recipe
# and the compiler, so a warm machine skips this in well under a second.
# Writes $LLMOS_CACHE/wasm-prefixes.cmake for the wasm preset.
source "$(dirname "$0")/common.sh"

emcc_version=$(emcc --version | sed -n 1p)  # sed reads to the end: no broken pipe under pipefail
jobs=$(nproc)
# Native wasm exceptions (no JS invoke_* trampolines around calls that may
# throw); the app, the tests and these libraries must all agree.
export CFLAGS="-fwasm-exceptions" CXXFLAGS="-fwasm-exceptions" LDFLAGS="-fwasm-exceptions"

# build_cmake_project NAME KEY SOURCE_DIR [cmake args...] -> prints the prefix
build_cmake_project() {
  local name=$1 key=$2 source=$3
  shift 3
  local prefix="$LLMOS_CACHE/wasm/$name-$key"
  if [ -f "$prefix/.llmos-built" ]; then
    echo "$prefix"
    return
  fi
  log "building $name for wasm (once; cached as $prefix)"
  local build="$LLMOS_CACHE/build/$name-$key"
  rm -rf "$build" "$prefix"
  mkdir -p "$LLMOS_CACHE/build"
  emcmake cmake -S "$source" -B "$build" -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX="$prefix" \
    -DCMAKE_CXX_FLAGS=-fwasm-exceptions -DCMAKE_C_FLAGS=-fwasm-exceptions "$@" >"$build.log" 2>&1 ||
    { cat "$build.log" >&2; exit 1; }
  cmake --build "$build" -j"$jobs" >>"$build.log" 2>&1 || { tail -50 "$build.log" >&2; exit 1; }
  cmake --install "$build" >>"$build.log" 2>&1 || { tail -20 "$build.log" >&2; exit 1; }
  touch "$prefix/.llmos-built"
  rm -rf "$build"
  echo "$prefix"
}

yaml_src=$(ls -d "$LLMOS_CACHE"/src/yaml-cpp-*/ | sed -n 1p)
imgui_src=$(ls -d "$LLMOS_CACHE"/src/imgui-*/ | sed -n 1p)
gtest_src=/usr/src/googletest
gtest_version=$(dpkg-query -W -f='${Version}' googletest)

yaml_key=$(content_key "$(package_sources yaml-cpp)" "$0" "$emcc_version" yaml)
yaml_prefix=$(build_cmake_project yaml-cpp "$yaml_key" "$yaml_src" -DYAML_CPP_BUILD_TESTS=OFF \
  -DYAML_CPP_BUILD_TOOLS=OFF -DYAML_CPP_BUILD_CONTRIB=OFF -DYAML_BUILD_SHARED_LIBS=OFF)

gtest_key=$(content_key "$gtest_version" "$0" "$emcc_version" gtest)
gtest_prefix=$(build_cmake_project googletest "$gtest_key" "$gtest_src" -DBUILD_GMOCK=OFF \
  -Dgtest_disable_pthreads=ON -DINSTALL_GTEST=ON)

imgui_key=$(content_key "$(package_sources imgui)" "$THIRD_PARTY_DIR/cmake/imgui/CMakeLists.txt" "$0" \
  "$emcc_version" imgui)
imgui_prefix=$(build_cmake_project imgui "$imgui_key" "$THIRD_PARTY_DIR/cmake/imgui" -DIMGUI_SOURCE_DIR="$imgui_src")

# ngspice: its own recipe (autotools, ~10 min cold), in two cached stages;
# cmake/AssembleBundle.cmake asks the same scripts for the result.
"$THIRD_PARTY_DIR/ngspice/module.sh" "$("$THIRD_PARTY_DIR/ngspice/library.sh")" >/dev/null

cat >"$LLMOS_CACHE/wasm-prefixes.cmake" <<CMAKE
# Written by third_party/build-wasm-deps.sh; read by cmake/LlmosDependencies.cmake.
set(LLMOS_WASM_YAML_CPP "$yaml_prefix")
set(LLMOS_WASM_GTEST "$gtest_prefix")
set(LLMOS_WASM_IMGUI "$imgui_prefix")
set(LLMOS_IMGUI_SOURCE "$imgui_src")
CMAKE
log "wasm libraries ready"
