// The playground page in headless Chromium: the core loads and what a person sees is computed by it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness } from './harness.mjs';

let harness;
before(async () => {
  harness = await startHarness();
});
after(async () => harness?.close());

test('the page loads the wasm core and shows softmax values it computed', async () => {
  const { page, errors, context } = await harness.openPage('');
  await page.waitForFunction(() => document.getElementById('status')?.textContent.includes('loaded'));
  assert.match(await page.textContent('#status'), /wasm-simd128/);
  assert.equal((await page.textContent('[data-testid=weights]')).trim(), '9.0%  24.5%  66.5%');
  await page.fill('#scores', '0, 0');
  await page.waitForFunction(() => document.querySelector('[data-testid=weights]').textContent.trim() === '50.0%  50.0%');
  await harness.screenshot(page, 'foundation-page');
  assert.deepEqual(errors, []);
  await context.close();
});

test('bad input shows the core error message as text', async () => {
  const { page, errors, context } = await harness.openPage('');
  await page.waitForFunction(() => document.getElementById('status')?.textContent.includes('loaded'));
  await page.fill('#scores', '1, <b>x</b>');
  await page.waitForFunction(() => /not finite/.test(document.querySelector('[data-testid=weights]').textContent));
  assert.equal(await page.locator('[data-testid=weights] b').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});
