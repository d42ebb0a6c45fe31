#!/usr/bin/env bash
# All set-up for a fresh Debian 12 machine, idempotent: system packages,
# Debian source packages (verified), npm packages, cached wasm libraries.
source "$(dirname "$0")/common.sh"
"$THIRD_PARTY_DIR/install-packages.sh"
"$THIRD_PARTY_DIR/fetch-debian-sources.sh"
"$THIRD_PARTY_DIR/install-npm.sh"
"$THIRD_PARTY_DIR/build-wasm-deps.sh"
