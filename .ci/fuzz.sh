#!/usr/bin/env bash
# fuzz: builds the libFuzzer targets (preset `fuzz`) and runs each for N seconds (default 30)
# on a copy of its committed seed corpus. A crash leaves its input in artifacts/fuzz/<target>/;
# add it to tests/fuzz/corpus/<target>/ as a regression seed once fixed.
# Usage: .ci/fuzz.sh [seconds] [target ...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-30}"
shift || true
if [ ! -f build/fuzz/build.ninja ]; then cmake --preset fuzz >/dev/null; fi
cmake --build --preset fuzz
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for source in tests/fuzz/*_fuzz.cpp; do targets+=("$(basename "$source" .cpp)"); done
fi
status=0
for target in "${targets[@]}"; do
  name=${target%_fuzz}
  work="artifacts/fuzz/$name"
  rm -rf "$work" && mkdir -p "$work/corpus"
  [ -d "tests/fuzz/corpus/$name" ] && cp -r "tests/fuzz/corpus/$name/." "$work/corpus/"
  echo "[fuzz] $target for ${seconds}s"
  if build/fuzz/tests/fuzz/"$target" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -max_len=16384 \
      -artifact_prefix="$work/" -print_final_stats=0 "$work/corpus" >"$work/log.txt" 2>&1; then
    # libFuzzer's closing "Done N runs in S second(s)" (a recommended-dictionary entry may hold "#8").
    echo "[fuzz] $target: clean ($(sed -nE 's/^Done ([0-9]+) runs.*/\1/p' "$work/log.txt" | tail -n 1) runs)"
  else
    status=1
    echo "[fuzz] $target: FAILED — see $work/log.txt"; tail -n 30 "$work/log.txt"
  fi
done
exit $status
