// Issue 20, "animation that keeps the action on screen", as a person sees it: Play at 1280×900
// and on a 390×844 phone records a frame at every tick (the stage's box, the sticky timeline's
// box, the step shown) and the step on stage must be wholly inside the window below the
// timeline bar in every frame; one screenshot per step goes to artifacts/screenshots/ and the
// frames to artifacts/steps-play-<size>.json. The data moves (bars sweep in key by key, shrink
// under ÷√d, grow to their weights; blocked rows grey out) and ends exactly where reduced
// motion draws it at once; the keyboard drives the timeline.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { startHarness } from './harness.mjs';
import { ready, settled } from './page-helpers.mjs';

const WOKE = '#text=The+cat+that+was+sleeping+on+the+mat+suddenly+woke+up&token=9&view=steps';
const LONG = `#text=${encodeURIComponent(
  'the cat that was sleeping on the warm mat suddenly woke up and ran to the door because it heard a dog bark loudly in the garden near the old house where John ate his lunch',
)}&token=20&view=steps&mode=causal`;
const STEP_IDS = ['qkv', 'dot', 'scale', 'mask', 'softmax', 'sum', 'decode'];
const ARTIFACTS = new URL('../../artifacts/', import.meta.url);

/** Resolves once nothing animates in the page. */
const motionless = (page) =>
  page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
// The stage shows step `id` (a click on Next re-renders it on the next frame, not at once).
const onStep = (page, id) =>
  page.waitForFunction((want) => document.querySelector('.ap-stage')?.dataset.stepId === want, id);

let harness;
before(async () => {
  harness = await startHarness({ csp: true });
});
after(async () => harness?.close());

// In the page: records the stage's box, the timeline bar's and the step shown at every
// animation frame until play stops (window.__frames).
function recordInPage() {
  window.__frames = [];
  const tick = () => {
    const stage = document.querySelector('.ap-stage');
    const box = stage.getBoundingClientRect();
    const bar = document.getElementById('timeline').getBoundingClientRect();
    window.__frames.push({
      step: stage.dataset.stepId,
      top: box.top,
      bottom: box.bottom,
      barBottom: bar.bottom,
      height: innerHeight,
    });
    if (document.getElementById('step-play').getAttribute('aria-pressed') === 'true' || window.__frames.length < 3)
      requestAnimationFrame(tick);
    else window.__frames.done = true;
  };
  requestAnimationFrame(tick);
}

async function recordPlay(page, name) {
  await page.click('#step-play');
  await page.evaluate(recordInPage);
  // a screenshot of each step as it comes on stage (a loaded machine may skip one: the boxes are
  // recorded every frame regardless)
  const shot = new Set();
  while ((await page.getAttribute('#step-play', 'aria-pressed')) === 'true') {
    const id = await page.$eval('.ap-stage', (s) => s.dataset.stepId);
    if (!shot.has(id)) {
      shot.add(id);
      await page.screenshot({ path: new URL(`screenshots/steps-play-${name}-${id}.png`, ARTIFACTS).pathname });
    }
    await page.waitForTimeout(50);
  }
  await page.waitForFunction(() => window.__frames.done, null, { timeout: 20000 });
  const frames = await page.evaluate(() => window.__frames);
  await writeFile(new URL(`steps-play-${name}.json`, ARTIFACTS), JSON.stringify(frames));
  return { frames, seen: new Set(frames.map((f) => f.step)) };
}

for (const [name, viewport, path] of [
  ['desktop', { width: 1280, height: 900 }, WOKE],
  ['phone', { width: 390, height: 844 }, WOKE],
  ['phone-64-words', { width: 390, height: 844 }, LONG],
]) {
  test(`Play at ${viewport.width}×${viewport.height} (${name}) keeps the step on stage inside the window`, async () => {
    await mkdir(new URL('screenshots/', ARTIFACTS), { recursive: true });
    const { page, errors, context } = await harness.openPage(`${path}&speed=4`, { viewport });
    await ready(page);
    const { frames, seen } = await recordPlay(page, name);
    assert.deepEqual([...seen].sort(), [...STEP_IDS].sort(), 'every step was on stage');
    assert.ok(frames.length >= STEP_IDS.length, `${frames.length} frames`);
    for (const [i, f] of frames.entries()) {
      const where = `frame ${i} (${f.step}): stage ${f.top.toFixed(0)}–${f.bottom.toFixed(0)}, bar ends ${f.barBottom.toFixed(0)}, window ${f.height}`;
      assert.ok(f.top >= f.barBottom - 1, `below the timeline bar: ${where}`);
      assert.ok(f.bottom <= f.height + 1, `inside the window: ${where}`);
    }
    // the timeline bar itself stays on screen, so Pause is always at hand
    assert.ok(frames.every((f) => f.barBottom > 0 && f.barBottom <= f.height));
    assert.deepEqual(errors, []);
    await context.close();
  });
}

// The bars' drawn widths (scaleX of the track) and the rows' opacity, per key row.
const boardInPage = () =>
  [...document.querySelectorAll('.ap-stage .ap-key-row')].map((row) => {
    const bar = row.querySelector('.ap-bar').getBoundingClientRect().width;
    const track = row.querySelector('.ap-bar-track').getBoundingClientRect().width;
    return {
      bar: bar / track,
      opacity: Number(getComputedStyle(row).opacity),
      text: row.querySelector('.ap-num').textContent,
    };
  });

test('the data moves: ÷√d shrinks the bars, softmax grows them to the weights, masked rows grey out; reduced motion ends the same', async () => {
  const path = '#text=The+cat+sat+on+the+mat&token=2&view=steps&mode=causal&step=1';
  const { page, errors, context } = await harness.openPage(path);
  await ready(page);
  await motionless(page); // nothing animates on load
  const scores = await page.evaluate(boardInPage);
  await page.click('#step-next'); // ÷√d
  await onStep(page, 'scale');
  await settled(page);
  const early = await page.evaluate(boardInPage);
  await motionless(page);
  const scaled = await page.evaluate(boardInPage);
  // mid-animation the bars are still between the score and the scaled score; at the end shorter
  const widest = scores.reduce((j, r, k) => (r.bar > scores[j].bar ? k : j), 0);
  assert.ok(early[widest].bar > scaled[widest].bar + 0.02, `shrinking: ${early[widest].bar} -> ${scaled[widest].bar}`);
  assert.ok(scaled[widest].bar < scores[widest].bar / 2, 'divided by √d, the bars are much shorter');
  await page.click('#step-next'); // mask: "sat" (word 2) may not see "on", "the", "mat"
  await onStep(page, 'mask');
  await motionless(page);
  const masked = await page.evaluate(boardInPage);
  assert.deepEqual(
    masked.map((r) => r.opacity < 0.9),
    [false, false, false, true, true, true],
  );
  assert.deepEqual(
    masked.slice(3).map((r) => r.text),
    ['−∞', '−∞', '−∞'],
  );
  await page.click('#step-next'); // softmax
  await onStep(page, 'softmax');
  await settled(page);
  const growing = await page.evaluate(boardInPage);
  await motionless(page);
  const weights = await page.evaluate(boardInPage);
  const percents = weights.map((r) => Number.parseFloat(r.text) / 100 || 0);
  for (const [j, r] of weights.entries()) assert.ok(Math.abs(r.bar - percents[j]) < 0.01, `bar ${j} = its weight`);
  assert.ok(
    growing.some((r, j) => Math.abs(r.bar - weights[j].bar) > 0.02),
    'the bars were still moving',
  );
  // with reduced motion, the same step is drawn at its end state at once
  const still = await harness.browser.newContext({ reducedMotion: 'reduce' });
  const calm = await still.newPage();
  await calm.goto(`${harness.url}${path.replace('step=1', 'step=3')}`);
  await ready(calm);
  await calm.click('#step-next');
  await settled(calm);
  assert.deepEqual(await calm.evaluate(boardInPage), weights);
  assert.deepEqual(errors, []);
  await still.close();
  await context.close();
});

test('the keyboard drives the timeline: Space plays and pauses, arrows step, Home and End', async () => {
  const { page, errors, context } = await harness.openPage(`${WOKE}&step=2`);
  await ready(page);
  await page.focus('.ap-stage');
  await page.keyboard.press('ArrowRight');
  await settled(page);
  assert.equal(await page.inputValue('#step-scrub'), '3');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await settled(page);
  assert.equal(await page.inputValue('#step-scrub'), '1');
  await page.keyboard.press('End');
  await settled(page);
  assert.equal(await page.$eval('.ap-stage', (s) => s.dataset.stepId), 'decode');
  await page.keyboard.press('Home');
  await page.keyboard.press('Space');
  assert.equal(await page.getAttribute('#step-play', 'aria-pressed'), 'true');
  await page.keyboard.press('Space');
  assert.equal(await page.getAttribute('#step-play', 'aria-pressed'), 'false');
  // the scrubber is a range input: its own arrow keys move the step once each
  await page.focus('#step-scrub');
  await page.keyboard.press('ArrowRight');
  await settled(page);
  assert.equal(await page.inputValue('#step-scrub'), '1');
  // typing in the sentence is never taken over
  await page.focus('#sentence');
  await page.keyboard.press('Space');
  assert.equal(await page.getAttribute('#step-play', 'aria-pressed'), 'false');
  assert.deepEqual(errors, []);
  await context.close();
});
