// issue-20-shots: the before/after pictures of issue 20's closing note. Serves a built site
// (default dist/, or the folder given) and saves small PNGs of the same scenes at 1280 × 900
// (from the head chips to the end of the picture, at most 900 px tall) and 390 × 844 (the first
// screen) into
// tests/browser/artifacts/issue-20/<label>-<scene>.png.
// Usage: node tests/browser/issue-20-shots.mjs [--site DIR] [--label after]
import { startHarness } from './harness.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const label = opt('--label', 'after');
const OUT = new URL('./artifacts/issue-20/', import.meta.url);

const SCENES = [
  ['references-desktop', 'index.html#text=John+ate+his+lunch&heads=References&token=3', { width: 1280, height: 900 }],
  ['emotions-desktop', 'index.html#text=The+cat+sat+on+the+mat&heads=Emotions&token=1', { width: 1280, height: 900 }],
  ['multihead-desktop', 'index.html#text=John+ate+his+lunch&layout=heads&heads=2,0', { width: 1280, height: 900 }],
  ['phone', 'index.html#text=John+ate+his+lunch&heads=References&token=2', { width: 390, height: 844 }],
  [
    'phone-long',
    `index.html#text=${encodeURIComponent('The cat that was sleeping on the mat suddenly woke up and looked around the quiet room')}`,
    { width: 390, height: 844 },
  ],
];

const harness = await startHarness({ dir: opt('--site', undefined) });
try {
  for (const [scene, path, viewport] of SCENES) {
    const { page, context } = await harness.openPage(path, { viewport });
    await page.waitForFunction(() => document.querySelector('#timings[data-tokens]'), null, { timeout: 30000 });
    await page.waitForTimeout(400);
    // Desktop: only the part the issue is about, from the head chips to the end of the picture.
    // Phone: the first screen as a person sees it (where the picture starts is the point).
    const clip =
      viewport.width < 600
        ? undefined
        : await page.evaluate(() => {
            const top = document.querySelector('[data-control=heads]').getBoundingClientRect().top;
            const bottom = document.getElementById('views').getBoundingClientRect().bottom;
            return { x: 0, y: Math.max(0, top - 8), width: innerWidth, height: Math.min(bottom - top + 16, 900) };
          });
    await page.screenshot({ path: new URL(`${label}-${scene}.png`, OUT).pathname, clip, fullPage: Boolean(clip) });
    await context.close();
  }
} finally {
  await harness.close();
}
