// web/app/warm-up.js against the built core: the page's idle warm-up runs the core on a 64-word
// sentence in every mode (so each mode's code is compiled before the reader types), stops at
// the first failure, and leaves nothing behind: a second warm-up ends with exactly the wasm heap
// bytes in use that the first left (zero growth, not a tolerance).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { loadAttention } from 'attention-playground';
import { warmUp } from '../../web/app/warm-up.js';

let attn;
before(async () => {
  attn = await loadAttention();
});

test('warm-up runs every mode at the 64-token limit, `rounds` times, and resolves with the count', async () => {
  const seen = [];
  const spy = {
    analyze(options) {
      const analysis = attn.analyze(options);
      seen.push([options.mode, analysis.tokens.length, analysis.sourceTokens?.length ?? 0]);
      return analysis;
    },
  };
  assert.equal(await warmUp(spy, { rounds: 2 }), 6);
  assert.deepEqual(
    seen.map(([mode]) => mode),
    ['self', 'causal', 'cross', 'self', 'causal', 'cross'],
  );
  for (const [mode, tokens, source] of seen) {
    assert.equal(tokens, 64, `${mode}: a full-length sentence`);
    if (mode === 'cross') assert.ok(source >= 20, `cross reads a real source sentence (${source} words)`);
  }
});

test('warm-up stops at the first failing call and says how many ran', async () => {
  let calls = 0;
  const failing = {
    analyze() {
      if (++calls === 3) throw new Error('core gone');
      return {};
    },
  };
  assert.equal(await warmUp(failing), 2);
  assert.equal(calls, 3, 'nothing is called after the failure');
});

test('warm-up leaves the wasm heap in use where it was', async () => {
  await warmUp(attn, { rounds: 1 }); // one-time growth (buffers sized for 64 tokens) happens here
  const before = attn.memoryStats();
  await warmUp(attn);
  const after = attn.memoryStats();
  console.log(`# heap in use: ${JSON.stringify(before)} -> ${JSON.stringify(after)}`);
  assert.deepEqual(after, before);
});
