#!/usr/bin/env bash
# Sets up, builds (the server's core module, the workspace page and its static kiosk, the desktop
# debug build) and starts the Baton server with demo data on SQLite; the workspace is at the URL.
# Extra arguments go to serve.py (for example --port 8080 or --host 0.0.0.0).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

export NODE_PATH=/usr/share/nodejs  # emcc with a NodeSource node needs Debian's acorn

echo "== 1/5 dependencies"
bash scripts/install-deps.sh

echo "== 2/5 building the core's Python module (release preset)"
cmake --preset release >/dev/null
cmake --build --preset release --target baton_core_py

echo "== 3/5 building the workspace page and the static kiosk (wasm preset: Dear ImGui + the core as WebAssembly)"
cmake --preset wasm >/dev/null
cmake --build --preset wasm --target baton_web

echo "== 4/5 building baton-desktop (desktop preset: the same workspace natively, GLFW + OpenGL3)"
cmake --preset desktop >/dev/null
cmake --build --preset desktop
echo "   start it in another terminal: build/desktop/baton-desktop --server http://127.0.0.1:8000"

echo "== 5/5 starting the server with demo data (Ctrl-C stops it)"
# Customer mail on 127.0.0.1:2525 (docs/MAIL.md); the banner prints a command that sends a test mail.
exec /usr/bin/python3 serve.py --demo --core-path build/release/python --smtp-listen 127.0.0.1:2525 "$@"
