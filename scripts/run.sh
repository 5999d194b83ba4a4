#!/usr/bin/env bash
# Sets up, builds (the server's core module and the workspace page) and starts the Baton server with
# demo data on SQLite; the workspace is at the printed URL.
# Extra arguments go to serve.py (for example --port 8080 or --host 0.0.0.0).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

export NODE_PATH=/usr/share/nodejs  # emcc with a NodeSource node needs Debian's acorn

echo "== 1/4 dependencies"
bash scripts/install-deps.sh

echo "== 2/4 building the core's Python module (release preset)"
cmake --preset release >/dev/null
cmake --build --preset release --target baton_core_py

echo "== 3/4 building the workspace page (wasm preset: Dear ImGui + the core as WebAssembly)"
cmake --preset wasm >/dev/null
cmake --build --preset wasm --target baton_web

echo "== desktop: building baton-desktop (desktop preset: the same workspace natively, GLFW + OpenGL3)"
cmake --preset desktop >/dev/null
cmake --build --preset desktop
echo "   start it in another terminal: build/desktop/baton-desktop --server http://127.0.0.1:8000"

echo "== 4/4 starting the server with demo data (Ctrl-C stops it)"
exec /usr/bin/python3 serve.py --demo --core-path build/release/python "$@"
