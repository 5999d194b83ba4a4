#!/usr/bin/env bash
# Sets up, builds and runs every test: the core's GoogleTest suite (plain, then under ASan and
# UBSan), the core as WebAssembly, and the server's pytest suite over real HTTP and WebSocket.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export NODE_PATH=/usr/share/nodejs  # emcc with a NodeSource node needs Debian's acorn
export BATON_REQUIRE_POSTGRES=1  # the server tests run on SQLite and on their own PostgreSQL: both, always

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
# the core's decoders under libFuzzer (clang, ASan, UBSan; a few seconds each; tests/fuzz/)
cmake -S . -B build/fuzz -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBATON_FUZZ=ON \
  -DBATON_BUILD_TESTS=OFF -DBATON_BUILD_PYTHON=OFF -DBATON_BUILD_BENCH=OFF -DBATON_BUILD_SHELL=OFF >/dev/null
cmake --build build/fuzz
bash tests/fuzz/run.sh build/fuzz 5

step "5/6 the core as WebAssembly (wasm preset, run under node)"
cmake --preset wasm >/dev/null
cmake --build --preset wasm
node --no-experimental-fetch build/wasm/baton_core_wasm_smoke.js

step "6/6 server tests (pytest, real server on loopback)"
/usr/bin/python3 -m pytest tests/server -q -p no:cacheprovider
