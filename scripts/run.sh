#!/usr/bin/env bash
# Sets up, builds and starts the Baton server with demo data on SQLite.
# Extra arguments go to serve.py (for example --port 8080 or --host 0.0.0.0).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

echo "== 1/3 dependencies"
bash scripts/install-deps.sh

echo "== 2/3 building the core's Python module (release preset)"
cmake --preset release >/dev/null
cmake --build --preset release --target baton_core_py

echo "== 3/3 starting the server with demo data (Ctrl-C stops it)"
exec /usr/bin/python3 serve.py --demo --core-path build/release/python "$@"
