// presets: the example sentences offered on the page, as state patches. Each one shows off one
// idea; choosing it replaces the matching fields of the state (and so the URL).

export const PRESETS = Object.freeze([
  {
    label: 'The cat sat on the mat',
    patch: { text: 'The cat sat on the mat', lang: 'en', mode: 'self', layout: 'single', focus: 2 },
  },
  {
    label: 'The cat that was sleeping on the mat suddenly woke up',
    patch: {
      text: 'The cat that was sleeping on the mat suddenly woke up',
      lang: 'en',
      mode: 'self',
      layout: 'single',
      focus: 9,
    },
  },
  {
    label: 'John ate his lunch',
    patch: { text: 'John ate his lunch', lang: 'en', mode: 'self', layout: 'single', focus: 2 },
  },
  {
    label: 'Le chat dort → The cat sleeps (cross)',
    patch: {
      text: 'The cat sleeps',
      lang: 'en',
      source: 'Le chat dort',
      sourceLang: 'fr',
      mode: 'cross',
      layout: 'single',
      heads: ['Alignment'],
      focus: 1,
    },
  },
  {
    label: 'The cat [MASK] on the mat (masked)',
    // Context reads both sides of the blank (cat, mat): unmasked, [MASK] draws on "The cat" and
    // "on the mat"; under the causal mask only on the left. Grammar would have nothing to do here.
    patch: {
      text: 'The cat [MASK] on the mat',
      lang: 'en',
      mode: 'causal',
      layout: 'compare',
      heads: ['Context'],
      focus: 2,
    },
  },
]);
