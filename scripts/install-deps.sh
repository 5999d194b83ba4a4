#!/usr/bin/env bash
# Installs every Debian package Baton needs, the browser tests' npm packages, and the Dear ImGui
# 1.92 source.
# Idempotent: when everything is present it only checks, which takes well under a second.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Packages by purpose; keep this list the one place that names them.
packages=(
  # build: C++20 compiler, CMake, JSON, tests, benchmarks
  g++ cmake make pkg-config nlohmann-json3-dev libgtest-dev libgmock-dev libbenchmark-dev
  # server: the core as a Python module, aiohttp, pytest, PostgreSQL driver, SQLite
  python3 python3-dev pybind11-dev python3-aiohttp python3-pytest python3-psycopg sqlite3
  # mail (docs/MAIL.md): SMTP in and out on the server's loop, HTML to text, Postfix in front (tested), swaks
  python3-aiosmtpd python3-aiosmtplib python3-lxml postfix swaks
  # PostgreSQL: the second store; the tests start their own cluster (no service needed), and an
  # nginx and an HAProxy in front of two processes (docs/nginx-baton.conf, docs/haproxy-baton.cfg)
  postgresql nginx haproxy
  # fuzzing the core's decoders: clang with libFuzzer (a Recommends, so named)
  clang libclang-rt-14-dev
  # wasm and the workspace: emscripten, GLFW for the desktop build, Boost.Beast for native networking
  emscripten nodejs libglfw3-dev libboost-dev
  # the desktop build's text in every script: shaping, bidi, rasterising (its fonts are below)
  libharfbuzz-dev libfribidi-dev libfreetype-dev
  # the desktop build's tests: a virtual X display, Mesa's software OpenGL, X input, screenshots
  xvfb libgl1-mesa-dri xdotool imagemagick
  # fetching the Dear ImGui source package
  xz-utils ca-certificates
  # the workspace's fonts and icons (embedded into the page at build time)
  fonts-dejavu-core fonts-font-awesome fonttools
  # every script: Japanese, Chinese, Korean (the UI's Japanese words too), Arabic, Hebrew, Devanagari, Thai, emoji;
  # the page's cut into WOFF2 slices (Brotli) by how common a character is (Unihan, from unicode-data)
  fonts-noto-cjk fonts-noto-core fonts-symbola python3-brotli unicode-data
  # browser tests: Debian's Chromium driven by npm playwright-core; screenshots
  chromium npm
)

missing=()
for p in "${packages[@]}"; do
  # node and npm may come from NodeSource instead of Debian: any working ones count.
  if [ "$p" = nodejs ] && command -v node >/dev/null 2>&1; then continue; fi
  if [ "$p" = npm ] && command -v npm >/dev/null 2>&1; then continue; fi
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

# Dear ImGui 1.92 from Debian sid's source package: 1.92 loads glyphs on demand, so a customer's
# Japanese, Korean or Chinese costs only the glyphs on screen (Debian 12 ships 1.86, trixie 1.90).
# A private apt configuration reads sid's source index without touching the system's sources:
# nothing is installed from sid, only this one source tarball is downloaded. sid moves, so the
# newest 1.92.x its index lists is taken (its version is said, and kept in .deps/imgui-1.92/VERSION);
# the test suite catches API drift.
imgui_series=1.92
imgui_dir="$here/.deps/imgui-$imgui_series"
if [ ! -f "$imgui_dir/imgui.cpp" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "install-deps: the Dear ImGui source is missing and fetching it needs root (apt)" >&2
    exit 1
  fi
  work="$(mktemp -d)"
  mkdir -p "$work/parts" "$work/lists/partial" "$work/src"
  chmod -R 755 "$work"  # apt drops to the _apt user to download
  cat > "$work/parts/sid-src.sources" <<'SRC'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: sid
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
  apt_private=(-o Dir::Etc::SourceList=/dev/null -o "Dir::Etc::SourceParts=$work/parts"
               -o "Dir::State::Lists=$work/lists")
  echo "install-deps: reading Debian sid's source index for Dear ImGui $imgui_series"
  if ! apt-get "${apt_private[@]}" update -q >"$work/update.log" 2>&1; then
    echo "install-deps: could not read Debian sid's source index:" >&2
    cat "$work/update.log" >&2
    exit 1
  fi
  version="$(apt-cache "${apt_private[@]}" showsrc imgui 2>/dev/null | sed -n 's/^Version: //p' |
             grep "^$imgui_series\." | sort -V | tail -n 1)"
  if [ -z "$version" ]; then
    echo "install-deps: sid's source index lists no imgui $imgui_series.x; it lists:" >&2
    apt-cache "${apt_private[@]}" showsrc imgui 2>/dev/null | grep '^Version' >&2
    exit 1
  fi
  echo "install-deps: downloading the imgui $version source package (Debian sid)"
  if ! (cd "$work/src" && apt-get "${apt_private[@]}" source --download-only -q "imgui=$version") >"$work/source.log" 2>&1; then
    echo "install-deps: 'apt-get source imgui=$version' failed:" >&2
    cat "$work/source.log" >&2
    exit 1
  fi
  tarball="$(ls "$work"/src/imgui_*.orig.tar.* 2>/dev/null | head -n 1)"
  if [ -z "$tarball" ]; then
    echo "install-deps: no imgui_*.orig.tar.* downloaded; found: $(ls "$work/src")" >&2
    exit 1
  fi
  mkdir -p "$imgui_dir"
  tar -xf "$tarball" -C "$imgui_dir" --strip-components=1
  echo "$version" > "$imgui_dir/VERSION"
  rm -rf "$work"
  echo "install-deps: Dear ImGui $version source in ${imgui_dir#$here/}"
else
  echo "install-deps: Dear ImGui $(cat "$imgui_dir/VERSION" 2>/dev/null || echo "$imgui_series") source present"
fi

# The browser tests' npm packages (playwright-core; the browser is Debian's chromium).
if [ ! -f "$here/tests/e2e/node_modules/playwright-core/package.json" ] || [ ! -f "$here/tests/e2e/node_modules/axe-core/package.json" ]; then
  echo "install-deps: installing the browser tests' npm packages (tests/e2e)"
  (cd "$here/tests/e2e" && npm ci --no-audit --no-fund --loglevel=error)
else
  echo "install-deps: browser test packages present"
fi
