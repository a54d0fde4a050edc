// The step-by-step walkthrough: the timeline reaches every step (by the buttons, the scrubber
// and by playing), each step shows its commentary, and the decoded output of "woke" in
// "The cat that was sleeping on the mat suddenly woke up" lists "cat".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness } from './harness.mjs';
import { ready, settled } from './page-helpers.mjs';

const WOKE = '#text=The+cat+that+was+sleeping+on+the+mat+suddenly+woke+up&token=9&view=steps';
const STEP_IDS = ['qkv', 'dot', 'scale', 'mask', 'softmax', 'sum', 'decode'];

let harness;
before(async () => {
  harness = await startHarness({ csp: true });
});
after(async () => harness?.close());

const currentStep = (page) => page.$eval('.ap-step-current', (s) => s.dataset.stepId);

test('step forward and back reaches each step, with its commentary next to it', async () => {
  const { page, errors, context } = await harness.openPage(WOKE);
  await ready(page);
  assert.equal(await page.isVisible('#timeline'), true);
  for (const [i, id] of STEP_IDS.entries()) {
    assert.equal(await currentStep(page), id);
    assert.equal(await page.inputValue('#step-scrub'), String(i));
    assert.ok((await page.textContent('.ap-step-current .ap-step-text')).length > 40);
    // one stage changes in place; the stepper marks the current step and those done
    assert.equal(await page.locator('.ap-stage').count(), 1);
    assert.equal(await page.getAttribute('.ap-stepper-button[aria-current]', 'data-step'), String(i));
    assert.equal(await page.locator('.ap-stepper-done').count(), i);
    if (i < STEP_IDS.length - 1) {
      await page.click('#step-next');
      await settled(page);
    }
  }
  await page.click('#step-prev');
  await settled(page);
  assert.equal(await currentStep(page), 'sum');
  await page.fill('#step-scrub', '2');
  await settled(page);
  assert.equal(await currentStep(page), 'scale');
  assert.match(await page.evaluate(() => location.hash), /step=2/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('play runs the timeline to the last step, and pause stops it', async () => {
  const { page, errors, context } = await harness.openPage(`${WOKE}&speed=4`);
  await ready(page);
  await page.click('#step-play');
  assert.equal(await page.getAttribute('#step-play', 'aria-pressed'), 'true');
  await page.waitForFunction(() => document.querySelector('.ap-step-current')?.dataset.stepId === 'decode', null, {
    timeout: 10000,
  });
  await page.waitForFunction(() => document.querySelector('#step-play').getAttribute('aria-pressed') === 'false');
  await page.click('#step-play'); // from the end, play starts over
  await page.waitForFunction(() => document.querySelector('.ap-step-current')?.dataset.stepId !== 'decode');
  await page.click('#step-play');
  const paused = await currentStep(page);
  await page.waitForTimeout(700);
  assert.equal(await currentStep(page), paused);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the decoded output of “woke” lists “cat”, and a score breaks into named contributions', async () => {
  const { page, errors, context } = await harness.openPage(`${WOKE}&step=6&key=1`);
  await ready(page);
  assert.equal(await currentStep(page), 'decode');
  const found = [];
  const heads = await page.$$eval('#heads [data-head]', (b) => b.map((x) => x.textContent));
  for (let h = 0; h < heads.length; ++h) {
    await page.click(`#heads [data-head="${h}"]`);
    await settled(page);
    const words = await page.$$eval('.ap-nearest .ap-word', (n) => n.map((x) => x.textContent));
    if (words.includes('cat')) found.push(heads[h]);
  }
  assert.ok(found.includes('Grammar'), `"cat" is listed by: ${found.join(', ') || 'no head'}`);
  await page.click('#heads [data-head="0"]');
  await page.click('#step-prev');
  await page.fill('#step-scrub', '1');
  await settled(page);
  await page.click('.ap-score-row[data-col="1"]');
  await settled(page);
  assert.match(await page.textContent('.ap-breakdown h4'), /Why “woke” → “cat” scores/);
  assert.ok((await page.locator('.ap-contributions li').count()) >= 1);
  assert.deepEqual(errors, []);
  await context.close();
});

test('with reduced motion the views drop their transitions', async () => {
  const context = await harness.browser.newContext({ reducedMotion: 'reduce' });
  const page = await context.newPage();
  for (const view of ['matrix', 'lines', 'strip', 'steps']) {
    await page.goto(`${harness.url}#text=The+cat+sat&view=${view}&step=6`);
    await ready(page);
    // nothing inside the views may transition or animate
    const moving = await page.evaluate(() =>
      [...document.querySelectorAll('#views *')]
        .filter((node) => {
          const s = getComputedStyle(node);
          const long = (list) => list.split(',').some((d) => parseFloat(d) > 0);
          return long(s.transitionDuration) || (s.animationName !== 'none' && long(s.animationDuration));
        })
        .map((node) => `${node.localName}.${node.getAttribute('class')}`),
    );
    assert.deepEqual(moving, [], view);
  }
  await context.close();
});
