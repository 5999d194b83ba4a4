#!/usr/bin/env bash
# Sets up, builds what the server and the page need (the core's Python modules, the workspace page
# and its static kiosk) and starts the Baton server with demo data on SQLite; the workspace is at
# the URL. `--desktop` also builds baton-desktop (the native debug build) before serving.
# Other arguments go to serve.py (for example --port 8080 or --host 0.0.0.0).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

export NODE_PATH=/usr/share/nodejs  # emcc with a NodeSource node needs Debian's acorn

desktop=0
serve_args=()
for arg in "$@"; do
  if [ "$arg" = --desktop ]; then desktop=1; else serve_args+=("$arg"); fi
done
steps=$((4 + desktop))
step=0
started=$SECONDS
step_started=$SECONDS

elapsed() { local s=$(($1)); if [ "$s" -ge 60 ]; then echo "$((s / 60)) min $((s % 60)) s"; else echo "$s s"; fi; }
step() {
  if [ "$step" -gt 0 ]; then echo "   (took $(elapsed $((SECONDS - step_started))))"; fi
  step=$((step + 1))
  step_started=$SECONDS
  echo "== $step/$steps $*"
}

step "dependencies"
bash scripts/install-deps.sh

step "building the core's Python modules (release preset: the rules, and the demo's colleagues)"
cmake --preset release >/dev/null
cmake --build --preset release --target baton_core_py baton_sim_py

step "building the workspace page and the static kiosk (wasm preset: Dear ImGui + the core as WebAssembly)"
cmake --preset wasm >/dev/null
cmake --build --preset wasm --target baton_web

if [ "$desktop" = 1 ]; then
  step "building baton-desktop (desktop preset: the same workspace natively, GLFW + OpenGL3)"
  cmake --preset desktop >/dev/null
  cmake --build --preset desktop
  echo "   start it in another terminal: build/desktop/baton-desktop --server http://127.0.0.1:8000"
fi

step "starting the server with demo data (Ctrl-C stops it)"
echo "   ready $(elapsed $((SECONDS - started))) after this script started"
# Customer mail on 127.0.0.1:2525 (docs/MAIL.md); the banner prints a command that sends a test mail.
exec /usr/bin/python3 serve.py --demo --core-path build/release/python --smtp-listen 127.0.0.1:2525 "${serve_args[@]}"
