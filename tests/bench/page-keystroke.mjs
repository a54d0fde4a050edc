// page-keystroke: the keystroke half of the page benchmark (tests/bench/page-bench.mjs runs it).
// For 8-, 32- and 64-token sentences it types into the playground's sentence field with real
// key events (CDP Input.dispatchKeyEvent through playwright: a letter, then Backspace, so the
// last word alternates between two vocabulary words) and times each keystroke from the
// keydown event's timeStamp to the end of the frame that shows it:
//   1. a listener on the input (added after the page's own) waits for the animation frame in
//      which the page renders (its rAF callback runs after the page's in that frame),
//   2. in that frame it checks the DOM: the main matrix's last column label must read the new
//      word and the status must name the sentence's 8 heads; if not, it waits frame by frame,
//   3. the end is a task posted from that frame's rAF callback, so it runs after the frame's
//      style, layout and paint have been committed.
// So a figure includes the wait for the next frame, analyze() and drawing: of all 8 heads for
// the multi-head case; the one-head matrix has the core run only its head (since issue 20's
// sixth session; before, it ran all 8 for every view).
// Typing starts once the page has settled (its idle warm-up has compiled the core, as it has by
// the time a reader starts typing); with `cold` it starts as soon as the page is ready.
// Keystrokes are spaced by a random 0–17 ms (seeded) after the previous frame, so they fall at
// every phase of the 60 Hz frame clock as a person's would. A few warm-up keystrokes per case
// are not counted. Also reported per case, as medians: where the time goes (key -> input
// event, input -> drawn, that frame's style/layout/paint) and the page's own split of the
// drawing step (core time, analyze() from JS, rendering, as main.js writes them on #timings).

import { median } from './page-load.mjs';

export const KEYSTROKE_TARGET = Object.freeze({ tokens: 64, p95Ms: 16 });

const WORDS =
  'the cat that was sleeping on the warm mat suddenly woke up and ran to the door because it heard a dog bark loudly in the garden near the old house where John ate his lunch'.split(
    ' ',
  );
// n words, ending with "mat" (typing "s" makes "mats"; both are in the vocabulary)
export const sentence = (n) => [...Array.from({ length: n - 1 }, (_, i) => WORDS[i % WORDS.length]), 'mat'].join(' ');

export const FLOOR_CASE = 'frame floor: a page that only redraws one word';

export const CASES = Object.freeze([
  { name: 'multi-head, all 8 heads drawn', hash: 'layout=heads&heads=0,1,2,3,4,5,6,7&view=matrix' },
  { name: 'self-attention matrix', hash: 'mode=self&view=matrix' },
]);

const quantile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
};

function random(seed) {
  return () => {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
}

// Runs in the page before each keystroke; resolves with that keystroke's times.
function armInPage() {
  const input = document.getElementById('sentence');
  const timings = document.getElementById('timings');
  window.__keystroke = new Promise((resolve) => {
    let keydown = null;
    document.addEventListener('keydown', (e) => (keydown = e.timeStamp), { capture: true, once: true });
    input.addEventListener(
      'input',
      () => {
        const inputAt = performance.now();
        const word = input.value.trim().split(/\s+/).at(-1);
        const shown = () => {
          const labels = document.querySelectorAll('.ap-panel-main .ap-col-label');
          return (
            labels.length &&
            labels[labels.length - 1].textContent === word &&
            / 8 heads/.test(document.getElementById('status').textContent)
          );
        };
        const frame = () => {
          if (!shown()) return requestAnimationFrame(frame);
          const drawnAt = performance.now(); // the page's render ran just before this callback
          setTimeout(() => {
            const end = performance.now();
            resolve({
              totalMs: end - keydown,
              toInputMs: inputAt - keydown,
              toDrawnMs: drawnAt - inputAt, // frame wait + analyze + JS rendering
              paintMs: end - drawnAt, // style, layout, paint of that frame
              coreMs: Number(timings.dataset.coreMs),
              renderMs: Number(timings.dataset.renderMs),
              tokens: Number(timings.dataset.tokens),
            });
          }, 0);
        };
        requestAnimationFrame(frame);
      },
      { once: true },
    );
  });
}

async function keystroke(page, key) {
  await page.evaluate(armInPage);
  await page.keyboard.press(key);
  return page.evaluate(() => window.__keystroke);
}

// The floor of this measurement: a page with the same elements whose whole render is writing
// the last word into one label, in the next animation frame as the playground does. What
// it takes (the wait for the frame, the frame's own work) no page can go below.
const FLOOR_PAGE = (text) => `<!doctype html><input id="sentence" value="${text}">
<div class="ap-panel-main"><span class="ap-col-label">mat</span></div><p id="status">64 words, 8 heads.</p>
<p id="timings" data-core-ms="0" data-analyze-ms="0" data-render-ms="0" data-tokens="0"></p>
<script>
  const input = document.getElementById('sentence');
  const label = document.querySelector('.ap-col-label');
  let frame = 0;
  input.addEventListener('input', () => {
    frame ||= requestAnimationFrame(() => {
      frame = 0;
      label.textContent = input.value.trim().split(/\\s+/).at(-1);
    });
  });
</script>`;

/**
 * Resolves once the page has settled, as it has when a reader starts typing: after its idle
 * warm-up (app/warm-up.js marks #timings with data-warmed-up), or after 10 s for a build
 * without one.
 */
export async function settled(page) {
  await page.waitForSelector('#timings[data-warmed-up]', { state: 'attached', timeout: 10000 }).catch(() => {});
}

export async function typeInto(page, { edits, warmUp, rnd }) {
  await page.focus('#sentence');
  await page.keyboard.press('End');
  const samples = [];
  for (let i = 0; i < warmUp + edits; ++i) {
    await new Promise((resolve) => setTimeout(resolve, rnd() * 17));
    const s = await keystroke(page, i % 2 ? 'Backspace' : 's');
    if (i >= warmUp) samples.push(s);
  }
  return samples;
}

/** -> [{case, tokens, edits, p50Ms, p95Ms, coreMs, renderMs, toInputMs, toDrawnMs, paintMs}] */
export async function measureKeystrokes(
  browser,
  url,
  { edits = 100, sizes = [8, 32, 64], warmUp = 5, log = console.log, reducedMotion = false, cold = false } = {},
) {
  const rows = [];
  const rnd = random(8);
  const cases = [{ name: FLOOR_CASE, floor: true }, ...CASES];
  for (const testCase of cases) {
    for (const n of testCase.floor ? [Math.max(...sizes)] : sizes) {
      const context = await browser.newContext({
        viewport: { width: 1280, height: 900 },
        reducedMotion: reducedMotion ? 'reduce' : 'no-preference',
      });
      const page = await context.newPage();
      if (testCase.floor) {
        await page.setContent(FLOOR_PAGE(sentence(n)));
      } else {
        await page.goto(new URL(`#text=${encodeURIComponent(sentence(n))}&${testCase.hash}`, url).href);
        await page.waitForFunction(() => document.querySelector('.ap-ready #timings[data-tokens]'), null, {
          timeout: 60000,
        });
        if (!cold) await settled(page);
      }
      const samples = await typeInto(page, { edits, warmUp, rnd });
      await context.close();
      const pick = (k) => samples.map((s) => s[k]);
      const row = {
        case: testCase.name,
        tokens: testCase.floor ? n : median(pick('tokens')),
        edits: samples.length,
        p50Ms: median(pick('totalMs')),
        p95Ms: quantile(pick('totalMs'), 0.95),
        coreMs: median(pick('coreMs')),
        renderMs: median(pick('renderMs')),
        // where the median keystroke's time goes
        toInputMs: median(pick('toInputMs')),
        toDrawnMs: median(pick('toDrawnMs')),
        paintMs: median(pick('paintMs')),
      };
      rows.push(row);
      log(
        `  ${row.case}, ${row.tokens} tokens: p50 ${row.p50Ms.toFixed(1)} ms, p95 ${row.p95Ms.toFixed(1)} ms (medians: key->input ${row.toInputMs.toFixed(1)}, ->drawn ${row.toDrawnMs.toFixed(1)} of which core ${row.coreMs.toFixed(1)} + render ${row.renderMs.toFixed(1)}, paint ${row.paintMs.toFixed(1)})`,
      );
    }
  }
  return rows;
}
