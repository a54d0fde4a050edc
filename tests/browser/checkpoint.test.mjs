// loadCheckpoint in headless Chromium: the tiny hub checkpoints of tests/golden/checkpoints, one
// fetched from a URL (streamed in slices) and one opened as a Blob (a File's kind), give the same
// PyTorch logits (normwise relative 1e-4) and attention (1e-5) as in Node, and the GPT-2
// tokenizer's assets are fetched only when a GPT-2 model is opened.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startHarness } from './harness.mjs';

const here = (name) => new URL(`../golden/checkpoints/${name}`, import.meta.url);
const references = JSON.parse(readFileSync(here('references.json'), 'utf8'));

let harness;
before(async () => {
  harness = await startHarness();
});
after(async () => harness?.close());

test('the tiny checkpoints give PyTorch numbers in Chromium, from a URL and from a Blob', async () => {
  const { page, context, errors, requests } = await harness.openPage('embed.html');
  await page.route('**/tiny/*.safetensors', (route) =>
    route.fulfill({
      body: readFileSync(here(route.request().url().split('/').pop())),
      contentType: 'application/octet-stream',
    }),
  );
  const bert = Array.from(readFileSync(here('bert_nodecoder.safetensors')));
  const vocab = readFileSync(here('bert_vocab.txt'), 'utf8');
  const results = await page.evaluate(
    async ({ references, bert, vocab }) => {
      const { loadAttention } = await import('./lib/index.js');
      const attn = await loadAttention({ assets: false });
      const rel = (ours, ref) => {
        let diff = 0;
        let scale = 0;
        ref.forEach((r, i) => {
          diff = Math.max(diff, Math.abs(ours[i] - r));
          scale = Math.max(scale, Math.abs(r));
        });
        return diff / scale;
      };
      const compare = (name, m) => {
        const ref = references.checkpoints[name];
        const run = m.run({ tokenIds: ref.ids, tokenTypes: ref.types });
        return {
          name,
          family: m.family,
          logits: rel(run.logits, ref.logits),
          attention: Math.max(...run.attention.map((a, l) => rel(a, ref.attention[l]))),
        };
      };
      const out = [];
      const bertModel = await attn.loadCheckpoint(new Blob([Uint8Array.from(bert)]), {
        config: references.config,
        vocab,
      });
      const fetchedBeforeGpt2 = performance.getEntriesByType('resource').some((e) => e.name.includes('encoder.json'));
      out.push(compare('bert_nodecoder', bertModel));
      out.push({
        tokens: bertModel
          .tokenize('unaffable')
          .tokens.map((t) => t.text)
          .join(' '),
        fetchedBeforeGpt2,
      });
      bertModel.dispose();
      const gpt2 = await attn.loadCheckpoint('./tiny/gpt2_f32.safetensors', { config: references.config });
      out.push(compare('gpt2_f32', gpt2));
      out.push({ ids: Array.from(gpt2.tokenize('This is some text').ids).join(' ') });
      gpt2.dispose();
      return out;
    },
    { references, bert, vocab },
  );
  for (const r of results.filter((r) => r.logits !== undefined)) {
    console.log(
      `# chromium ${r.name}: logits rel ${r.logits.toExponential(2)}, attention rel ${r.attention.toExponential(2)}`,
    );
    assert.ok(r.logits < 1e-4, `${r.name} logits ${r.logits}`);
    assert.ok(r.attention < 1e-5, `${r.name} attention ${r.attention}`);
  }
  assert.equal(results[1].tokens, '[CLS] un ##aff ##able [SEP]');
  assert.equal(results[1].fetchedBeforeGpt2, false);
  assert.equal(results[3].ids, '1212 318 617 2420');
  assert.ok(requests.some((u) => u.endsWith('/lib/assets/gpt2/vocab.bpe')));
  assert.deepEqual(errors, []);
  await context.close();
});
