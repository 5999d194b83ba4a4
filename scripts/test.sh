#!/usr/bin/env bash
# Sets up, builds and runs every test: the core's GoogleTest suite, the core as WebAssembly,
# and the server's pytest suite over real HTTP and WebSocket on loopback.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export NODE_PATH=/usr/share/nodejs  # emcc with a NodeSource node needs Debian's acorn

step() { printf '\n== %s\n' "$*"; }

step "1/5 dependencies"
bash scripts/install-deps.sh

step "2/5 native build (debug preset: core, tests, Python module)"
cmake --preset debug >/dev/null
cmake --build --preset debug

step "3/5 core tests (GoogleTest via ctest)"
ctest --preset debug

step "4/5 the core as WebAssembly (wasm preset, run under node)"
cmake --preset wasm >/dev/null
cmake --build --preset wasm
node --no-experimental-fetch build/wasm/baton_core_wasm_smoke.js

step "5/5 server tests (pytest, real server on loopback)"
/usr/bin/python3 -m pytest tests/server -q -p no:cacheprovider
