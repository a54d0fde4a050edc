#!/usr/bin/env bash
# build: compiles the wasm modules (SIMD and fallback) and assembles the static site in dist/.
# Usage: .ci/build.sh [preset ...]   (assumes dependencies are installed; see install-deps.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_PATH=/usr/share/nodejs  # Debian's emscripten needs acorn from here (TOOLCHAIN trap 1)

build_preset() {
  local preset=$1
  echo "[build] $preset"
  if [ ! -f "build/$preset/build.ninja" ]; then
    cmake --preset "$preset" >"build-$preset.log" 2>&1 || { cat "build-$preset.log" >&2; rm -f "build-$preset.log"; echo "[build] configuring $preset failed" >&2; exit 1; }
    rm -f "build-$preset.log"
  fi
  cmake --build --preset "$preset"
}

# With preset names: build just those. Without: both wasm modules, then the site in dist/.
if [ $# -gt 0 ]; then
  for preset in "$@"; do build_preset "$preset"; done
  exit 0
fi
build_preset wasm-release
build_preset wasm-nosimd-release
node web/tools/build-site.mjs
