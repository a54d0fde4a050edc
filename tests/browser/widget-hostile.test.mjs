// Hostile attribute values on <attention-playground>: HTML and script payloads, a 100 KB
// sentence, unknown modes and views, negative and huge indices. Each shows as text or as a
// visible, friendly message inside the widget; nothing runs and nothing logs an error.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness } from './harness.mjs';
import { hostPage, openHost, waitRendered, widgetInfo, widgetScreenshot } from './widget-fixtures.mjs';

let harness;
before(async () => {
  harness = await startHarness();
});
after(async () => harness?.close());

// Sets attributes from the test (never through HTML parsing of the payload) on the widgets of an empty host.
async function hostWith(settingsList) {
  const html = hostPage(settingsList.map(() => '<attention-playground></attention-playground>').join('\n'));
  const opened = await openHost(harness, html);
  await opened.page.evaluate((list) => {
    const widgets = document.querySelectorAll('attention-playground');
    list.forEach((settings, i) =>
      Object.entries(settings).forEach(([name, value]) => widgets[i].setAttribute(name, value)),
    );
  }, settingsList);
  for (let i = 0; i < settingsList.length; ++i) {
    await opened.page.locator('attention-playground').nth(i).scrollIntoViewIfNeeded();
    await waitRendered(opened.page, { index: i });
  }
  return opened;
}

test('HTML and script payloads in attributes stay text', async () => {
  const payload =
    '<img src=x onerror="window.pwned=1"> <script>window.pwned=2</script> <b onmouseover=alert(1)>bold</b>';
  const { page, errors, context } = await hostWith([
    { sentence: payload, mode: 'self' },
    { sentence: 'The cat sat', source: payload, mode: 'cross' },
    { sentence: payload, view: 'strip', focus: '1' },
    { sentence: payload, view: 'steps', controls: 'full' },
  ]);
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  for (let i = 0; i < 4; ++i) {
    const info = await widgetInfo(page, { index: i });
    for (const tag of ['img', 'script', 'b'])
      assert.ok(!info.elements.includes(tag), `widget ${i}: a <${tag}> element appeared`);
    assert.equal(info.status, 'ready');
  }
  const first = await widgetInfo(page, { index: 0 });
  assert.ok(
    first.rowLabels.some((label) => label.includes('<')),
    `shown as text: ${first.rowLabels.join(' ')}`,
  );
  const cross = await widgetInfo(page, { index: 1 });
  assert.ok(cross.colLabels.some((label) => label.includes('<')));
  await widgetScreenshot(page, 'widget-hostile-html');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a 100 KB sentence is shortened with a message and still renders', async () => {
  const huge = 'the cat sat on the mat '.repeat(4500).slice(0, 100_000);
  const { page, errors, context } = await hostWith([{ sentence: huge, mode: 'causal' }]);
  const info = await widgetInfo(page);
  assert.match(info.messages.join(' '), /very long \(100,000 characters\)/);
  assert.ok(info.cells.length > 0 && info.rowLabels.length <= 64, `${info.rowLabels.length} rows`);
  assert.ok(info.frameHeight < 4000, `the widget is ${info.frameHeight}px tall`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('unknown modes, views, heads and out-of-range indices give friendly messages and a fallback', async () => {
  const { page, errors, context } = await hostWith([
    { sentence: 'The cat sat', mode: 'quantum', view: 'hologram', controls: 'maximal', lang: 'xx' },
    { sentence: 'The cat sat', head: 'Nonexistent' },
    { sentence: 'The cat sat', head: '-1', focus: '-3' },
    { sentence: 'The cat sat', head: '999999', focus: '999999', step: '99999999999' },
    { sentence: '   ', mode: 'causal' },
    { sentence: 'The cat sat', mode: 'cross', source: '' },
  ]);
  const text = async (i) => (await widgetInfo(page, { index: i })).messages.join('\n');
  assert.match(await text(0), /Unknown mode “quantum”; using “self”/);
  assert.match(await text(0), /Unknown view “hologram”/);
  assert.match(await text(0), /Unknown controls/);
  assert.match(await text(0), /Unknown lang/);
  assert.match(await text(1), /There is no head “Nonexistent”; showing Grammar/);
  assert.match(await text(2), /no head “-1”/);
  assert.match(await text(2), /focus “-3”|focus -3/);
  assert.match(await text(3), /no head “999999”/);
  assert.match(await text(3), /focus 999999 is past the last word/);
  assert.match(await text(3), /step/);
  assert.match(await text(4), /no words/);
  assert.match(await text(5), /needs a source sentence/);
  for (const i of [0, 1, 2, 3])
    assert.ok((await widgetInfo(page, { index: i })).cells.length > 0, `widget ${i} still shows a heat map`);
  assert.equal((await widgetInfo(page, { index: 5 })).cells.length, 0, 'no stand-in matrix without a source');
  await widgetScreenshot(page, 'widget-hostile-values');
  assert.deepEqual(errors, []);
  await context.close();
});
