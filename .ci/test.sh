#!/usr/bin/env bash
# test: installs what is missing, builds native and wasm, runs every test layer, and prints
# each layer's count. Exits non-zero if any layer fails. Logs go to artifacts/logs/.
set -uo pipefail
cd "$(dirname "$0")/.."
export NODE_PATH=/usr/share/nodejs

bash .ci/install-deps.sh test || exit 1
mkdir -p artifacts/logs
rm -f artifacts/logs/*.log

names=()
results=()
total_pass=0
total_fail=0

record() {  # name pass fail
  names+=("$1")
  results+=("$2 passed, $3 failed")
  total_pass=$((total_pass + $2))
  total_fail=$((total_fail + $3))
}

ctest_counts() {  # log -> "pass fail"
  local line
  line=$(grep -E 'tests passed, [0-9]+ tests failed out of [0-9]+' "$1" | tail -n 1)
  if [ -z "$line" ]; then echo "0 1"; return; fi
  local failed total
  failed=$(echo "$line" | sed -E 's/.* ([0-9]+) tests failed out of ([0-9]+).*/\1/')
  total=$(echo "$line" | sed -E 's/.* tests failed out of ([0-9]+).*/\1/')
  echo "$((total - failed)) $failed"
}

node_counts() {  # log -> "pass fail"
  local pass fail
  pass=$(grep -E '^# pass [0-9]+' "$1" | tail -n 1 | awk '{print $3}')
  fail=$(grep -E '^# fail [0-9]+' "$1" | tail -n 1 | awk '{print $3}')
  echo "${pass:-0} ${fail:-1}"
}

run_layer() {  # name log command...
  local name=$1 log=$2
  shift 2
  echo
  echo "=== $name ==="
  "$@" 2>&1 | tee "$log"
  return "${PIPESTATUS[0]}"
}

# Layer 0: formatting and types, three checks: clang-format on every C++ file, prettier on the
# JS/CSS of web/ and tests/, and tsc on the typed usage of the public API (tests/types/).
cpp_files() { find src bindings tests/cpp tests/fuzz -type f \( -name '*.h' -o -name '*.cpp' \) | sort; }
clang_format_check() { cpp_files | xargs clang-format --dry-run -Werror; }
layer0() {
  local pass=0 fail=0
  check() {  # name command...
    local name=$1
    shift
    if "$@"; then echo "ok: $name"; pass=$((pass + 1)); else echo "FAILED: $name"; fail=$((fail + 1)); fi
  }
  check "clang-format --dry-run -Werror ($(cpp_files | wc -l) C++ files)" clang_format_check
  check "prettier --check web tests" npx --no-install prettier --check --log-level warn web tests
  check "tsc --noEmit -p tests/types" npx --no-install tsc --noEmit -p tests/types
  echo "layer 0: $pass passed, $fail failed"
}
run_layer "layer 0: format and types" artifacts/logs/layer0.log layer0
read -r p f < <(sed -nE 's/^layer 0: ([0-9]+) passed, ([0-9]+) failed$/\1 \2/p' artifacts/logs/layer0.log)
record "layer 0: format and types" "${p:-0}" "${f:-1}"

# Layer 1: Catch2, native, AddressSanitizer + UndefinedBehaviorSanitizer.
if bash .ci/build.sh native-debug >artifacts/logs/build-native.log 2>&1 || { cat artifacts/logs/build-native.log; false; }; then
  run_layer "layer 1: Catch2 native (ASan+UBSan)" artifacts/logs/layer1.log ctest --preset native-debug
  read -r p f < <(ctest_counts artifacts/logs/layer1.log)
else
  p=0 f=1
fi
record "layer 1: Catch2 native (ASan+UBSan)" "$p" "$f"

# Fuzzing: every libFuzzer target for a short time (ATTN_FUZZ_SECONDS, default 30) on its seeds.
run_layer "fuzz: libFuzzer targets (ASan+UBSan)" artifacts/logs/fuzz.log bash .ci/fuzz.sh "${ATTN_FUZZ_SECONDS:-30}"
p=$(grep -c ': clean (' artifacts/logs/fuzz.log)
f=$(grep -c ': FAILED' artifacts/logs/fuzz.log)
if [ "$p" -eq 0 ] && [ "$f" -eq 0 ]; then f=1; fi
record "fuzz: libFuzzer targets (ASan+UBSan)" "$p" "$f"

# Build the wasm modules and the static site (dist/).
if bash .ci/build.sh >artifacts/logs/build-wasm.log 2>&1; then
  built=1
else
  cat artifacts/logs/build-wasm.log
  built=0
fi

# Layer 2: the same Catch2 suite compiled to wasm, run under Node.
if [ $built = 1 ]; then
  run_layer "layer 2: Catch2 wasm under Node" artifacts/logs/layer2.log ctest --preset wasm-release
  read -r p f < <(ctest_counts artifacts/logs/layer2.log)
else p=0 f=1; fi
record "layer 2: Catch2 wasm under Node" "$p" "$f"

# Layer 3: node --test against the built ES module, through the public JS API.
if [ $built = 1 ]; then
  run_layer "layer 3: JS API (node --test)" artifacts/logs/layer3.log node --test tests/js/
  read -r p f < <(node_counts artifacts/logs/layer3.log)
else p=0 f=1; fi
record "layer 3: JS API (node --test)" "$p" "$f"

# Layer 4: headless Chromium (playwright-core + Debian's chromium) on the served site.
if [ $built = 1 ]; then
  run_layer "layer 4: browser (headless Chromium)" artifacts/logs/layer4.log node --test --test-concurrency=1 tests/browser/
  read -r p f < <(node_counts artifacts/logs/layer4.log)
else p=0 f=1; fi
record "layer 4: browser (headless Chromium)" "$p" "$f"

echo
echo "=== summary ==="
for i in "${!names[@]}"; do echo "${names[$i]}: ${results[$i]}"; done
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
