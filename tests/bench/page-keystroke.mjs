// update-time: how long the playground takes from a keystroke to the redrawn views, for 8-, 32-
// and 64-word sentences (median over many edits), per mode and view. A benchmark, not a test:
// it asserts nothing. Usage (after a build): node tests/browser/update-time.bench.mjs [edits]
// Prints, per case, the medians of: the core's own time (timings.coreMs summed over the analyze
// calls), analyze() as seen from JS, rendering, and input event -> views drawn.
import { startHarness } from './harness.mjs';
import { ready } from './page-helpers.mjs';

const EDITS = Number(process.argv[2] ?? 41);
const WORDS =
  'the cat that was sleeping on the mat suddenly woke up and ran to the door because it heard a dog bark loudly in the garden near the old house where John ate his lunch'.split(
    ' ',
  );
const sentence = (n) => Array.from({ length: n }, (_, i) => WORDS[i % WORDS.length]).join(' ');
const CASES = [
  ['self', 'matrix'],
  ['self', 'lines'],
  ['self', 'strip'],
  ['self', 'steps'],
  ['masked', 'matrix'],
  ['cross', 'matrix'],
  ['multihead', 'matrix'],
];
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

const harness = await startHarness();
const rows = [];
try {
  for (const n of [8, 32, 64]) {
    for (const [mode, view] of CASES) {
      const text = sentence(n);
      const hash = `#text=${encodeURIComponent(text)}&source=${encodeURIComponent(text)}&sourceLang=en&mode=${mode}&view=${view}&step=6`;
      const { page, context } = await harness.openPage(hash);
      await ready(page);
      const samples = await page.evaluate(
        async ({ text, edits }) => {
          const input = document.getElementById('sentence');
          const timings = document.getElementById('timings');
          const out = [];
          for (let i = 0; i < edits; ++i) {
            // change the last word each time, as typing does (a different word keeps the cache cold)
            input.value = `${text.slice(0, text.lastIndexOf(' '))} ${i % 2 ? 'rug' : 'mat'}${i}`;
            const t0 = performance.now();
            input.dispatchEvent(new Event('input', { bubbles: true }));
            await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
            const t1 = performance.now();
            const analyze = Number(timings.dataset.analyzeMs);
            out.push({
              core: Number(timings.dataset.coreMs),
              analyze,
              render: Number(timings.dataset.renderMs),
              total: t1 - t0,
            });
          }
          return out.slice(1); // the first edit pays for JIT warm-up of a new layout
        },
        { text, edits: EDITS },
      );
      const tokens = await page.$eval('#timings', (t) => t.dataset.tokens);
      const m = (k) => median(samples.map((s) => s[k])).toFixed(2);
      rows.push({
        words: n,
        tokens,
        mode,
        view,
        coreMs: m('core'),
        analyzeMs: m('analyze'),
        renderMs: m('render'),
        inputToDrawnMs: m('total'),
      });
      await context.close();
    }
  }
} finally {
  await harness.close();
}
console.table(rows);
