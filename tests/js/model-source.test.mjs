// The DOM-free parts of opening a model (issue 17) in Node: which state values name a model,
// how sub-word pieces are shown, how a run is sliced per head without changing a number, and
// what a set of opened files is (web/app/model-files.js), including a checkpoint too big for
// the browser, refused from its size before anything is read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importedSource, isModelSource, modelSource, readablePiece } from '../../web/shared/model-source.js';
import { MAX_CHECKPOINT_BYTES, classifyFiles } from '../../web/app/model-files.js';

// Issue 18: the learned models take the same path (grid, views, predictions) as checkpoints.
test('state.model: hand-built is not a model source; URLs, opened and the learned models are', () => {
  for (const value of ['hand-built', '', '  ', null]) assert.equal(isModelSource(value), false, value);
  for (const value of [
    'opened',
    'learned-causal',
    'learned-masked',
    'models/distilgpt2.safetensors',
    'https://example.org/m.safetensors',
  ])
    assert.equal(isModelSource(value), true, value);
});

test('sub-word pieces read as such, the raw piece kept', () => {
  assert.deepEqual(readablePiece(' cat', 'gpt2'), { text: '␣cat', raw: 'Ġcat' });
  assert.deepEqual(readablePiece('Ġcat', 'gpt2'), { text: '␣cat', raw: 'Ġcat' });
  assert.deepEqual(readablePiece('\n', 'gpt2'), { text: '↵', raw: 'Ċ' });
  assert.deepEqual(readablePiece('cat', 'gpt2'), { text: 'cat', raw: 'cat' });
  assert.deepEqual(readablePiece('##able', 'bert'), { text: '-able', raw: '##able' });
  assert.deepEqual(readablePiece('##', 'bert'), { text: '##', raw: '##' });
  assert.deepEqual(readablePiece('[CLS]', 'bert'), { text: '[CLS]', raw: '[CLS]' });
});

test('a run is sliced per head as views of the core’s arrays; GPT-2 is causal, BERT not', () => {
  const T = 3;
  const H = 2;
  const attention = [0, 1].map((l) => Float32Array.from({ length: H * T * T }, (_, i) => l * 100 + i));
  const run = {
    tokens: [' a', ' b', '.'].map((text) => ({ text, start: 0, end: 0 })),
    attention,
    top: [{ token: ' c', probability: 0.5 }],
  };
  const m = { family: 'gpt2', config: { layers: 2, heads: H, embedDim: 16 } };
  const src = modelSource(m, run, { name: 'tiny-random-gpt2.safetensors', random: true });
  assert.equal(src.title, 'GPT-2: 2 layers × 2 heads, 16 wide');
  assert.match(src.honest, /^Random weights \(tiny-random-gpt2\.safetensors\)/);
  assert.deepEqual(
    src.tokens.map((t) => [t.text, t.raw]),
    [
      ['␣a', 'Ġa'],
      ['␣b', 'Ġb'],
      ['.', '.'],
    ],
  );
  const w = src.layers[1].heads[1].weights;
  assert.equal(w.buffer, attention[1].buffer); // a view, no copy
  assert.deepEqual(Array.from(w), Array.from(attention[1].subarray(9, 18)));
  assert.deepEqual(Array.from(src.mask), [0, 1, 1, 0, 0, 1, 0, 0, 0]);
  assert.equal(modelSource({ ...m, family: 'bert' }, run, {}).mask, null);
  assert.match(
    modelSource(m, run, { name: 'gpt2.safetensors' }).honest,
    /^Weights from gpt2\.safetensors, .*does not know who trained them/,
  );
});

test('an import is labelled as computed elsewhere, with its warnings', () => {
  const src = importedSource({
    name: 'a.json',
    format: 'json',
    tokens: [{ text: 'x' }],
    layers: 1,
    heads: 1,
    T: 1,
    attention: [Float32Array.of(1)],
    warnings: ['w'],
  });
  assert.equal(src.title, 'Imported: computed elsewhere (a.json): 1 layer × 1 head, 1 tokens');
  assert.deepEqual([src.kind, src.mask, src.trace, src.warnings], ['imported', null, null, ['w']]);
});

const fake = (name, text = '', size = text.length) => ({ name, size, text: async () => text });

test('opened files: a checkpoint with its vocab and config, or attention with its tokens', async () => {
  const set = await classifyFiles([
    fake('model.safetensors', '', 1000),
    fake('vocab.txt', '[PAD]\n'),
    fake('config.json', '{"n_head": 2}'),
  ]);
  assert.deepEqual([set.kind, set.vocab, set.config], ['checkpoint', '[PAD]\n', { n_head: 2 }]);
  const npy = await classifyFiles([fake('a.npy', '', 10), fake('tokens.txt', 'a\nb\n')]);
  assert.deepEqual([npy.kind, npy.tokens], ['import', ['a', 'b']]);
  const json = await classifyFiles([fake('bertviz.json', '{}')]);
  assert.equal(json.kind, 'import');
});

test('opened files that make no sense, or a checkpoint too big for the browser: a sentence, nothing read', async () => {
  const big = { name: 'huge.safetensors', size: MAX_CHECKPOINT_BYTES + 1, text: () => assert.fail('read') };
  await assert.rejects(
    classifyFiles([big]),
    /huge\.safetensors is 3\.0 GB: too big to run in a browser tab \(WebAssembly memory stops at 4 GB\)/,
  );
  await assert.rejects(classifyFiles([fake('notes.pdf')]), /notes\.pdf: not a file this page opens/);
  await assert.rejects(classifyFiles([fake('a.safetensors'), fake('b.safetensors')]), /one model at a time/);
  await assert.rejects(classifyFiles([fake('vocab.txt')]), /alone shows nothing/);
  await assert.rejects(
    classifyFiles([fake('m.safetensors'), fake('config.json', '{')]),
    /config\.json is not valid JSON/,
  );
  await assert.rejects(classifyFiles([]), /No file was opened/);
});
