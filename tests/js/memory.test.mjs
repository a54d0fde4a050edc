// Memory: 10,000 analyze() calls on varying short sentences (all three modes, both languages) must
// leave the wasm heap's bytes in use exactly where a warm-up round left them. The warm-up runs
// every sentence and mode once, so any one-time growth (caches sized by the longest sentence,
// lazily built tables) happens before the first measurement; after that, a leak of even one
// byte per call would show as >= 10,000 bytes, so the bound is zero growth, not a tolerance.
// Figures (before/after, time taken) are printed as a diagnostic. Runtime: one analyze() call
// costs ~8 ms of CPU even for a 3-token sentence (fixed per-call work: 8-9 heads, result copies,
// nearest-word decoding), so 10,000 calls take ~80 s of CPU; the sentences are kept short and
// most calls keep only a few heads to stay near that. ATTN_MEMORY_CALLS=N runs fewer for a quick check.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadAttention } from 'attention-playground';

const SUBJECTS = ['The cat', 'Dogs', 'My friend', 'It', 'Le chat', 'Elle'];
const VERBS = ['sat', 'ran', 'saw', 'loved', 'was'];
const OBJECTS = ['here.', 'it', 'her!', 'a ball?', ''];
const SENTENCES = [];
for (const s of SUBJECTS) for (const v of VERBS) for (const o of OBJECTS) SENTENCES.push(`${s} ${v} ${o}`.trim());
// 150 distinct sentences, 2 to 5 tokens.

const MODES = ['self', 'causal', 'cross'];
const CALLS = Number(process.env.ATTN_MEMORY_CALLS ?? 10_000);

function call(attn, i) {
  const text = SENTENCES[i % SENTENCES.length];
  const mode = MODES[i % MODES.length];
  const lang = i % 7 === 0 ? 'fr' : 'en';
  const options = { text, mode, lang };
  if (mode === 'cross') options.source = SENTENCES[(i * 13 + 5) % SENTENCES.length];
  // Most calls keep only some heads (fewer copies out, a faster test); every fifth keeps all 8-9.
  if (i % 5 !== 0) options.heads = i % 2 ? ['Grammar'] : [1, 'Emotions'];
  return attn.analyze(options);
}

test(`${CALLS} analyze calls leave the wasm heap in use flat`, async () => {
  const attn = await loadAttention();
  // Warm-up: every sentence in every mode and language, and the longest cross pair.
  for (let i = 0; i < SENTENCES.length * MODES.length * 2; ++i) call(attn, i);
  const before = attn.memoryStats();
  const started = performance.now();
  let tokens = 0;
  for (let i = 0; i < CALLS; ++i) tokens += call(attn, i).tokens.length;
  const seconds = (performance.now() - started) / 1000;
  const after = attn.memoryStats();
  console.log(
    `# memory: ${CALLS} analyze calls (${tokens} query tokens) in ${seconds.toFixed(1)} s; ` +
      `inUseBytes ${before.inUseBytes} -> ${after.inUseBytes}, wasmBytes ${before.wasmBytes} -> ${after.wasmBytes}`,
  );
  assert.equal(after.inUseBytes, before.inUseBytes, 'bytes in use grew over the calls');
  assert.equal(after.wasmBytes, before.wasmBytes, 'the wasm memory grew over the calls');
});

test('results kept alive on the JS side are JS copies: holding 100 leaves the wasm heap unchanged', async () => {
  // memoryStats() reports the wasm heap only; JS-side copies (the typed arrays of a result) live
  // in the JS heap. So holding 100 results must leave inUseBytes unchanged too, which shows the
  // figure measures what the core keeps, not what the caller keeps.
  const attn = await loadAttention();
  call(attn, 0);
  const before = attn.memoryStats().inUseBytes;
  const kept = Array.from({ length: 100 }, (_, i) => call(attn, i));
  assert.equal(kept.length, 100);
  assert.equal(attn.memoryStats().inUseBytes, before);
});
