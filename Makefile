# LLMos-Lite Workbench. `make run` and `make test` do everything from a fresh
# Debian 12 machine: set-up (apt, Debian sources, npm, cached wasm libraries),
# build (native + wasm), then serve or test.
SHELL := /bin/bash
export LLMOS_CACHE ?= $(HOME)/.cache/llmos
export NODE_PATH := /usr/share/nodejs:/usr/lib/nodejs
# Compiled objects are cached outside the clone too, so a fresh clone builds in seconds.
export CCACHE_DIR ?= $(LLMOS_CACHE)/ccache
export CCACHE_BASEDIR := $(CURDIR)
JOBS ?= $(shell nproc)
PORT ?= 8000

.PHONY: all setup native wasm build bundle single-file run test test-fast bench asan asan-build fuzz fuzz-build format clean

all: build

setup:
	@third_party/setup.sh

native: setup
	@cmake --preset native >/dev/null
	cmake --build --preset native -j$(JOBS)

wasm: setup
	@cmake --preset wasm >/dev/null
	cmake --build --preset wasm -j$(JOBS)

# build/web (what `llmos serve` serves) and the offline bundle: dist/ and
# dist/llmos-workbench.zip, the same files.
bundle: wasm
	@cmake -DREPO=$(CURDIR) -DWASM_BUILD=$(CURDIR)/build/wasm -DOUT=$(CURDIR)/build/web -DDIST=$(CURDIR)/dist \
	  -P cmake/AssembleBundle.cmake

# Stretch: the bundle as one HTML file for file:// (docs/OFFLINE.md says what runs).
single-file: bundle
	node tools/single-file.mjs build/web dist/llmos-workbench.html

build: native bundle

run: build
	build/native/bin/llmos serve --port $(PORT)

# Every suite: native gtests, the same gtests under AddressSanitizer and
# UBSan and as wasm under Node, Python module tests, Node tests (CLI, skills,
# web) and the Chromium end-to-end tests. See tests/run-all.sh.
test: build asan-build
	@tests/run-all.sh

bench: build
	@bench/run.sh

asan-build: setup
	@cmake --preset asan >/dev/null
	cmake --build --preset asan -j$(JOBS)

asan: asan-build
	ctest --preset asan --no-tests=error -j$(JOBS)

# libFuzzer (clang, ASan, UBSan) on the skill parser and the workflow
# loader, FUZZ_SECONDS each (default 120); the corpus it keeps in
# tests/fuzz/corpus/ is replayed by `make test` (fuzz/run.sh).
fuzz-build: setup
	@cmake --preset fuzz >/dev/null
	cmake --build --preset fuzz -j$(JOBS)

fuzz: fuzz-build
	@fuzz/run.sh

format:
	@git ls-files '*.cpp' '*.hpp' | xargs clang-format -i

clean:
	rm -rf build dist
