#!/usr/bin/env bash
# Sets up, builds and runs every test: the core's and the workspace's GoogleTest suites (plain, then
# under ASan and UBSan), the core as WebAssembly, the server's pytest suite over real HTTP and
# WebSocket, and the browser tests (the real page in Debian's Chromium against a real serve.py).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export NODE_PATH=/usr/share/nodejs  # emcc with a NodeSource node needs Debian's acorn
export BATON_REQUIRE_POSTGRES=1  # the server tests run on SQLite and on their own PostgreSQL: both, always
export BATON_REQUIRE_POSTFIX=1  # and the mail's end-to-end test through a real Postfix

step() { printf '\n== %s\n' "$*"; }

step "1/8 dependencies"
bash scripts/install-deps.sh

step "2/8 native build (debug preset: core, workspace, tests, Python module)"
cmake --preset debug >/dev/null
cmake --build --preset debug

step "3/8 core and workspace tests (GoogleTest via ctest)"
ctest --preset debug

step "4/8 the same tests again under AddressSanitizer and UBSan (asan preset)"
cmake --preset asan >/dev/null
cmake --build --preset asan
ctest --preset asan
# the core's decoders under libFuzzer (clang, ASan, UBSan; a few seconds each; tests/fuzz/)
cmake -S . -B build/fuzz -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBATON_FUZZ=ON \
  -DBATON_BUILD_TESTS=OFF -DBATON_BUILD_PYTHON=OFF -DBATON_BUILD_BENCH=OFF -DBATON_BUILD_SHELL=OFF >/dev/null
cmake --build build/fuzz
bash tests/fuzz/run.sh build/fuzz 5

step "5/8 WebAssembly (wasm preset): the core under node, and the workspace page"
cmake --preset wasm >/dev/null
cmake --build --preset wasm
node --no-experimental-fetch build/wasm/baton_core_wasm_smoke.js

step "6/8 server tests (pytest, real server on loopback)"
/usr/bin/python3 -m pytest tests/server -q -p no:cacheprovider

step "7/8 browser tests (playwright-core + Debian chromium, real page and serve.py on loopback)"
(cd tests/e2e && node --test)

step "8/8 desktop: baton-desktop in Xvfb against a real serve.py (pytest; X mouse and keys via xdotool)"
/usr/bin/python3 -m pytest tests/desktop -q -p no:cacheprovider
