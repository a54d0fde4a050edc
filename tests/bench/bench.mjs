// bench: what `npm run bench` runs (after `bash .ci/install-deps.sh bench` has installed the
// peers): the attention kernel table with its peers (bench-attention.mjs), the training
// comparison (bench-train.mjs), the GPT-2-small forward (bench-forward.mjs) and opening a
// GPT-2-small-shaped checkpoint against ORT-web (bench-checkpoint.mjs), each in its own
// Node process, one after the other, JSON into artifacts/bench/. Then render them into the
// tutorial's performance page with `node tests/bench/report.mjs --write`.
//
//   npm run bench [-- --only attention,train,forward,checkpoint] [-- --quick | --full]
// --quick: attention at d_model 64 and 256 for n = 16..256 without the long input (~2 min);
// the default runs d_model 64/256/768 at n = 16..1024 plus the long input, skipping a slow
// baseline predicted to take > 1 s per call (the whole run: ~10 minutes at a load of ~15 on the
// 2-core machine, less when it is quiet); --full adds n = 4096 (ORT-web stops at 1024) and
// keeps baselines up to 3 s per call. Needs a build (npm run build) and, for the native
// column, build/native-release's bench_attention (left out with a note when absent).

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const PARTS = ['attention', 'train', 'forward', 'checkpoint'];

function parseArgs(argv) {
  const args = { only: PARTS, quick: false, full: false };
  for (let i = 0; i < argv.length; ++i) {
    if (argv[i] === '--only') args.only = argv[++i].split(',');
    else if (argv[i] === '--quick') args.quick = true;
    else if (argv[i] === '--full') args.full = true;
    else throw new Error(`bench: unknown argument ${argv[i]} (use --only ${PARTS.join(',')}, --quick, --full)`);
  }
  const unknown = args.only.filter((p) => !PARTS.includes(p));
  if (unknown.length) throw new Error(`bench: unknown part ${unknown.join(', ')}; parts are ${PARTS.join(', ')}`);
  return args;
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  if (!existsSync(join(root, 'dist/lib/index.js'))) {
    console.error('bench: no build in dist/; run `npm run build` first');
    process.exit(1);
  }
  const commands = {
    attention: [
      'bench-attention.mjs',
      ...(args.quick ? ['--quick', '--no-long'] : args.full ? [] : ['--sizes', '16,64,256,1024', '--max-call-s', '1']),
    ],
    train: ['bench-train.mjs'],
    forward: ['bench-forward.mjs'],
    checkpoint: ['bench-checkpoint.mjs'],
  };
  let failed = 0;
  for (const part of args.only) {
    const [file, ...rest] = commands[part];
    console.log(`\n=== ${part}: node tests/bench/${file} ${rest.join(' ')} ===`);
    const t0 = performance.now();
    const run = spawnSync(process.execPath, [join(here, file), ...rest], { stdio: 'inherit' });
    console.log(
      `=== ${part}: ${run.status === 0 ? 'done' : `FAILED (exit ${run.status})`} in ${((performance.now() - t0) / 1000).toFixed(0)} s ===`,
    );
    if (run.status !== 0) ++failed;
  }
  console.log('\nRender the results into web/tutorial/docs/performance.md with: node tests/bench/report.mjs --write');
  process.exit(failed ? 1 : 0);
}

main();
