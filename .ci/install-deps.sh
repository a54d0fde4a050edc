#!/usr/bin/env bash
# install-deps: installs what is missing for serving (`serve`), testing (`test`) or benchmarking
# (`bench`: the peers PyTorch, with OpenBLAS as its BLAS, and python3-onnx), idempotently.
# Debian packages via apt-get (as root or with sudo), npm packages via `npm ci` when the lock changed.
set -euo pipefail
cd "$(dirname "$0")/.."

purpose="${1:-test}"
serve_packages=(cmake ninja-build emscripten libeigen3-dev esbuild mkdocs mkdocs-material)
test_packages=("${serve_packages[@]}" catch2 chromium wabt binaryen clang-14 libclang-rt-14-dev clang-format fonts-dejavu-core)
# Debian's python3-torch links the reference BLAS (libblas.so.3, ~6 GFLOP/s); libopenblas0-pthread
# takes over libblas.so.3 (update-alternatives), which is how a Debian user gets a fast PyTorch.
bench_packages=("${serve_packages[@]}" python3-torch python3-onnx libopenblas0-pthread)
case "$purpose" in
  serve) packages=("${serve_packages[@]}") ;;
  bench) packages=("${bench_packages[@]}") ;;
  *) packages=("${test_packages[@]}") ;;
esac

say() { echo "[install] $*"; }

# Node.js 20 or newer runs the build scripts, the tests and the server.
if ! command -v node >/dev/null 2>&1; then
  echo "[install] Node.js is not installed. Install Node.js 20 or newer (with npm), then run this command again." >&2
  exit 1
fi
node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
  echo "[install] Node.js $(node --version) is too old; this project needs Node.js 20 or newer." >&2
  exit 1
fi

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  say "Debian packages: all ${#packages[@]} present"
else
  say "Debian packages missing: ${missing[*]}"
  if [ "$(id -u)" -eq 0 ]; then sudo_cmd=(); elif command -v sudo >/dev/null 2>&1; then sudo_cmd=(sudo); else
    echo "[install] Need root to install: ${missing[*]}. Run: apt-get update && apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  say "running: apt-get update"
  if ! "${sudo_cmd[@]}" apt-get update -qq; then
    echo "[install] apt-get update failed. Fix the package sources, then run: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  for package in "${missing[@]}"; do
    say "installing $package"
    if ! DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "$package" >/tmp/attn-apt-$$.log 2>&1; then
      tail -n 5 /tmp/attn-apt-$$.log >&2 || true
      echo "[install] Could not install the Debian package '$package'. Run: sudo apt-get install -y $package" >&2
      exit 1
    fi
  done
  rm -f /tmp/attn-apt-$$.log
fi

# npm packages: reinstall only when package-lock.json changed since the last install.
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
stamp=node_modules/.attn-lock-sha256
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$lock_hash" ]; then
  say "npm packages: up to date"
else
  say "running: npm ci"
  if ! npm ci --no-audit --no-fund --loglevel=error; then
    echo "[install] npm ci failed. Check your network access to the npm registry, then run: npm ci" >&2
    exit 1
  fi
  echo "$lock_hash" >"$stamp"
fi
