// learned-text: the tutorial's paragraph on the two learned models (issue 18), written from
// web/assets/learned/provenance.json so no figure is typed by hand. learned-provenance.mjs puts
// it between the markers below in web/tutorial/docs/models.md; tests/js/learned.test.mjs
// checks that the page's copy is the one the committed provenance gives.

export const START = '<!-- learned-figures: written by web/tools/learned-provenance.mjs from provenance.json -->';
export const END = '<!-- learned-figures: end -->';

const int = (x) => Math.round(x).toLocaleString('en');
const pct = (x) => `${(100 * x).toFixed(1)}%`;
const words = (example) => example.top.map((t) => `\`${t.word}\` (${(100 * t.probability).toFixed(0)}%)`).join(', ');

// A model's label for one head, as the page shows it (web/lib/api-learned.js).
function headLabel(model, layer, head) {
  if (layer >= model.config.layers) return '—';
  const p = (model?.portraits ?? []).find((q) => q.layer === layer && q.head === head);
  if (!p) return 'not measured';
  return p.label === 'no simple pattern' ? p.label : `${p.label}, ${Math.round(100 * p.score)}% of positions`;
}

const SENTENCES = {
  causal: 'The man who lived next door said that he was tired',
  masked: 'The man who lived next door said that he was [MASK] .',
};

// A model's most telling head: the best-matching one that follows a relation other than the
// first word or punctuation (where trained heads park weight), else its best-matching head.
function tellingHead(model) {
  const portraits = [...(model?.portraits ?? [])].sort((a, b) => b.score - a.score);
  const dull = ['no simple pattern', 'first word or punctuation'];
  return portraits.find((p) => !dull.includes(p.label)) ?? portraits[0];
}

// A live widget on one model's most telling head, with its label.
function headWidget(kind, model) {
  const p = tellingHead(model);
  if (!p) return [];
  const name = kind === 'causal' ? 'causal' : 'masked';
  return [
    `The ${name} model's layer ${p.layer}, head ${p.head}: ${headLabel(model, p.layer, p.head)}.`,
    '',
    `<attention-playground model="learned-${kind}" layer="${p.layer}" head="${p.head}" sentence="${SENTENCES[kind]}"></attention-playground>`,
    '',
  ];
}

// "for N steps of B × T tokens (… tokens seen, of … in the training split), … s of CPU (… s wall)"
function schedule(model, provenance) {
  const c = model.config;
  const time = model.trainingCpuSeconds
    ? `, ${int(model.trainingCpuSeconds)} s of CPU (${int(model.trainingWallSeconds)} s wall)`
    : '';
  return `for ${int(model.steps)} steps of ${c.batch} × ${c.context} tokens (${int(model.trainingTokensSeen)} tokens seen, of ${int(provenance.data.tokens.train)} in the training split)${time}`;
}

// "2 layers × 4 heads, 710,016 parameters"
const shape = (model) =>
  `${model.config.layers} layers × ${model.config.heads} heads, ${int(model.parameters)} parameters`;

// How the masked model was trained: from scratch, from the causal model's weights, and (when it
// was grown) the stage that added a layer, with the accuracy before it.
function maskedHistory(masked, provenance) {
  const start = masked.initialisedFrom?.model;
  if (!start)
    return `${masked.initialisedFrom ? "The masked model started from the causal model's weights and trained" : 'The masked model was trained'} ${schedule(masked, provenance)}.`;
  return [
    `The masked model started from the causal model's weights and trained with ${start.config.layers} layers ${schedule(start, provenance)}, where it guessed ${pct(start.maskedAccuracy)} of hidden words right.`,
    `Then it grew a layer (the new one starts as the identity, so the grown model predicts exactly as before) and trained ${schedule(masked, provenance)}.`,
  ].join(' ');
}

/** provenance (provenance.json's object) -> the markdown between START and END. */
export function learnedTutorialText(provenance) {
  const { causal, masked } = provenance.models;
  const base = provenance.baseline;
  const c = causal.config;
  const heldOut = provenance.data.tokens.heldOut;
  const measured =
    causal.heldOutTokens < heldOut
      ? `the first ${int(causal.heldOutTokens)} of ${int(heldOut)} held-out tokens`
      : `all ${int(heldOut)} held-out tokens`;
  const lines = [
    `They are tiny (causal ${shape(causal)}; masked ${shape(masked)}; ${c.embed} wide, a ${int(provenance.data.vocabSize)}-word vocabulary; other words become \`<unk>\`, marked with \`?\`). The causal model was trained ${schedule(causal, provenance)}. ${maskedHistory(masked, provenance)} So they are **often wrong**.`,
    `On ${measured}, the causal model's perplexity is ${causal.heldOutPerplexity.toFixed(1)} against ${base.heldOutPerplexity.toFixed(1)} for an interpolated Kneser-Ney trigram model (lower is better; the goal, 10% below the trigram, is ${causal.heldOutPerplexity <= 0.9 * base.heldOutPerplexity ? 'met' : 'missed'}), and the masked model guesses a hidden word ${pct(masked.maskedAccuracy)} of the time (top 1, ${int(masked.maskedPositions)} hidden words) against ${pct(base.maskedAccuracy)} for the trigram scoring both sides of the gap (the goal, above the trigram, is ${masked.maskedAccuracy > base.maskedAccuracy ? 'met' : 'missed'}).`,
  ];
  if (masked.example && causal.example)
    lines.push(
      `For \`${masked.example.text}\` the masked model proposes ${words(masked.example)}; after \`${causal.example.text}\` the causal model proposes ${words(causal.example)}.`,
    );
  const table = ['| Head | causal (GPT-style) | masked (BERT-style) |', '| --- | --- | --- |'];
  for (let l = 0; l < Math.max(c.layers, masked.config.layers); ++l)
    for (let h = 0; h < c.heads; ++h)
      table.push(`| layer ${l}, head ${h} | ${headLabel(causal, l, h)} | ${headLabel(masked, l, h)} |`);
  return [
    START,
    '',
    lines.join('\n'),
    '',
    table.join('\n'),
    '',
    ...headWidget('causal', causal),
    ...headWidget('masked', masked),
    END,
  ].join('\n');
}

/** markdown (models.md) and provenance -> the markdown with its block rewritten. */
export function withLearnedText(markdown, provenance) {
  const a = markdown.indexOf(START);
  const b = markdown.indexOf(END);
  if (a < 0 || b < a) throw new Error(`models.md has no ${START} ... ${END} block`);
  return markdown.slice(0, a) + learnedTutorialText(provenance) + markdown.slice(b + END.length);
}
