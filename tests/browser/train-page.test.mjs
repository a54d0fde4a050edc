// The playground's Train mode (issue 19) as a person uses it: settings come from the URL and go
// back into it, Play lowers the loss shown on the page and repaints the head grid, Pause stops the
// step counter, the page keeps handling input while the worker trains (typing in another tab
// updates its matrix between two worker messages, and animation frames run between messages),
// hostile URL values read as sentences, induction's head events (a previous-token head in
// layer 0, an induction head in layer 1) agree with the score table, and a trained model opens
// in the model views and downloads as a safetensors file. Speed is never asserted: every wait is
// for something shown.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { startHarness } from './harness.mjs';

// Copy with an MLP learns in a few hundred steps; a narrow model keeps each step short.
const HASH = '#mode=train&task=copy&layers=1&headsPerLayer=2&embed=32&attentionOnly=0&seed=3';

let harness;
before(async () => {
  harness = await startHarness();
});
after(async () => harness?.close());

const stat = (page, key) => page.$eval(`#train-stats [data-stat=${key}]`, (n) => n.textContent);
const number = (text) => Number(text.replace(/[^\d.]/g, ''));
const panelData = (page) => page.$eval('#train-panel', (n) => ({ ...n.dataset }));

async function openTrain(hash = HASH) {
  const opened = await harness.openPage(`index.html${hash}`);
  await opened.page.waitForSelector('.ap-ready', { state: 'attached', timeout: 30000 });
  await opened.page.waitForSelector('#train-panel[data-status=ready]', { timeout: 30000 });
  return opened;
}

// Waits until the page shows a step count above `after`.
const stepAbove = (page, after, timeout = 30000) =>
  page.waitForFunction((n) => Number(document.querySelector('#train-panel').dataset.step) > n, after, { timeout });

test('settings from the URL show in the controls; Play lowers the shown loss and repaints the grid; Pause stops', async () => {
  const { page, errors, context } = await openTrain();
  assert.equal(await page.$eval('#train-task', (n) => n.value), 'copy');
  assert.equal(await page.$eval('#train-layers', (n) => n.value), '1');
  assert.equal(await page.$eval('#train-embed', (n) => n.value), '32');
  assert.equal(await page.$eval('#train-attention-only', (n) => n.checked), false);
  assert.equal(await page.locator('.ap-headgrid-cell').count(), 2, 'one layer of two heads');
  assert.equal(await stat(page, 'step'), '0');
  const thumb = () => page.$eval('.ap-headgrid-thumb', (c) => c.toDataURL());
  const before0 = await thumb();

  await page.click('#train-play');
  await stepAbove(page, 0);
  const first = number(await stat(page, 'loss'));
  const paints = Number((await page.$eval('#train-grid', (n) => n.dataset.paints)) ?? 0);
  await stepAbove(page, 60);
  // The grid is repainted with each of the worker's reports.
  await page.waitForFunction((n) => Number(document.querySelector('#train-grid').dataset.paints) > n + 2, paints);
  const later = number(await stat(page, 'loss'));
  assert.ok(later < first, `the loss shown fell: ${first} -> ${later}`);
  assert.notEqual(await thumb(), before0, 'a head thumbnail changed');
  assert.ok(number(await stat(page, 'rate')) > 0, 'steps per second shown');
  assert.match(await page.$eval('#train-probe h3', (n) => n.textContent), /of 8 scored tokens right/);
  assert.equal(await page.locator('#train-curves svg').count(), 2);
  assert.ok(Number(await page.$eval('#train-curves svg', (s) => s.dataset.points)) > 2, 'the loss curve has points');

  await page.click('#train-play'); // Pause
  // The worker's own report that it paused (after the chunk in flight, if any).
  await page.waitForSelector('#train-panel[data-worker-playing=false]');
  const paused = await stat(page, 'step');
  await page.waitForTimeout(600);
  assert.equal(await stat(page, 'step'), paused, 'Pause stopped the step counter');
  await page.click('#train-step');
  await page.waitForFunction((s) => document.querySelector('#train-stats [data-stat=step]').textContent !== s, paused);
  assert.equal(number(await stat(page, 'step')), number(paused) + 1, 'Step takes one step');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a changed control goes into the URL and the same URL gives the same settings; hostile values read as sentences', async () => {
  const { page, errors, context } = await openTrain();
  await page.selectOption('#train-task', 'sort');
  await page.fill('#train-layers', '2');
  await page.press('#train-layers', 'Enter');
  await page.waitForFunction(() => /task=sort/.test(location.hash) && /layers=2/.test(location.hash));
  await page.waitForFunction(() => document.querySelectorAll('.ap-headgrid-cell').length === 4);
  const hash = await page.evaluate(() => location.hash);
  for (const part of [
    'mode=train',
    'task=sort',
    'layers=2',
    'headsPerLayer=2',
    'embed=32',
    'attentionOnly=0',
    'seed=3',
  ])
    assert.ok(hash.includes(part), `${part} in ${hash}`);
  await context.close();

  // The same address in a new page: the same settings.
  const again = await openTrain(hash);
  assert.equal(await again.page.$eval('#train-task', (n) => n.value), 'sort');
  assert.equal(await again.page.$eval('#train-layers', (n) => n.value), '2');
  assert.equal(await again.page.locator('.ap-headgrid-cell').count(), 4);
  // A hostile address (a link followed on the same page).
  await again.page.evaluate(() => {
    location.hash = '#mode=train&task=%3Cimg%20src%3Dx%3E&layers=9&lr=abc&embed=50&headsPerLayer=3&attentionOnly=maybe';
  });
  await again.page.waitForFunction(() => document.querySelectorAll('.ap-headgrid-cell').length === 6);
  const problems = await again.page.$$eval('#train-problems li', (items) => items.map((li) => li.textContent));
  const all = problems.join('\n');
  assert.match(all, /Unknown task “<img src=x>”; using “induction”/);
  assert.match(all, /number of layers 9 is out of range \(1 to 3\)/);
  assert.match(all, /learning rate “abc” is not a number/);
  assert.match(all, /attention-only “maybe” is neither yes nor no/);
  assert.match(all, /model width 50 is not a multiple of 3 heads per layer .*using 51/);
  assert.equal(await again.page.locator('#train-problems img').count(), 0, 'no markup from the URL');
  assert.equal(await again.page.$eval('#train-task', (n) => n.value), 'induction');
  assert.deepEqual([...errors, ...again.errors], []);
  await again.context.close();
});

test('induction: the page says when a layer-0 head became previous-token and a layer-1 head induction, and each line agrees with the score table', async () => {
  const { page, errors, context } = await openTrain('#mode=train&task=induction&seed=1');
  await page.click('#train-play');
  const lines = () => page.$$eval('#train-events li', (items) => items.map((n) => n.textContent));
  await page.waitForFunction(
    () => {
      const text = [...document.querySelectorAll('#train-events li')].map((n) => n.textContent).join('\n');
      return (
        /layer 0 head \d became a previous-token head/.test(text) &&
        /layer 1 head \d became an induction head/.test(text)
      );
    },
    null,
    { timeout: 90000 },
  );
  await page.click('#train-play'); // Pause: the list and the table then show the same probe
  await page.waitForSelector('#train-panel[data-worker-playing=false]');
  await page.waitForTimeout(300);
  const table = await page.$$eval('#train-scores tbody tr', (rows) =>
    rows.map((r) => ({ head: r.querySelector('th').textContent, label: r.cells[3].textContent })),
  );
  for (const line of await lines()) {
    const m = line.match(
      /^(layer \d+ head \d+) became an? (previous-token|induction) head at step [\d,]+(; it has lost the label since)?$/,
    );
    assert.ok(m, line);
    const now = table.find((row) => row.head === m[1]);
    assert.ok(now, `${m[1]} is in the score table`);
    assert.equal(!!m[3], now.label !== m[2], `${line} | table: ${now.label}`);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('the page stays responsive while training: typing in another tab is handled between worker messages', async () => {
  const { page, errors, context } = await openTrain();
  await page.click('#train-play');
  await stepAbove(page, 0);
  // The Self-attention tab: training goes on in the worker.
  await page.click('[data-mode=self]');
  await page.waitForSelector('#views .ap-view');
  const frames = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const panel = document.querySelector('#train-panel');
        const start = Number(panel.dataset.messages);
        let count = 0;
        const tick = () => {
          count += 1;
          if (Number(panel.dataset.messages) - start >= 6)
            resolve({ frames: count, messages: Number(panel.dataset.messages) - start });
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
  );
  assert.ok(
    frames.frames >= frames.messages,
    `animation frames ran between worker messages: ${JSON.stringify(frames)}`,
  );

  // An input event while training: its word reaches the matrix within two worker messages.
  const handled = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const panel = document.querySelector('#train-panel');
        const start = Number(panel.dataset.messages);
        const input = document.querySelector('#sentence');
        input.value = 'Typing while it trains';
        input.dispatchEvent(new Event('input', { bubbles: true }));
        const check = () => {
          const labels = [...document.querySelectorAll('#views text, #views th')].map((n) => n.textContent);
          if (labels.includes('trains')) resolve({ after: Number(panel.dataset.messages) - start });
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      }),
  );
  assert.ok(handled.after <= 2, `the typed words were drawn within ${handled.after} worker messages`);
  const step = Number((await panelData(page)).step);
  await stepAbove(page, step);
  assert.match(await page.evaluate(() => location.hash), /text=Typing\+while\+it\+trains/);
  // Back to Train: the run went on.
  await page.click('[data-mode=train]');
  await page.waitForSelector('#train-panel:not([hidden])');
  assert.ok(number(await stat(page, 'step')) > step);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a trained model opens in the model views (matrix, step by step) and downloads as safetensors', async () => {
  const { page, errors, context } = await openTrain();
  await page.click('#train-step');
  await stepAbove(page, 0);
  await page.click('.ap-headgrid-cell[data-layer="0"][data-head="1"]');
  await page.waitForFunction(() => document.querySelector('#train-picked').textContent === 'layer 0 head 1');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#train-export')]);
  assert.match(download.suggestedFilename(), /^trained-copy-step1\.safetensors$/);
  const bytes = await readFile(await download.path());
  const headerLength = Number(bytes.readBigUInt64LE(0));
  const header = JSON.parse(bytes.subarray(8, 8 + headerLength).toString('utf8'));
  assert.ok(header['wte.weight'], 'GPT-2 tensor names');

  await page.click('[data-open=matrix]');
  await page.waitForSelector('#model-area:not([hidden]) #model-title');
  assert.match(await page.$eval('#model-title', (n) => n.textContent), /^Trained here: 1 layer × 2 heads, 32 wide/);
  assert.equal(await page.locator('#model-grid .ap-headgrid-cell').count(), 2);
  assert.equal(
    await page.$eval('#model-head', (n) => `${n.dataset.layer}.${n.dataset.head}.${n.dataset.view}`),
    '0.1.matrix',
  );
  await page.waitForFunction(() => location.hash.includes('model=opened'));
  await page.evaluate(() => {
    location.hash = location.hash.replace('view=matrix', 'view=steps').replace(/^#(?!.*view=)/, '#view=steps&');
  });
  await page.waitForFunction(() => document.querySelector('#model-head')?.dataset.view === 'steps');
  assert.deepEqual(errors, []);
  await context.close();
});
