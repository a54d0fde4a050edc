// The learned models (issue 18) on the page and in a widget: #model=learned-masked shows the
// model's title, the honest sentence, its layers × heads grid (the shape provenance.json
// records) with measured labels, a top-5 list
// for the [MASK], and clicking it reveals which words the last layer looked at; a widget with
// model="learned-causal" shows the grid and the next-word list; only the chosen model is fetched.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startHarness } from './harness.mjs';
import { hostPage, openHost } from './widget-fixtures.mjs';

const { models } = JSON.parse(
  readFileSync(new URL('../../web/assets/learned/provenance.json', import.meta.url), 'utf8'),
);
const cellsOf = (kind) => models[kind].config.layers * models[kind].config.heads;

let harness;
before(async () => {
  harness = await startHarness();
});
after(async () => harness?.close());

test('the page opens the masked learned model with its grid, portraits and predictions', async () => {
  const context = await harness.browser.newContext({ viewport: { width: 1100, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  const requests = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('request', (request) => requests.push(request.url()));
  const text = encodeURIComponent('She drank a cup of [MASK] .');
  await page.goto(new URL(`index.html#model=learned-masked&text=${text}`, harness.url).href);
  await page.waitForFunction(
    (n) => document.querySelectorAll('#model-area .ap-headgrid-cell').length === n,
    cellsOf('masked'),
    { timeout: 60000 },
  );
  const shown = await page.evaluate(() => ({
    area: document.querySelector('#model-area').textContent,
    items: document.querySelectorAll('#model-area .ap-model-toplist li').length,
    grid: [...document.querySelectorAll('#model-area .ap-headgrid-cell')].map((c) => ({
      text: c.textContent,
      name: c.getAttribute('aria-label'),
      clipped: [...c.querySelectorAll('.ap-headgrid-label')].some((n) => n.scrollHeight > n.clientHeight + 1),
    })),
  }));
  const { layers, heads } = models.masked.config;
  assert.match(shown.area, new RegExp(`Learned, masked \\(BERT-style\\): ${layers} layers × ${heads} heads`));
  assert.match(shown.area, /1960s American English/);
  // One decimal, so two close figures (34.4% and 34.2%) do not read the same.
  assert.match(shown.area, /guesses the hidden word \d+\.\d% of the time, a trigram model using both sides \d+\.\d%/);
  assert.match(shown.area, /\[MASK\] \(token 6\): top 5/);
  assert.equal(shown.items, 5);
  // Each head's measured portrait, whole in its name ("previous word, 94% of positions" or "no
  // simple pattern") and short under its thumbnail ("previous word 94%"), never cut off.
  for (const cell of shown.grid) {
    assert.match(cell.name, /% of positions|no simple pattern/, cell.name);
    assert.match(cell.text, /^(no simple pattern|[^,]+ \d+%)$/, cell.text);
    assert.equal(cell.clipped, false, `${cell.text} is cut off`);
  }
  await page.click('#model-area .ap-model-toplist');
  assert.equal(await page.evaluate(() => document.querySelector('.ap-learned-attended').open), true);
  assert.ok(requests.some((u) => u.endsWith('learned/masked.safetensors')));
  assert.ok(!requests.some((u) => u.endsWith('learned/causal.safetensors')));
  // A full stop follows the gap: no note. Without it, the note says why a and the rank high.
  assert.equal(await page.locator('#model-area .ap-learned-note').count(), 0);
  await page.evaluate(() => (location.hash = '#model=learned-masked&text=She%20drank%20a%20cup%20of%20%5BMASK%5D'));
  const note = page.locator('#model-area .ap-learned-note');
  await note.waitFor({ timeout: 30000 });
  assert.match(await note.textContent(), /Nothing follows this \[MASK\]/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a widget with model="learned-causal" shows the grid and the next word', async () => {
  const body = '<attention-playground model="learned-causal" sentence="The jury said it was"></attention-playground>';
  const { page, errors, context } = await openHost(harness, hostPage(body));
  await page.waitForFunction(
    () => document.querySelector('attention-playground')?.shadowRoot.querySelector('.apw')?.dataset.view === 'model',
    null,
    { timeout: 60000 },
  );
  const shown = await page.evaluate(() => {
    const root = document.querySelector('attention-playground').shadowRoot;
    return {
      cells: root.querySelectorAll('.ap-headgrid-cell').length,
      title: root.querySelector('.apw-title').textContent,
      text: root.textContent,
      clipped: [...root.querySelectorAll('.ap-headgrid-label')]
        .filter((n) => n.scrollHeight > n.clientHeight + 1)
        .map((n) => n.textContent),
    };
  });
  assert.equal(shown.cells, cellsOf('causal'));
  // The longest portrait ("first word or punctuation 45%") fits under its thumbnail.
  assert.deepEqual(shown.clipped, []);
  assert.match(shown.title, /Learned, causal/);
  assert.match(shown.text, /Next word after/);
  assert.deepEqual(errors, []);
  await context.close();
});
