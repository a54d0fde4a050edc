// learned-predictions: the top-5 lists of a learned model (issue 18, shared/learned-source.js)
// for views/model-area.js: the next word (causal) or each [MASK] (masked), and, when a
// prediction is clicked, which words the last layer attended to from that position (averaged
// over its heads, as attn.loadLearnedModel's predict() gives it). Draws; computes nothing.

import { el, percent } from '../shared/dom.js';

/** src: a learned source; text: the sentence; list(items) -> the model area's <ol> of items. */
export function learnedPredictions(src, text, list) {
  const out = [];
  const entries = src.causal
    ? src.top.length
      ? [{ heading: `Next word after “${text.slice(-40)}”: top ${src.top.length}`, top: src.top }]
      : []
    : src.masks.map(({ index, top }) => ({ heading: `[MASK] (token ${index}): top ${top.length}`, top }));
  entries.forEach((entry, i) => {
    const attended = src.attended[i] ?? [];
    const details = el(
      'details',
      { class: 'ap-learned-attended' },
      el('summary', { text: 'Which words the last layer looked at for this' }),
      el('p', { text: attended.map((a) => `${a.text} ${percent(a.weight)}`).join(', ') }),
    );
    const ol = list(entry.top);
    ol.title = 'Click to see which words the last layer attended to';
    ol.addEventListener('click', () => (details.open = true));
    out.push(el('h3', { text: entry.heading }), ol, details);
    // Trained on running text, the masked model reads a [MASK] with nothing after it as the start
    // of a longer phrase ("a cup of [MASK]" -> a, the).
    if (!src.causal && src.masks[i].index === src.tokens.length - 1)
      out.push(
        el('p', {
          class: 'ap-learned-note',
          text: 'Nothing follows this [MASK], so the model cannot tell that the sentence ends here: words that start a longer phrase (a, the) rank high. A full stop after it says the sentence ends.',
        }),
      );
  });
  if (!src.causal && !entries.length)
    out.push(el('p', { text: 'Type [MASK] in the sentence to see which words the masked model would put there.' }));
  return out;
}
