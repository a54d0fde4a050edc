// <attention-playground> on a host page in headless Chromium: attributes configure it and
// update it live, widgets share one wasm download and start when scrolled into view, host
// styles cannot break it, it sizes itself, and removing it releases its view.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness } from './harness.mjs';
import {
  hostPage,
  openHost,
  rowSums,
  waitRendered,
  wasmFetches,
  widgetInfo,
  widgetScreenshot,
} from './widget-fixtures.mjs';

let harness;
before(async () => {
  harness = await startHarness();
});
after(async () => harness?.close());

const rendered = (page, index = 0) =>
  page.evaluate(
    (i) =>
      Number(
        document.querySelectorAll('attention-playground')[i].shadowRoot.querySelector('.apw').dataset.rendered ?? 0,
      ),
    index,
  );

test('attributes configure the widget, and changing one updates it live', async () => {
  const { page, errors, context } = await openHost(
    harness,
    hostPage(
      '<attention-playground sentence="The cat sat on the mat" mode="self" head="Grammar"></attention-playground>',
    ),
  );
  await waitRendered(page);
  let info = await widgetInfo(page);
  assert.deepEqual(info.rowLabels, ['The', 'cat', 'sat', 'on', 'the', 'mat']);
  assert.equal(info.cells.filter((c) => c.blocked).length, 0);
  assert.match(info.subtitle, /^Grammar head/);
  for (const sum of rowSums(info.cells)) assert.ok(Math.abs(sum - 1) < 1e-3);

  let count = await rendered(page);
  await page.evaluate(() => document.querySelector('attention-playground').setAttribute('mode', 'causal'));
  await waitRendered(page, { after: count });
  info = await widgetInfo(page);
  assert.equal(info.title, 'Causal (masked)');
  assert.deepEqual(
    info.cells.filter((c) => c.blocked).map((c) => c.col > c.row),
    Array(15).fill(true),
    'exactly the upper triangle is blocked',
  );

  count = await rendered(page);
  await page.evaluate(() => document.querySelector('attention-playground').setAttribute('head', '2'));
  await waitRendered(page, { after: count });
  const third = (await widgetInfo(page)).subtitle;
  assert.doesNotMatch(third, /^Grammar/);

  count = await rendered(page);
  await page.evaluate(() =>
    document.querySelector('attention-playground').setAttribute('sentence', 'John ate his lunch'),
  );
  await waitRendered(page, { after: count });
  assert.deepEqual((await widgetInfo(page)).rowLabels, ['John', 'ate', 'his', 'lunch']);

  count = await rendered(page);
  await page.evaluate(() => document.querySelector('attention-playground').setAttribute('view', 'strip'));
  await waitRendered(page, { after: count });
  info = await widgetInfo(page);
  assert.equal(info.view, 'strip');
  assert.equal(info.rowLabels.length, 0, 'the heat map is gone');
  assert.ok(info.text.includes('lunch'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('the head picker (controls="minimal") and full controls drive the widget through its attributes', async () => {
  const { page, errors, context } = await openHost(
    harness,
    hostPage('<attention-playground sentence="The cat sat" controls="full"></attention-playground>'),
  );
  await waitRendered(page);
  const widget = page.locator('attention-playground');
  let count = await rendered(page);
  await widget.locator('select').nth(0).selectOption('causal'); // mode
  await waitRendered(page, { after: count });
  assert.equal(await widget.getAttribute('mode'), 'causal');
  assert.equal((await widgetInfo(page)).cells.filter((c) => c.blocked).length, 3);
  count = await rendered(page);
  await widget.locator('input[type=text]').first().fill('Le chat dort bien');
  await waitRendered(page, { after: count });
  assert.equal((await widgetInfo(page)).rowLabels.length, 4);
  // Cross-attention from the menu: the core's cross head, on the default French source.
  count = await rendered(page);
  await widget.locator('select').nth(0).selectOption('cross');
  await waitRendered(page, { after: count });
  assert.deepEqual([await widget.getAttribute('mode'), await widget.getAttribute('head')], ['cross', 'Alignment']);
  const cross = await widgetInfo(page);
  assert.match(cross.subtitle, /^Alignment head/);
  assert.deepEqual(cross.colLabels, ['Le', 'chat', 'est', 'assis', 'sur', 'le', 'tapis']);
  assert.deepEqual(cross.messages, []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('several widgets download the wasm once, and each starts only when scrolled into view', async () => {
  const spacer = '<div style="height: 3000px">spacer</div>';
  const html = hostPage(
    `<attention-playground sentence="The cat sat"></attention-playground><attention-playground sentence="A dog ran" mode="causal"></attention-playground>${spacer}<attention-playground id="far" sentence="Far below" mode="causal"></attention-playground>`,
  );
  const { page, errors, requests, context } = await openHost(harness, html);
  await waitRendered(page, { index: 0 });
  await waitRendered(page, { index: 1 });
  assert.equal(await page.$eval('#far', (n) => n.status), 'idle');
  assert.match(await page.$eval('#far', (n) => n.shadowRoot.textContent), /Loading attention for “Far below”/);
  await page.locator('#far').scrollIntoViewIfNeeded();
  await waitRendered(page, { index: 2 });
  assert.equal((await widgetInfo(page, { index: 2 })).cells.filter((c) => c.blocked).length, 1);
  assert.equal(wasmFetches(requests), 1);
  assert.deepEqual(errors, []);
  await context.close();
});

test('host page styles do not reach inside; the widget sizes itself, honours height and theme', async () => {
  const hostile =
    '<style>* { color: red !important; font-size: 40px !important; letter-spacing: 9px !important; } div, svg, rect, canvas { display: none !important; } .apw, .ap-matrix-canvas { background: red !important; }</style>';
  const html = hostPage(
    `<attention-playground sentence="The cat sat on the mat" mode="causal"></attention-playground><attention-playground sentence="The cat sat on the mat" height="200" theme="dark"></attention-playground>`,
    { head: hostile },
  );
  const { page, errors, context } = await openHost(harness, html);
  await waitRendered(page, { index: 0 });
  await page.locator('attention-playground').nth(1).scrollIntoViewIfNeeded();
  await waitRendered(page, { index: 1 });
  const look = await page.evaluate(() => {
    const root = document.querySelector('attention-playground').shadowRoot;
    const style = getComputedStyle(root.querySelector('.apw-title'));
    const frame = getComputedStyle(root.querySelector('.apw'));
    return {
      color: style.color,
      size: style.fontSize,
      spacing: style.letterSpacing,
      display: frame.display,
      cellDisplay: getComputedStyle(root.querySelector('.ap-matrix-canvas')).display,
    };
  });
  assert.notEqual(look.color, 'rgb(255, 0, 0)');
  assert.equal(look.size, '14px');
  assert.equal(look.spacing, 'normal');
  assert.equal(look.display, 'flex');
  assert.notEqual(look.cellDisplay, 'none');
  const first = await widgetInfo(page, { index: 0 });
  assert.ok(first.frameHeight > 150, `frame only ${first.frameHeight}px high`);
  assert.ok(
    Math.abs(first.hostHeight - first.frameHeight) <= 1,
    `the host (${first.hostHeight}px) is as tall as its content (${first.frameHeight}px)`,
  );
  const second = await widgetInfo(page, { index: 1 });
  assert.ok(Math.abs(second.frameHeight - 200) <= 1, `height="200" gave ${second.frameHeight}px`);
  assert.equal(second.dark, true);
  assert.equal(first.dark, false);
  await widgetScreenshot(page, 'widget-hostile-styles');
  assert.deepEqual(errors, []);
  await context.close();
});

test('theme="auto" follows the reader\'s colour scheme', async () => {
  const { page, context } = await openHost(
    harness,
    hostPage('<attention-playground sentence="The cat sat"></attention-playground>'),
    { colorScheme: 'dark' },
  );
  await waitRendered(page);
  assert.equal((await widgetInfo(page)).dark, true);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.waitForFunction(
    () =>
      !document
        .querySelector('attention-playground')
        .shadowRoot.querySelector('.apw')
        .classList.contains('ap-theme-dark'),
  );
  await context.close();
});

test('a removed widget destroys its view; put back, it renders again', async () => {
  const { page, errors, context } = await openHost(
    harness,
    hostPage('<div id="box"><attention-playground sentence="The cat sat" mode="causal"></attention-playground></div>'),
  );
  await waitRendered(page);
  const after = await page.evaluate(() => {
    const widget = document.querySelector('attention-playground');
    widget.remove();
    window.kept = widget;
    return {
      status: widget.status,
      body: widget.shadowRoot.querySelector('.apw-body').childElementCount,
      cells: widget.shadowRoot.querySelectorAll('.ap-matrix-canvas').length,
    };
  });
  assert.deepEqual(after, { status: 'idle', body: 0, cells: 0 });
  const count = await page.evaluate(() => Number(window.kept.shadowRoot.querySelector('.apw').dataset.rendered));
  await page.evaluate(() => document.getElementById('box').append(window.kept));
  await waitRendered(page, { after: count });
  assert.equal((await widgetInfo(page)).cells.length, 9);
  assert.deepEqual(errors, []);
  await context.close();
});
