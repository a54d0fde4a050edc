// <attention-playground mode="train"> on a host page (issue 19): the attributes say what to
// train (with the page's names and checks), nothing trains before Play, Play lowers the loss
// shown in the widget, Pause stops it, a new attribute starts a new model, and the widget works
// under the strict Content-Security-Policy (its worker and wasm included).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness } from './harness.mjs';
import { hostPage, openHost } from './widget-fixtures.mjs';

let harness;
before(async () => {
  harness = await startHarness();
});
after(async () => harness?.close());

const WIDGET =
  '<attention-playground mode="train" task="copy" layers="1" heads-per-layer="2" embed="30" attention-only="0" seed="3"></attention-playground>';

// Reads the widget's shadow root as a person sees it.
const read = (page) =>
  page.evaluate(() => {
    const root = document.querySelector('attention-playground').shadowRoot;
    const stat = (key) => root.querySelector(`[data-stat=${key}]`)?.textContent ?? '';
    return {
      status: root.querySelector('.apw-model')?.dataset.status,
      playing: root.querySelector('.apw-model')?.dataset.playing,
      title: root.querySelector('.apw-title').textContent,
      subtitle: root.querySelector('.apw-subtitle').textContent,
      messages: [...root.querySelectorAll('.apw-messages li')].map((li) => li.textContent),
      step: Number(stat('step').replace(/\D/g, '')),
      loss: Number(stat('loss').replace(/[^\d.]/g, '')),
      cells: root.querySelectorAll('.ap-headgrid-cell').length,
    };
  });

// Waits until the widget's body shows the status, the worker's playing flag, a step above `above`
// and a subtitle starting with `subtitle` (each only when given).
const waitFor = (page, { status, workerPlaying, above, subtitle }) =>
  page.waitForFunction(
    ([status, playing, above, subtitle]) => {
      const root = document.querySelector('attention-playground')?.shadowRoot;
      const body = root?.querySelector('.apw-model');
      if (!body) return false;
      const step = Number(root.querySelector('[data-stat=step]')?.textContent.replace(/\D/g, '') ?? -1);
      return (
        (status === null || body.dataset.status === status) &&
        (playing === null || body.dataset.workerPlaying === playing) &&
        (above === null || step > above) &&
        (subtitle === null || root.querySelector('.apw-subtitle').textContent.startsWith(subtitle))
      );
    },
    [status ?? null, workerPlaying ?? null, above ?? null, subtitle ?? null],
    { timeout: 30000 },
  );

test('mode="train": attributes set the model, Play lowers the loss, Pause stops, a new task starts again', async () => {
  const { page, errors, context } = await openHost(harness, hostPage(WIDGET), { csp: true });
  await waitFor(page, { status: 'ready' });
  let shown = await read(page);
  assert.equal(shown.title, 'Train a transformer');
  assert.equal(shown.subtitle, 'copy: 1 layer × 2 heads, 30 wide');
  assert.deepEqual(shown.messages, []);
  assert.equal(shown.cells, 2);
  assert.equal(shown.step, 0, 'nothing trains before Play');

  const widget = page.locator('attention-playground');
  await widget.getByRole('button', { name: /Play/ }).click();
  await waitFor(page, { above: 0 });
  const first = await read(page);
  // 60 steps after the first shown (a loaded machine may show its first figures late)
  await waitFor(page, { above: first.step + 60 });
  const later = (await read(page)).loss;
  assert.ok(later < first.loss, `the loss shown fell: ${first.loss} at step ${first.step} -> ${later}`);

  await widget.getByRole('button', { name: /Pause/ }).click();
  await waitFor(page, { workerPlaying: 'false' });
  const paused = (await read(page)).step;
  await page.waitForTimeout(500);
  assert.equal((await read(page)).step, paused, 'Pause stopped the step counter');

  // A host changes the task (and a bad width): a new model, and a sentence about the width.
  await page.evaluate(() => {
    const w = document.querySelector('attention-playground');
    w.setAttribute('task', 'reverse');
    w.setAttribute('heads-per-layer', '4');
  });
  await waitFor(page, { subtitle: 'reverse' });
  shown = await read(page);
  assert.equal(shown.subtitle, 'reverse: 1 layer × 4 heads, 28 wide');
  assert.match(shown.messages.join(' '), /model width 30 is not a multiple of 4 heads per layer .*using 28/);
  assert.equal(shown.step, 0, 'a new model');
  assert.equal(shown.cells, 4);
  // Removing the widget stops its worker; nothing fails.
  await page.evaluate(() => document.querySelector('attention-playground').remove());
  assert.deepEqual(errors, []);
  await context.close();
});
