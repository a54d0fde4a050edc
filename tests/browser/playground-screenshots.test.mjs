// Screenshots of every mode × view (and dark, and 360 px wide) to artifacts/screenshots/, for a
// person to look at. Each must render without console errors and fit the 360 px viewport.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness } from './harness.mjs';
import { ready } from './page-helpers.mjs';

const SENTENCE = 'text=The+cat+that+was+sleeping+on+the+mat+suddenly+woke+up&token=9';
const MODES = {
  self: SENTENCE,
  masked: 'text=The+cat+%5BMASK%5D+on+the+mat&token=2',
  cross: 'text=The+cat+sleeps&source=Le+chat+dort&sourceLang=fr&token=1',
  multihead: `${SENTENCE}&heads=0,2`,
};

let harness;
before(async () => {
  harness = await startHarness({ csp: true });
});
after(async () => harness?.close());

for (const [mode, base] of Object.entries(MODES)) {
  test(`screenshots of ${mode} mode in every view`, async () => {
    for (const view of ['matrix', 'lines', 'strip', 'steps']) {
      const { page, errors, context } = await harness.openPage(`#${base}&mode=${mode}&view=${view}&step=6&key=1`);
      await ready(page);
      await harness.screenshot(page, `playground-${mode}-${view}`);
      assert.deepEqual(errors, [], `${mode}/${view}`);
      await context.close();
    }
  });
}

test('dark theme and a 360 px wide phone', async () => {
  const dark = await harness.openPage(`#${SENTENCE}&theme=dark`, { colorScheme: 'dark' });
  await ready(dark.page);
  assert.equal(await dark.page.evaluate(() => document.documentElement.classList.contains('ap-theme-dark')), true);
  await harness.screenshot(dark.page, 'playground-dark');
  await dark.context.close();
  for (const view of ['matrix', 'steps']) {
    const phone = await harness.openPage(`#${SENTENCE}&view=${view}&step=6`, { viewport: { width: 360, height: 740 } });
    await ready(phone.page);
    // the page itself never scrolls sideways; wide pictures scroll inside their own box
    assert.ok(await phone.page.evaluate(() => document.documentElement.scrollWidth <= 360), `${view} overflows 360 px`);
    await harness.screenshot(phone.page, `playground-phone-${view}`);
    assert.deepEqual(phone.errors, []);
    await phone.context.close();
  }
  assert.deepEqual(dark.errors, []);
});
