#!/usr/bin/env bash
# Sets up, builds and runs every test: the core's GoogleTest suite (plain, then under ASan and
# UBSan), the core as WebAssembly, and the server's pytest suite over real HTTP and WebSocket.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export NODE_PATH=/usr/share/nodejs  # emcc with a NodeSource node needs Debian's acorn

step() { printf '\n== %s\n' "$*"; }

step "1/6 dependencies"
bash scripts/install-deps.sh

step "2/6 native build (debug preset: core, tests, Python module)"
cmake --preset debug >/dev/null
cmake --build --preset debug

step "3/6 core tests (GoogleTest via ctest)"
ctest --preset debug

step "4/6 core tests again under AddressSanitizer and UBSan (asan preset)"
cmake --preset asan >/dev/null
cmake --build --preset asan
ctest --preset asan

step "5/6 the core as WebAssembly (wasm preset, run under node)"
cmake --preset wasm >/dev/null
cmake --build --preset wasm
node --no-experimental-fetch build/wasm/baton_core_wasm_smoke.js

step "6/6 server tests (pytest, real server on loopback; each on SQLite and on PostgreSQL)"
BATON_REQUIRE_POSTGRES=1 /usr/bin/python3 -m pytest tests/server -q -p no:cacheprovider

step "fuzz: the core's decoders under libFuzzer (clang, ASan, UBSan; a few seconds each)"
cmake -S . -B build/fuzz -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBATON_FUZZ=ON \
  -DBATON_BUILD_TESTS=OFF -DBATON_BUILD_PYTHON=OFF -DBATON_BUILD_BENCH=OFF >/dev/null
cmake --build build/fuzz
bash tests/fuzz/run.sh build/fuzz 5
