// bench-analyze: analyze() of the hand-built heads through the public JS API in Node (not part
// of `npm test`; speed is measured here, never asserted in tests).
//
//   npm run build && node tests/bench/bench-analyze.mjs [--calls 40] [--words 64] [--baseline DIR]
//
// Each line: the median CPU time of --calls calls (after 5 warm-up calls) on one sentence of
// --words words: all 8 heads with every field; the page's usual fields (weights and mask); one
// head only; every field but the nearest words; and masked mode (self and causal side by side)
// as two analyze() calls and, where the build has it, one analyzeModes() call (one tokenize and
// tag). --baseline DIR (a copy of another build's dist/) runs the same cases on that build too,
// alternating call by call so both see the same machine load, and prints the ratio.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const args = { calls: 40, words: 64, baseline: null };
for (let i = 2; i < process.argv.length; ++i) {
  const a = process.argv[i];
  if (a === '--calls') args.calls = Number(process.argv[++i]);
  else if (a === '--words') args.words = Number(process.argv[++i]);
  else if (a === '--baseline') args.baseline = resolve(process.argv[++i]);
  else throw new Error(`unknown argument ${a}`);
}

const WORDS = (
  'the cat that was sleeping on the warm mat woke up and ran to the door because it heard ' +
  'a dog bark loudly in the garden near an old house where John ate his lunch'
).split(' ');
const text = Array.from({ length: args.words }, (_, i) => WORDS[i % WORDS.length]).join(' ');
const PAGE_FIELDS = ['weights', 'mask'];
const NO_NEAREST = ['q', 'k', 'v', 'scores', 'scaled', 'weights', 'mask', 'headOutput', 'concat', 'output'];

function cases(attn) {
  const list = {
    'all 8 heads, every field': () => attn.analyze({ text, mode: 'self' }),
    'all 8 heads, fields weights+mask': () => attn.analyze({ text, mode: 'self', fields: PAGE_FIELDS }),
    'head Grammar only, fields weights+mask': () =>
      attn.analyze({ text, mode: 'self', heads: [0], fields: PAGE_FIELDS }),
    'all 8 heads, every field but nearest': () => attn.analyze({ text, mode: 'self', fields: NO_NEAREST }),
    'masked mode, two analyze() calls': () => {
      attn.analyze({ text, mode: 'self', fields: PAGE_FIELDS });
      attn.analyze({ text, mode: 'causal', fields: PAGE_FIELDS });
    },
  };
  if (typeof attn.analyzeModes === 'function') {
    list['masked mode, one analyzeModes() call'] = () =>
      attn.analyzeModes({ text, modes: ['self', 'causal'], fields: PAGE_FIELDS });
  }
  return list;
}

const median = (times) => times.slice().sort((a, b) => a - b)[Math.floor(times.length / 2)];

// Process CPU time of one call, in ms: on a machine shared with other jobs, wall time mostly
// measures the scheduler.
function time(f) {
  const t0 = process.cpuUsage();
  f();
  const { user, system } = process.cpuUsage(t0);
  return (user + system) / 1000;
}

async function load(url) {
  const { loadAttention } = await import(url);
  return cases(await loadAttention());
}

const builds = [['this build', await load('attention-playground')]];
if (args.baseline) builds.push(['baseline', await load(pathToFileURL(`${args.baseline}/lib/index.js`).href)]);
console.log(
  `analyze() at ${args.words} words, Node ${process.version}, median CPU time of ${args.calls} calls (ms)` +
    (args.baseline ? `; baseline ${args.baseline}` : ''),
);
for (const name of Object.keys(builds[0][1])) {
  const runs = builds.filter(([, c]) => c[name]);
  for (const [, c] of runs) for (let i = 0; i < 5; ++i) c[name]();
  const times = runs.map(() => []);
  for (let i = 0; i < args.calls; ++i) runs.forEach(([, c], b) => times[b].push(time(c[name])));
  const cells = runs.map(([label], b) => `${label} ${median(times[b]).toFixed(2).padStart(6)}`);
  const ratio = runs.length === 2 ? `  ${(median(times[1]) / median(times[0])).toFixed(2)}x faster` : '';
  console.log(`${name.padEnd(40)} ${cells.join('  ')}${ratio}`);
}
