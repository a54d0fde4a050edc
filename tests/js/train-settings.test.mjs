// The Train mode's settings in Node (issue 19): the state table's train rows read from the URL and
// from attributes alike, write back to the same state, refuse hostile values with a sentence each;
// trainerOptions() passes only what was set and fits the width to the heads; and a transformer's
// run(input, {trace}) gives the traced head's numbers, the same weights as its attention.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseHash, readLocation, readState, serializeHash, writeState } from '../../web/shared/state.js';
import { trainerOptions } from '../../web/shared/train-settings.js';
import { loadAttention } from '../../dist/lib/index.js';

const fromAttributes = (object) => readState((name) => object[name] ?? null, 'attr');

test('the train settings read the same from the URL and from attributes, and serialise back', () => {
  const hash = '#mode=train&task=sort&layers=3&headsPerLayer=4&embed=96&attentionOnly=0&lr=0.001&batch=32&seed=7';
  const page = parseHash(hash);
  const widget = fromAttributes({
    mode: 'train',
    task: 'sort',
    layers: '3',
    'heads-per-layer': '4',
    embed: '96',
    'attention-only': 'false',
    lr: '1e-3',
    batch: '32',
    seed: '7',
  });
  assert.deepEqual(widget.problems, []);
  assert.deepEqual(page, widget.state);
  assert.equal(serializeHash(page), hash);
  assert.deepEqual(fromAttributes(Object.fromEntries(writeState(page, 'attr'))).state, page);
  assert.deepEqual(trainerOptions(page).options, {
    task: 'sort',
    layers: 3,
    heads: 4,
    embedDim: 96,
    attentionOnly: false,
    lr: 0.001,
    batch: 32,
    seed: 7,
  });
  // A bare attribute is yes; nothing set leaves the trainer its defaults.
  assert.equal(fromAttributes({ 'attention-only': '' }).state.attentionOnly, true);
  assert.deepEqual(trainerOptions(parseHash('#mode=train')).options, { task: 'induction' });
});

test('hostile or out-of-range train settings are ignored with a sentence each', () => {
  const { state, problems } = readLocation(
    '',
    '#mode=train&task=%3Cscript%3E&layers=0&headsPerLayer=99&embed=1e9&attentionOnly=maybe&lr=Infinity&batch=-1&seed=x',
  );
  assert.equal(state.task, 'induction');
  for (const name of ['layers', 'headsPerLayer', 'embed', 'attentionOnly', 'lr', 'batch', 'seed'])
    assert.equal(state[name], null, name);
  assert.equal(problems.length, 8);
  assert.match(problems.join('\n'), /Unknown task “<script>”/);
  assert.match(problems.join('\n'), /number of layers 0 is out of range \(1 to 3\)/);
  assert.match(problems.join('\n'), /learning rate “Infinity” is not a number/);
  assert.equal(
    readLocation('', '#lr=0.5').problems[0],
    'The learning rate 0.5 is out of range (0.00001 to 0.1); ignoring it.',
  );
});

test('the width is fitted to the heads per layer, with a sentence', () => {
  const fit = (hash) => trainerOptions(parseHash(hash));
  assert.equal(fit('#headsPerLayer=3').options.embedDim, 63);
  assert.match(fit('#headsPerLayer=3').problems[0], /width 64 is not a multiple of 3 heads per layer .*using 63/);
  assert.equal(fit('#headsPerLayer=3&embed=50').options.embedDim, 51);
  assert.equal(fit('#headsPerLayer=3&embed=16').options.embedDim, 18, 'never below 16');
  assert.equal(fit('#headsPerLayer=3&embed=128').options.embedDim, 126, 'never above 128');
  assert.deepEqual(fit('#headsPerLayer=4&embed=32').problems, []);
  assert.notEqual(fit('#layers=2').key, fit('#layers=3').key);
});

test("a transformer's run with a trace gives that head's numbers; bad traces are errors", async () => {
  const attn = await loadAttention({ assets: false });
  const tr = attn.createTrainer({ task: 'reverse', layers: 2, heads: 2, embedDim: 16 });
  tr.train({ steps: 3 });
  const ids = Int32Array.from(tr.probe().tokens, (t) => t.id);
  const m = attn.loadTransformer(tr.model.save());
  const T = ids.length;
  const run = m.run({ tokenIds: ids }, { trace: { layer: 1, head: 1 } });
  assert.equal(run.trace.headDim, 8);
  assert.equal(run.trace.q.length, T * 8);
  assert.deepEqual(run.trace.weights, run.attention[1].slice(T * T, 2 * T * T));
  assert.equal(m.run({ tokenIds: ids }).trace, undefined);
  assert.throws(() => m.run({ tokenIds: ids }, { trace: { layer: 2, head: 0 } }), /layer must be in \[0, 2\)/);
  assert.throws(
    () => m.run({ tokenIds: ids }, { trace: { layer: -1, head: 0 } }),
    /trace\.layer must be an integer >= 0/,
  );
  assert.throws(() => m.run({ tokenIds: ids }, { trace: 'x' }), /expects one options object/);
  m.dispose();
  tr.dispose();
});
