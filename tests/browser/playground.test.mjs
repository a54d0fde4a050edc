// The playground used the way a person uses it: typing, switching modes and heads, stepping
// through the computation, moving with the keyboard, exporting, and typing hostile text.
// Every page must also log no console error. Runs under the strict CSP the widget needs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness } from './harness.mjs';
import { announcedPercent, readMatrix, ready, settled, typeInto } from './page-helpers.mjs';

let harness;
before(async () => {
  harness = await startHarness({ csp: true });
});
after(async () => harness?.close());

async function open(hash = '', options) {
  const opened = await harness.openPage(hash, options);
  await ready(opened.page);
  return opened;
}

const rowsOf = (cells) => {
  const rows = new Map();
  for (const c of cells) rows.set(c.row, [...(rows.get(c.row) ?? []), c]);
  return [...rows.values()];
};

test('typing a sentence relabels the matrix with its words', async () => {
  const { page, errors, context } = await open('');
  await typeInto(page, '#sentence', 'A dog chased the red ball');
  const m = await readMatrix(page);
  assert.deepEqual(m.rows, ['A', 'dog', 'chased', 'the', 'red', 'ball']);
  assert.deepEqual(m.cols, m.rows);
  assert.equal(m.cells.length, 36);
  assert.deepEqual(await page.$$eval('#tokens [data-token]', (b) => b.map((x) => x.textContent)), m.rows);
  assert.match(await page.evaluate(() => location.hash), /text=A\+dog\+chased/);
  // Fewer words, one unknown: the chips follow (reused buttons must not keep stale words,
  // indices, classes or labels), and exactly one is the focused word.
  await typeInto(page, '#sentence', 'A glorptastic dog');
  const chips = await page.$$eval('#tokens [data-token]', (buttons) =>
    buttons.map((b) => ({
      text: b.textContent,
      index: b.dataset.token,
      unknown: b.classList.contains('ap-unknown'),
      pressed: b.getAttribute('aria-pressed'),
      label: b.getAttribute('aria-label'),
    })),
  );
  assert.deepEqual(
    chips.map((c) => [c.text, c.index, c.unknown]),
    [
      ['A', '0', false],
      ['glorptastic', '1', true],
      ['dog', '2', false],
    ],
  );
  assert.equal(chips.filter((c) => c.pressed === 'true').length, 1);
  assert.match(chips[1].label, /“glorptastic” \(not in the vocabulary\)/);
  assert.equal(chips[2].label, 'Focus on “dog”');
  assert.deepEqual(errors, []);
  await context.close();
});

test('every matrix row shows 100% (to rounding), in every head', async () => {
  const { page, errors, context } = await open('#text=The+cat+that+was+sleeping+on+the+mat+suddenly+woke+up');
  const heads = await page.locator('#heads [data-head]').count();
  assert.ok(heads >= 8, `only ${heads} heads`);
  for (let h = 0; h < heads; ++h) {
    await page.click(`#heads [data-head="${h}"]`);
    await settled(page);
    const m = await readMatrix(page);
    assert.equal(m.rows.length, 11);
    for (const row of rowsOf(m.cells)) {
      const shown = row.reduce((sum, c) => sum + announcedPercent(c.label), 0);
      // each shown value is rounded to 0.1%, so the sum may be off by 0.05% per cell
      assert.ok(Math.abs(shown - 100) <= 0.05 * row.length + 1e-9, `head ${h} row ${row[0].row} shows ${shown}%`);
    }
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('masked mode greys exactly the upper triangle and the causal weights differ', async () => {
  const { page, errors, context } = await open('#text=The+cat+sat+on+the+mat');
  await page.click('[data-mode=masked]');
  await settled(page);
  const both = await readMatrix(page, '.ap-panel-bidirectional');
  const causal = await readMatrix(page, '.ap-panel-causal');
  assert.equal(causal.cells.length, 36);
  for (const c of causal.cells) assert.equal(c.blocked, c.col > c.row, `cell ${c.row},${c.col}`);
  assert.ok(both.cells.every((c) => !c.blocked));
  // the first word can only look at itself: 100%, where the bidirectional head spreads out
  assert.equal(causal.cells[0].weight, 1);
  assert.ok(both.cells[0].weight < 1);
  for (const row of rowsOf(causal.cells)) {
    const sum = row.reduce((s, c) => s + c.weight, 0);
    assert.ok(Math.abs(sum - 1) < 1e-5, `causal row ${row[0].row} sums to ${sum}`);
  }
  const changed = causal.cells.filter((c, i) => Math.abs(c.weight - both.cells[i].weight) > 1e-6);
  assert.ok(changed.length > 15, `only ${changed.length} weights changed`);
  // the [MASK] comparison: the causal side blocks every word after the focused one
  const blocked = await page.$$eval('.ap-panel-mask-causal .ap-chip-blocked', (n) => n.length);
  assert.ok(blocked > 0);
  assert.equal(await page.$$eval('.ap-panel-mask-bidirectional .ap-chip-blocked', (n) => n.length), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('cross mode has target rows and source columns', async () => {
  const { page, errors, context } = await open('');
  await page.click('[data-mode=cross]');
  await settled(page);
  assert.ok(await page.isVisible('#source'));
  // The Cross tab opens on the default sentence's French pair with the core's cross head.
  const pressedHead = () => page.textContent('#heads [aria-pressed=true]');
  assert.equal(await pressedHead(), 'Alignment');
  assert.match(await page.textContent('.ap-panel-main .ap-panel-title'), /^Cross-attention: /);
  assert.equal(await page.inputValue('#source'), 'Le chat est assis sur le tapis');
  assert.equal(await page.inputValue('#source-lang'), 'fr');
  const pair = await readMatrix(page);
  assert.deepEqual(pair.cols, ['Le', 'chat', 'est', 'assis', 'sur', 'le', 'tapis']);
  assert.match(await page.evaluate(() => location.hash), /heads=Alignment/);
  assert.equal(await page.textContent('#status'), '6 words, 9 heads.');
  // Leaving cross drops its head (the other modes do not have it) without a complaint.
  await page.click('[data-mode=self]');
  await settled(page);
  assert.equal(await pressedHead(), 'Grammar');
  assert.match(await page.textContent('.ap-panel-main .ap-panel-title'), /^Self-attention: /);
  assert.doesNotMatch(await page.textContent('#status'), /no head/);
  await page.click('[data-mode=cross]');
  await settled(page);
  await typeInto(page, '#sentence', 'The cat sleeps');
  await page.selectOption('#source-lang', 'fr');
  await typeInto(page, '#source', 'Le chat dort sur le tapis');
  const m = await readMatrix(page);
  assert.deepEqual(m.rows, ['The', 'cat', 'sleeps']);
  assert.deepEqual(m.cols, ['Le', 'chat', 'dort', 'sur', 'le', 'tapis']);
  assert.equal(m.cells.length, 18);
  assert.match(await page.evaluate(() => location.hash), /mode=cross/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('switching heads changes the matrix', async () => {
  const { page, errors, context } = await open('#text=John+ate+his+lunch');
  const first = (await readMatrix(page)).cells.map((c) => c.weight);
  await page.click('#heads [data-head="2"]');
  await settled(page);
  const second = (await readMatrix(page)).cells.map((c) => c.weight);
  assert.equal(second.length, first.length);
  assert.ok(
    second.some((w, i) => Math.abs(w - first[i]) > 1e-4),
    'head 2 drew the same weights as head 0',
  );
  assert.equal(await page.getAttribute('#heads [data-head="2"]', 'aria-pressed'), 'true');
  assert.match(await page.evaluate(() => location.hash), /heads=2/);
  assert.deepEqual(errors, []);
  await context.close();
});

// In the page: the multi-head view's two value pictures read back pixel by pixel, each with
// the colour the core's numbers for `text` (all heads, self-attention) should have there.
async function valuePicturesInPage(text) {
  const base = new URL('./', document.baseURI);
  const { loadAttention } = await import(new URL('lib/index.js', base).href);
  const { divergingRgb } = await import(new URL('shared/palette.js', base).href);
  const attn = await loadAttention();
  const a = attn.analyze({ text, mode: 'self', fields: ['concat', 'output'] });
  const T = a.tokens.length;
  const read = (canvas, values) => {
    const W = values.length / T;
    const colW = canvas.width / W;
    const rowH = canvas.height / T;
    const px = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    const scale = values.reduce((m, v) => Math.max(m, Math.abs(v)), 1e-9);
    const cells = [];
    for (let r = 0; r < T; ++r) {
      for (let c = 0; c < W; ++c) {
        if (c % a.headDim === 0 || c % a.headDim === a.headDim - 1) continue; // block separators
        const p = 4 * (Math.floor(r * rowH + rowH / 2) * canvas.width + Math.floor(c * colW + colW / 2));
        cells.push({
          head: Math.floor(c / a.headDim),
          rgb: [...px.slice(p, p + 3)],
          alpha: px[p + 3],
          expected: divergingRgb(values[r * W + c] / scale),
        });
      }
    }
    return cells;
  };
  const [concat, output] = document.querySelectorAll('.ap-values-canvas');
  return { concat: read(concat, a.concat), output: read(output, a.output) };
}

const offColour = (cell) => cell.rgb.some((v, i) => Math.abs(v - cell.expected[i]) > 1);

test('multi-head mode selects several heads and shows the concatenation and output projection', async () => {
  const { page, errors, context } = await open('#text=The+cat+sat+on+the+mat&mode=multihead');
  const cards = page.locator('.ap-head-card');
  assert.ok((await cards.count()) >= 8);
  await cards.nth(2).click();
  await settled(page);
  const checked = await page.$$eval('.ap-head-card', (c) => c.map((x) => x.getAttribute('aria-checked')));
  assert.deepEqual(checked.slice(0, 3), ['true', 'false', 'true']);
  assert.equal(await page.locator('.ap-values-canvas').count(), 2);
  assert.match(
    await page.textContent('.ap-combine'),
    /Concatenate the outputs of all \d+ heads.*In colour: \w+ \+ \w+/,
  );
  // The two pictures show the core's numbers: every pixel the colour of its value on the
  // diverging scale (scaled by the picture's largest |value|); in the concatenation the heads
  // not selected are faded (alpha 46), the selected ones opaque.
  const drawn = await page.evaluate(valuePicturesInPage, 'The cat sat on the mat');
  const off = offColour;
  assert.ok(drawn.output.length > 5 * 1000);
  assert.deepEqual(drawn.output.filter((c) => c.alpha !== 255 || off(c)).slice(0, 3), []);
  const selected = drawn.concat.filter((c) => c.head === 0 || c.head === 2);
  assert.ok(selected.length > 0 && selected.every((c) => c.alpha === 255));
  assert.deepEqual(selected.filter(off).slice(0, 3), []);
  assert.ok(drawn.concat.filter((c) => c.head !== 0 && c.head !== 2).every((c) => c.alpha === 46));
  assert.deepEqual(errors, []);
  await context.close();
});

test('multi-head: a value picture below the window shows the sentence typed once scrolled to', async () => {
  // The pictures are painted when they come near the window (multihead-view.js): typing with
  // the output picture far below must not leave it showing the sentence before.
  const words = 'the cat that was sleeping on the warm mat suddenly woke up and ran to the door'.split(' ');
  const text = Array.from({ length: 60 }, (_, i) => words[i % words.length]).join(' ');
  const { page, errors, context } = await open(`#text=${encodeURIComponent(text)}&mode=multihead`);
  const below = () =>
    page.$$eval('.ap-values-canvas', (canvases) => canvases.map((c) => c.getBoundingClientRect().top - innerHeight));
  assert.ok((await below())[1] > 300, `the output picture starts well below the window (${await below()})`);
  for (const typed of [`${text} dog`, `${text} dogs`]) await typeInto(page, '#sentence', typed);
  await page.locator('.ap-values-canvas').nth(1).scrollIntoViewIfNeeded();
  await settled(page);
  const drawn = await page.evaluate(valuePicturesInPage, `${text} dogs`);
  assert.ok(drawn.output.length > 60 * 1000);
  assert.deepEqual(drawn.output.filter((c) => c.alpha !== 255 || offColour(c)).slice(0, 3), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('keyboard: one tab stop; arrows, Home and End move the active cell, each move is announced; Enter pins', async () => {
  const { page, errors, context } = await open('#text=The+cat+sat+on+the+mat');
  const matrix = '.ap-panel-main .ap-matrix';
  assert.equal(await page.locator(`${matrix} [tabindex]`).count(), 1, 'one tab stop');
  await page.focus(`${matrix} [role=grid]`);
  // what a screen reader and a sighted keyboard user get: the active descendant, the live
  // region, the tooltip, the emphasised words and the focus ring around the cell
  const seen = () =>
    page.evaluate((sel) => {
      const root = document.querySelector(sel);
      const grid = document.activeElement;
      const cell = root.querySelector(`#${grid.getAttribute('aria-activedescendant')}`);
      const ring = root.querySelector('.ap-active-ring');
      const words = (q) => [...root.querySelectorAll(q)].map((n) => n.textContent);
      return {
        role: grid.getAttribute('role'),
        name: grid.getAttribute('aria-label'),
        row: Number(cell.closest('[role=row]').getAttribute('aria-rowindex')) - 1,
        col: Number(cell.getAttribute('aria-colindex')) - 1,
        size: [Number(grid.getAttribute('aria-rowcount')), Number(grid.getAttribute('aria-colcount'))],
        label: cell.getAttribute('aria-label'),
        announced: root.querySelector('[aria-live=polite]').textContent,
        tooltip: root.querySelector('.ap-tooltip').hidden ? '' : root.querySelector('.ap-tooltip').textContent,
        rows: words('.ap-matrix-rowlabel'),
        cols: words('.ap-col-label'),
        emphasised: [words('.ap-matrix-rowlabel.ap-focus'), words('.ap-col-label.ap-focus')],
        ring: getComputedStyle(ring).visibility,
        ringBox: ring.getBoundingClientRect().toJSON(),
        gridBox: grid.getBoundingClientRect().toJSON(),
      };
    }, matrix);
  const start = await seen();
  assert.equal(start.role, 'grid');
  assert.match(start.name, /Attention matrix/);
  assert.deepEqual(start.size, [6, 6]);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown');
  await settled(page);
  const moved = await seen();
  assert.deepEqual([moved.row, moved.col], [start.row + 1, start.col + 1]);
  // A row where the head has no signal appends its reason (issue 20).
  assert.match(moved.announced, /^“\w+” looks at “\w+”: \d+\.\d%(\. No signal: .+)?$/);
  assert.equal(
    moved.announced,
    `“${moved.rows[moved.row]}” looks at “${moved.cols[moved.col]}”: ${moved.announced.split(': ').slice(1).join(': ')}`,
  );
  assert.equal(moved.label, moved.announced);
  assert.equal(moved.tooltip, moved.announced);
  assert.deepEqual(moved.emphasised, [[moved.rows[moved.row]], [moved.cols[moved.col]]]);
  // the focus ring is shown around the active cell
  assert.equal(moved.ring, 'visible');
  const pitch = moved.gridBox.width / 6;
  assert.ok(Math.abs(moved.ringBox.x + moved.ringBox.width / 2 - (moved.gridBox.x + (moved.col + 0.5) * pitch)) < 2);
  assert.ok(Math.abs(moved.ringBox.y + moved.ringBox.height / 2 - (moved.gridBox.y + (moved.row + 0.5) * pitch)) < 2);
  assert.equal(await page.getAttribute(`#tokens [data-token="${moved.row}"]`, 'aria-pressed'), 'true');
  await page.keyboard.press('End');
  assert.equal((await seen()).col, 5);
  await page.keyboard.press('Home');
  const home = await seen();
  assert.equal(home.col, 0);
  assert.equal(home.announced, home.label);
  await page.keyboard.press('Enter');
  await settled(page);
  assert.equal(await page.getAttribute('#pin', 'aria-pressed'), 'true');
  assert.match(await page.evaluate(() => location.hash), /pinned=1/);
  // leaving the grid hides the ring and the tooltip
  await page.keyboard.press('Shift+Tab');
  const left = await page.evaluate((sel) => {
    const root = document.querySelector(sel);
    return [
      getComputedStyle(root.querySelector('.ap-active-ring')).visibility,
      root.querySelector('.ap-tooltip').hidden,
    ];
  }, matrix);
  assert.deepEqual(left, ['hidden', true]);
  assert.deepEqual(errors, []);
  await context.close();
});

test('pointer: hovering a cell shows its exact percentage and focuses its word; a click pins it', async () => {
  const { page, errors, context } = await open('#text=The+cat+sat+on+the+mat');
  const { cells } = await readMatrix(page);
  const box = await page.locator('.ap-panel-main [role=grid]').boundingBox();
  const pitch = box.width / 6;
  const target = cells.find((c) => c.row === 3 && c.col === 1);
  await page.mouse.move(box.x + 1.5 * pitch, box.y + 3.5 * pitch);
  await settled(page);
  assert.equal(await page.textContent('.ap-panel-main .ap-tooltip'), target.label);
  assert.ok(await page.isVisible('.ap-panel-main .ap-tooltip'));
  assert.equal(await page.getAttribute('#tokens [data-token="3"]', 'aria-pressed'), 'true');
  assert.equal(await page.textContent('.ap-panel-main .ap-matrix-rowlabel.ap-focus'), 'on');
  assert.equal(await page.textContent('.ap-panel-main .ap-col-label.ap-focus'), 'cat');
  await page.mouse.click(box.x + 1.5 * pitch, box.y + 3.5 * pitch);
  await settled(page);
  assert.equal(await page.getAttribute('#pin', 'aria-pressed'), 'true');
  assert.match(await page.evaluate(() => location.hash), /token=3.*key=1|key=1.*token=3/);
  await page.mouse.move(box.x + box.width + 40, box.y - 40);
  assert.equal(await page.isVisible('.ap-panel-main .ap-tooltip'), false);
  assert.deepEqual(errors, []);
  await context.close();
});

test('export produces a non-empty PNG and SVG, and the numbers as CSV and JSON', async () => {
  const { page, errors, context } = await open('#text=The+cat+sat+on+the+mat');
  const grab = async (kind) => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(`[data-export=${kind}]`)]);
    const stream = await download.createReadStream();
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    return { name: download.suggestedFilename(), bytes: Buffer.concat(chunks) };
  };
  const png = await grab('png');
  assert.match(png.name, /\.png$/);
  assert.ok(png.bytes.length > 1000, `PNG is ${png.bytes.length} bytes`);
  assert.deepEqual([...png.bytes.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
  const svg = await grab('svg');
  assert.match(svg.bytes.toString(), /<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.ok((svg.bytes.toString().match(/<rect/g) ?? []).length >= 36);
  const csv = (await grab('csv')).bytes.toString().trim().split('\n');
  assert.equal(csv[0], 'attention,head,query_index,query,key_index,key,score,scaled,blocked,weight');
  assert.ok(csv.length >= 1 + 8 * 36);
  // The matrix view draws only the weights, but exports carry every number (scores included).
  const [, , , , , , score, scaled] = csv[1].split(',');
  assert.ok(Number.isFinite(Number(score)) && score !== '' && scaled !== '', `first row: ${csv[1]}`);
  const json = JSON.parse((await grab('json')).bytes.toString());
  assert.equal(json.analyses[0].tokens.length, 6);
  assert.equal(json.analyses[0].heads[0].weights.length, 36);
  assert.equal(json.analyses[0].heads[0].q.length, 6 * json.analyses[0].headDim);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a hostile sentence is shown as text and runs nothing', async () => {
  const { page, errors, context } = await open('');
  let dialogs = 0;
  page.on('dialog', async (dialog) => {
    dialogs += 1;
    await dialog.dismiss();
  });
  const hostile = '<img src=x onerror=alert(1)>';
  await typeInto(page, '#sentence', hostile);
  for (const view of ['matrix', 'lines', 'strip', 'steps']) {
    await page.click(`[data-view=${view}]`);
    await settled(page);
  }
  await page.click('[data-mode=multihead]');
  await settled(page);
  await page.waitForTimeout(200);
  assert.equal(dialogs, 0);
  assert.equal(await page.locator('img').count(), 0);
  const shown = await page.$$eval('#tokens [data-token]', (b) => b.map((x) => x.textContent).join(' '));
  assert.match(shown, /img/);
  assert.match(shown, /</);
  // and through the URL as well
  const second = await harness.openPage(`#text=${encodeURIComponent(hostile)}&view=strip`);
  await ready(second.page);
  assert.equal(await second.page.locator('img').count(), 0);
  assert.deepEqual(second.errors, []);
  assert.deepEqual(errors, []);
  await second.context.close();
  await context.close();
});

test('odd input gets a friendly message, never an error', async () => {
  const { page, errors, context } = await open('');
  await typeInto(page, '#sentence', '   ');
  assert.match(await page.textContent('#status'), /Type a sentence/);
  for (const text of ['!!! ??? ...', '😀 🐈 ☕', 'a'.repeat(1500), 'word '.repeat(120), 'Ünïcödé Ωμέγα 日本語']) {
    await typeInto(page, '#sentence', text);
    assert.doesNotMatch(await page.textContent('#status'), /could not|error/i, text.slice(0, 20));
  }
  assert.match(await page.textContent('#status'), /\d+ words/);
  await typeInto(page, '#sentence', 'word '.repeat(120));
  assert.match(await page.textContent('#status'), /first 64 words/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the state is one link: a URL restores mode, head, view, word and step', async () => {
  const { page, errors, context } = await open(
    '#text=John+ate+his+lunch&mode=masked&heads=3&view=steps&token=2&step=4',
  );
  assert.equal(await page.getAttribute('[data-mode=masked]', 'aria-selected'), 'true');
  assert.equal(await page.getAttribute('[data-view=steps]', 'aria-selected'), 'true');
  assert.equal(await page.getAttribute('#heads [data-head="3"]', 'aria-pressed'), 'true');
  assert.equal(await page.getAttribute('#tokens [data-token="2"]', 'aria-pressed'), 'true');
  assert.equal(await page.inputValue('#step-scrub'), '4');
  assert.equal(await page.inputValue('#sentence'), 'John ate his lunch');
  const hidden = await harness.openPage('#hide=presets,theme,export');
  await ready(hidden.page);
  assert.equal(await hidden.page.isVisible('#presets'), false);
  assert.equal(await hidden.page.isVisible('[data-export=png]'), false);
  assert.equal(await hidden.page.isVisible('#sentence'), true);
  assert.deepEqual(errors, []);
  assert.deepEqual(hidden.errors, []);
  await hidden.context.close();
  await context.close();
});

test('a burst of typing writes the address once it stops; Share, mid-burst, links what is shown', async () => {
  const { page, errors, context } = await open('#text=The+cat+sat');
  await page.evaluate(() => {
    window.__writes = [];
    const replace = history.replaceState.bind(history);
    history.replaceState = (state, title, url) => {
      window.__writes.push(String(url));
      return replace(state, title, url);
    };
  });
  await page.waitForTimeout(400); // a quiet spell: the next change is written at once
  // 16 keystrokes, one every 30 ms (as input events: key events through the test driver are
  // spaced by its round trips, which a loaded machine stretches past the quiet spell)
  const typeBurst = (text) =>
    page.evaluate(async (more) => {
      const input = document.getElementById('sentence');
      for (const ch of more) {
        input.value += ch;
        input.dispatchEvent(new Event('input', { bubbles: true }));
        await new Promise((resolve) => setTimeout(resolve, 30));
      }
    }, text);
  await typeBurst(' on the warm mat');
  // Mid-burst the address may lag behind, but Share must not: it links the sentence shown.
  await page.click('[data-export=share]');
  const dialog = page.locator('dialog.ap-share');
  await dialog.waitFor();
  assert.match(await dialog.locator('[data-snippet=link]').inputValue(), /text=The\+cat\+sat\+on\+the\+warm\+mat/);
  await page.keyboard.press('Escape');
  await settled(page);
  assert.match(await page.evaluate(() => location.hash), /text=The\+cat\+sat\+on\+the\+warm\+mat/);
  const writes = await page.evaluate(() => window.__writes);
  // the first keystroke is written when the browser is idle, the rest once, with Share
  assert.ok(writes.length >= 1 && writes.length <= 3, `${writes.length} writes: ${writes.join(' ')}`);
  // Typing more after a pause is written again without any further action.
  await page.waitForTimeout(400);
  await typeBurst(' today');
  await page.waitForFunction(() => /mat\+today/.test(location.hash), null, { timeout: 3000 });
  assert.deepEqual(errors, []);
  await context.close();
});

test('every control and cell has an accessible name, in every mode and view', async () => {
  const { page, errors, context } = await open('#text=The+cat+sat+on+the+mat');
  const unnamed = () =>
    page.evaluate(() => {
      const named = (node) =>
        node.getAttribute('aria-label') ||
        (node.getAttribute('aria-labelledby') &&
          node
            .getAttribute('aria-labelledby')
            .split(' ')
            .map((id) => document.getElementById(id)?.textContent)
            .join(' ')
            .trim()) ||
        (node.id && document.querySelector(`label[for="${node.id}"]`)?.textContent.trim()) ||
        (node.tagName !== 'INPUT' && node.tagName !== 'SELECT' && node.textContent.trim());
      const nodes = document.querySelectorAll('button, input, select, [role=gridcell], [role=tab], [tabindex]');
      return [...nodes].filter((n) => !n.closest('[hidden]') && !named(n)).map((n) => n.outerHTML.slice(0, 80));
    });
  for (const mode of ['self', 'masked', 'cross', 'multihead']) {
    await page.click(`[data-mode=${mode}]`);
    for (const view of ['matrix', 'lines', 'strip', 'steps']) {
      await page.click(`[data-view=${view}]`);
      await settled(page);
      assert.deepEqual(await unnamed(), [], `${mode}/${view}`);
    }
  }
  assert.deepEqual(errors, []);
  await context.close();
});
