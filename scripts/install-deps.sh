#!/usr/bin/env bash
# Installs every Debian package Baton needs and fetches the Dear ImGui 1.86 source.
# Idempotent: when everything is present it only checks, which takes well under a second.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Packages by purpose; keep this list the one place that names them.
packages=(
  # build: C++20 compiler, CMake, JSON, tests, benchmarks
  g++ cmake make pkg-config nlohmann-json3-dev libgtest-dev libgmock-dev libbenchmark-dev
  # server: the core as a Python module, aiohttp, pytest, PostgreSQL driver, SQLite
  python3 python3-dev pybind11-dev python3-aiohttp python3-pytest python3-psycopg sqlite3
  # wasm and the workspace: emscripten, GLFW for the desktop build, Boost.Beast for native networking
  emscripten nodejs libglfw3-dev libboost-dev
  # fetching the Dear ImGui source package
  xz-utils ca-certificates
)

missing=()
for p in "${packages[@]}"; do
  # nodejs may come from NodeSource instead of Debian: any working node counts.
  if [ "$p" = nodejs ] && command -v node >/dev/null 2>&1; then continue; fi
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "install-deps: missing Debian packages: ${missing[*]}" >&2
    echo "install-deps: run this script as root (or: sudo apt-get install ${missing[*]})" >&2
    exit 1
  fi
  echo "install-deps: installing ${#missing[@]} Debian packages: ${missing[*]}"
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
else
  echo "install-deps: all ${#packages[@]} Debian packages present"
fi

# Dear ImGui: Debian's libimgui-dev lacks the core .cpp files, the source package has them.
imgui_dir="$here/.deps/imgui-1.86"
if [ ! -f "$imgui_dir/imgui.cpp" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "install-deps: the Dear ImGui source is missing and fetching it needs root (deb-src entry)" >&2
    exit 1
  fi
  work="$(mktemp -d)"
  chmod 755 "$work"  # apt drops to the _apt user to download
  fetch_source() { (cd "$work" && apt-get source --download-only -q imgui >/dev/null 2>&1); }
  echo "install-deps: downloading the imgui source package"
  # Try what apt already knows first: a commented '# deb-src' line, or one for another suite,
  # does not count, so only a failed fetch tells that our entry is needed.
  if ! fetch_source; then
    src_list=/etc/apt/sources.list.d/baton-deb-src.sources
    echo "install-deps: adding a deb-src entry for bookworm main ($src_list)"
    cat > "$src_list" <<'SRC'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
    apt-get update -q
    if ! fetch_source; then
      echo "install-deps: 'apt-get source imgui' failed even with $src_list:" >&2
      (cd "$work" && apt-get source --download-only imgui) >&2 || true
      exit 1
    fi
  fi
  tarball="$(ls "$work"/imgui_1.86*.orig.tar.* 2>/dev/null | head -n 1)"
  if [ -z "$tarball" ]; then
    echo "install-deps: apt-get source imgui did not give imgui_1.86*.orig.tar.*; found: $(ls "$work")" >&2
    exit 1
  fi
  mkdir -p "$imgui_dir"
  tar -xf "$tarball" -C "$imgui_dir" --strip-components=1
  rm -rf "$work"
  echo "install-deps: Dear ImGui source in ${imgui_dir#$here/}"
else
  echo "install-deps: Dear ImGui 1.86 source present"
fi
