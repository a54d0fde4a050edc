// train-view: what the Train mode shows of a training run, on the page and in the widget alike:
// the figures (step, loss, accuracy on training batches and on held-out examples, steps per
// second), the loss and accuracy curves, every layer × head's attention on the fixed probe
// example (views/head-grid.js), the model's prediction of the probe with right and wrong tokens
// marked, each head's measured scores and label, and the events ("layer 1 head 0 became an
// induction head at step 350"). It draws a snapshot of shared/train-session.js and computes
// nothing: every number comes from the training worker. Layers and heads are numbered from 0, as
// the grid's rows and columns are.

import { el, number, percent, update } from '../shared/dom.js';
import { createHeadGrid } from './head-grid.js';
import { createTrainCurves } from './train-curves.js';

const LABEL_TEXT = { 'previous-token': 'a previous-token head', induction: 'an induction head' };

/**
 * An event {step, layer, head, label} (a head earned a label) as the sentence the page shows;
 * lost: the head does not carry that label in the latest probe (its score fell below the
 * threshold again; the score table shows by how much).
 */
export function eventText(e, lost = false) {
  const who = `layer ${e.layer} head ${e.head}`;
  const text = `${who} became ${LABEL_TEXT[e.label] ?? `a ${e.label} head`} at step ${e.step.toLocaleString('en')}`;
  return lost ? `${text}; it has lost the label since` : text;
}

const fmt = {
  step: (s) => s.step.toLocaleString('en'),
  loss: (s) => (s.loss === null ? '–' : number(s.loss, 3)),
  accuracy: (s) => (s.accuracy === null ? '–' : percent(s.accuracy)),
  heldOut: (s) => (s.heldOut ? percent(s.heldOut.accuracy) : '–'),
  rate: (s) => (s.stepsPerSecond === null ? '–' : s.stepsPerSecond.toFixed(0)),
};
const STATS = [
  ['step', 'Step'],
  ['loss', 'Loss'],
  ['accuracy', 'Accuracy (training)'],
  ['heldOut', 'Accuracy (held-out)'],
  ['rate', 'Steps per second'],
];

/**
 * container; options: { onSelect({layer, head}) when a head of the grid is picked, ids: false }
 * -> { update(snapshot, selected: {layer, head} | null), grid, destroy() }
 */
export function createTrainView(container, { onSelect = null, ids = false } = {}) {
  const id = (name) => (ids ? `train-${name}` : undefined);
  const stats = el('dl', { class: 'ap-train-stats', id: id('stats') });
  const values = {};
  for (const [key, label] of STATS) {
    values[key] = el('dd', { 'data-stat': key, text: '–' });
    stats.append(el('div', {}, el('dt', { text: label }), values[key]));
  }
  const curves = el('div', { class: 'ap-train-curves', id: id('curves') });
  const loss = createTrainCurves(curves, {
    title: 'Loss (cross-entropy)',
    yLabel: 'loss',
    series: [{ name: 'training', className: 'ap-train-loss' }],
  });
  const accuracy = createTrainCurves(curves, {
    title: 'Accuracy on the scored tokens',
    yLabel: 'accuracy',
    yMax: 1,
    percent: true,
    series: [
      { name: 'training', className: 'ap-train-acc' },
      { name: '● held-out', className: 'ap-train-heldout', dots: true },
    ],
  });
  const events = el('div', { class: 'ap-train-events', id: id('events'), 'aria-live': 'polite' });
  const probe = el('section', {
    class: 'ap-train-probe',
    id: id('probe'),
    'aria-label': 'Prediction on the probe example',
  });
  const gridBox = el('section', { class: 'ap-train-grid', id: id('grid'), 'aria-label': 'Every head' });
  const scores = el('section', { class: 'ap-train-scores', id: id('scores'), 'aria-label': 'Head scores' });
  const root = el('div', { class: 'ap-train-view' }, stats, events, curves, probe, gridBox, scores);
  container.append(root);
  const grid = createHeadGrid(gridBox, {
    label: 'Every head on the probe example: rows are layers, columns heads',
    thumb: 64,
    onSelect: (at) => onSelect?.(at),
  });
  let paints = 0;

  function showProbe(tokens) {
    const row = (cls, cells) => el('tr', { class: cls }, cells);
    const inputs = tokens.map((t) => el('td', { class: t.scored ? 'ap-train-scored' : '', text: t.text }));
    const predictions = tokens.map((t) => {
      if (!t.scored || t.predicted === null) return el('td', { class: 'ap-train-unscored', text: t.predicted ?? '' });
      const cls = t.correct ? 'ap-train-right' : 'ap-train-wrong';
      const label = `${t.predicted} (${t.correct ? 'right' : `wrong, should be ${t.text}`})`;
      return el('td', { class: cls, title: label, 'aria-label': label, text: t.predicted });
    });
    const scored = tokens.filter((t) => t.scored && t.predicted !== null);
    const right = scored.filter((t) => t.correct).length;
    probe.replaceChildren(
      el('h3', {
        text: `The model's prediction of the probe example: ${right} of ${scored.length} scored tokens right`,
      }),
      el(
        'div',
        { class: 'ap-scroll' },
        el(
          'table',
          { class: 'ap-train-probe-table' },
          el(
            'tbody',
            {},
            row('', [el('th', { text: 'example' }), ...inputs]),
            row('', [el('th', { text: 'predicted' }), ...predictions]),
          ),
        ),
      ),
      el('p', {
        class: 'ap-train-key',
        text: 'Each token is predicted from the ones before it. Marked: the positions the task makes predictable, green when right, red when wrong.',
      }),
    );
  }

  function showScores(layers) {
    const rows = layers.flatMap((layer, l) =>
      layer.heads.map((h, i) =>
        el(
          'tr',
          { 'data-layer': l, 'data-head': i },
          el('th', { text: `layer ${l} head ${i}` }),
          el('td', { text: number(h.previousToken, 2) }),
          el('td', { text: number(h.induction, 2) }),
          el('td', { text: h.label || '–' }),
        ),
      ),
    );
    scores.replaceChildren(
      el(
        'table',
        { class: 'ap-train-scores-table' },
        el(
          'thead',
          {},
          el(
            'tr',
            {},
            ['head', 'previous-token score', 'induction score', 'label'].map((t) => el('th', { text: t })),
          ),
        ),
        el('tbody', {}, rows),
      ),
      el('p', {
        class: 'ap-train-key',
        text: 'Scores (Olsson et al. 2022): attention on the previous token, or on the token after the earlier copy of the current one in a repeated random sequence, above a uniform head’s, 1 = all of it. A head is labelled at 0.5.',
      }),
    );
  }

  let eventsKey = null;
  // Rewritten only when an event is added, a listed head loses or regains its label, or training
  // starts or stops while none has been: the list is a live region, read out when it changes.
  function showEvents(list, playing, layers) {
    // A head whose score hovers at the threshold earns its label again and again: the first time counts.
    const seen = new Set();
    const first = list.filter((e) => {
      const id = `${e.layer}.${e.head}.${e.label}`;
      return !seen.has(id) && seen.add(id);
    });
    const recent = first.reverse().slice(0, 6);
    const lost = recent.map((e) => {
      const now = layers?.[e.layer]?.heads?.[e.head];
      return !!now && now.label !== e.label;
    });
    const key = `${list.length}|${list.at(-1)?.step}|${list.length ? '' : playing}|${lost.map(Number).join('')}`;
    if (key === eventsKey) return;
    eventsKey = key;
    events.replaceChildren(
      recent.length
        ? el(
            'ul',
            {},
            recent.map((e, i) => el('li', { class: i === 0 ? 'ap-train-event-new' : '', text: eventText(e, lost[i]) })),
          )
        : el('p', {
            text: playing
              ? 'No head has a label yet: training; watch the grid.'
              : 'No head has a label yet: press Play and watch the grid.',
          }),
    );
  }

  return {
    update(snapshot, selected = null) {
      for (const [key] of STATS) update(values[key], { text: fmt[key](snapshot) });
      const h = snapshot.history;
      loss.update([h.loss]);
      accuracy.update([h.accuracy, h.heldOut]);
      const p = snapshot.probe;
      if (!p) return;
      // The worker transferred fresh arrays: the grid repaints each head.
      grid.update({ tokens: p.tokens, layers: p.layers, selected });
      paints += 1;
      gridBox.dataset.paints = String(paints);
      gridBox.dataset.step = String(p.step);
      showProbe(p.tokens);
      showScores(p.layers);
      showEvents(p.events, snapshot.playing, p.layers);
    },
    grid,
    curves: () => [loss.svg(), accuracy.svg()],
    destroy() {
      root.remove();
    },
  };
}
