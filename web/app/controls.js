// controls: binds the page's form controls to the state store in both directions — an input
// event writes a state patch; reflect(state, analysis) makes every control show the state
// (value, aria-pressed / aria-selected, hidden). Head and token chips follow the latest analysis
// (buttons reused, text through textContent), so typed words are never parsed as markup.

import { el, update } from '../shared/dom.js';
import { choiceOf, choicePatch } from '../shared/state.js';
import { PRESETS } from './presets.js';
import { STEPS } from '../shared/timeline.js';
import { bindArrowKeys, rovingTabindex } from '../shared/chip-keys.js';
import { toggleHead } from '../views/multihead-view.js';

const $ = (root, id) => root.querySelector(`#${id}`);

// Keyed by CHOICES (shared/state.js): the mode tabs' data-mode values.
const MODE_HELP = {
  self: 'Self-attention: each word of the sentence decides how much to look at every word of the same sentence (itself included).',
  causal:
    'Causal attention: each word may look only at itself and the words before it; later words are greyed out and the remaining weights renormalise to 100%.',
  masked:
    'Masked attention: the same head with and without a causal mask. A causal model may not look at later words, so they are greyed out and the remaining weights renormalise to 100%.',
  cross:
    'Cross-attention: the words of the sentence (rows) look at the words of another sentence, the source (columns), as a translator reads the original.',
  multihead:
    'Multi-head attention: several heads look at the sentence at once, each for something else; their outputs are concatenated and mixed by an output projection.',
  train:
    'Train: a small transformer learns a task in front of you; watch its heads go from blur to sharp patterns while the loss falls.',
};

/** root: the page element; store: {get, set}; actions: {exportAs(kind), timeline, headNames()}. */
export function bindControls(root, store, actions) {
  const sentence = $(root, 'sentence');
  const source = $(root, 'source');
  const presets = $(root, 'presets');
  const scrub = $(root, 'step-scrub');
  scrub.max = String(STEPS.length - 1);

  for (const [i, p] of PRESETS.entries()) presets.append(el('option', { value: String(i), text: p.label }));

  sentence.addEventListener('input', () => store.set({ text: sentence.value }));
  source.addEventListener('input', () => store.set({ source: source.value }));
  $(root, 'lang').addEventListener('change', (e) => store.set({ lang: e.target.value }));
  $(root, 'source-lang').addEventListener('change', (e) => store.set({ sourceLang: e.target.value }));
  $(root, 'theme').addEventListener('change', (e) => store.set({ theme: e.target.value }));
  presets.addEventListener('change', () => {
    const preset = PRESETS[Number(presets.value)];
    if (preset) store.set({ key: null, pinned: false, step: store.get().step, ...preset.patch });
    presets.value = '';
  });
  for (const tab of root.querySelectorAll('[data-mode]')) {
    tab.addEventListener('click', () => {
      store.set(choicePatch(tab.dataset.mode, store.get(), actions.headNames()));
    });
  }
  for (const tab of root.querySelectorAll('[data-view]'))
    tab.addEventListener('click', () => store.set({ view: tab.dataset.view }));
  // Tabs: arrows, Home and End move and activate (the ARIA tabs pattern).
  for (const list of root.querySelectorAll('[role=tablist]')) bindArrowKeys(list, '[role=tab]', (tab) => tab.click());
  $(root, 'pin').addEventListener('click', () => store.set({ pinned: !store.get().pinned }));
  // The skip link moves the keyboard to the picture without touching the URL's hash, which
  // holds the settings.
  root.ownerDocument.querySelector('.ap-skip')?.addEventListener('click', (event) => {
    event.preventDefault();
    const views = root.ownerDocument.getElementById('views');
    views.focus();
    views.scrollIntoView({ block: 'start' });
  });
  // Escape lets go of a pinned word (a dialog that handles Escape itself stops it first).
  root.ownerDocument.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !event.defaultPrevented && store.get().pinned) store.set({ pinned: false });
  });
  $(root, 'step-prev').addEventListener('click', () => actions.timeline.prev());
  $(root, 'step-next').addEventListener('click', () => actions.timeline.next());
  $(root, 'step-play').addEventListener('click', () => actions.timeline.toggle());
  scrub.addEventListener('input', () => store.set({ step: Number(scrub.value) }));
  $(root, 'speed').addEventListener('change', (e) => store.set({ speed: e.target.value }));
  for (const button of root.querySelectorAll('[data-export]'))
    button.addEventListener('click', () => actions.exportAs(button.dataset.export));

  const heads = $(root, 'heads');
  let resolvedHeads = [0]; // the selection as indices (the state may hold names), from reflect
  heads.addEventListener('click', (event) => {
    const chip = event.target.closest('[data-head]');
    if (!chip) return;
    const i = Number(chip.dataset.head);
    const state = store.get();
    if (state.layout !== 'heads') return store.set({ heads: [i] });
    // The clicked head joins at the front: the detail view below the heads follows it.
    store.set({ heads: toggleHead(resolvedHeads, i) });
  });
  // Head chips: one Tab stop; arrows move, Enter or Space picks.
  bindArrowKeys(heads, '[data-head]');
  const tokens = $(root, 'tokens');
  // Word chips: one Tab stop; arrows move the focus word with the keyboard (Enter pins it).
  bindArrowKeys(tokens, '[data-token]', (chip) => store.set({ focus: Number(chip.dataset.token) }));
  tokens.addEventListener('click', (event) => {
    const chip = event.target.closest('[data-token]');
    if (chip) store.set({ focus: Number(chip.dataset.token), pinned: true });
  });
  tokens.addEventListener('pointerover', (event) => {
    const chip = event.target.closest('[data-token]');
    if (chip && !store.get().pinned) store.set({ focus: Number(chip.dataset.token) });
  });

  return {
    /** Makes every control show state (heads and focus resolved); analysis (may be null) provides heads and tokens. */
    reflect(state, analysis) {
      const choice = choiceOf(state);
      if (sentence.value !== state.text) sentence.value = state.text;
      if (source.value !== state.source) source.value = state.source;
      $(root, 'lang').value = state.lang;
      $(root, 'source-lang').value = state.sourceLang;
      $(root, 'theme').value = state.theme;
      $(root, 'speed').value = String(state.speed);
      // A single causal view (a link from a widget) is shown under the Masked tab.
      const tabChoice = choice === 'causal' ? 'masked' : choice;
      for (const tab of root.querySelectorAll('[data-mode]')) setSelected(tab, tab.dataset.mode === tabChoice);
      for (const tab of root.querySelectorAll('[data-view]')) setSelected(tab, tab.dataset.view === state.view);
      // update() writes a text only when it differs: an unchanged paragraph is not laid out again
      update($(root, 'mode-help'), { text: MODE_HELP[choice] });
      update($(root, 'sentence-label'), {
        text: state.mode === 'cross' ? 'Target sentence (its words ask)' : 'Sentence',
      });
      update($(root, 'heads-label'), { text: state.layout === 'heads' ? 'Heads (select several)' : 'Head' });
      scrub.value = String(state.step);
      scrub.setAttribute('aria-valuetext', STEPS[state.step]?.title ?? '');
      update($(root, 'step-name'), { text: STEPS[state.step]?.title ?? '' });
      const pin = $(root, 'pin');
      pin.setAttribute('aria-pressed', String(state.pinned));
      update(pin, { text: state.pinned ? 'Pinned' : 'Pin' });
      // Any control can be hidden from the URL (hide=presets,theme); some only make sense in one mode.
      const shown = { source: state.mode === 'cross', timeline: state.view === 'steps' };
      for (const node of root.querySelectorAll('[data-control]')) {
        node.hidden = state.hide.includes(node.dataset.control) || shown[node.dataset.control] === false;
      }
      if (analysis) reflectChips(state, analysis);
    },
    setPlaying(playing) {
      const play = $(root, 'step-play');
      play.setAttribute('aria-pressed', String(playing));
      play.textContent = playing ? '❚❚ Pause' : '▶ Play';
      play.setAttribute('aria-label', playing ? 'Pause the steps' : 'Play the steps');
    },
  };

  function reflectChips(state, analysis) {
    resolvedHeads = state.heads;
    syncButtons(heads, analysis.heads.length, (i) => {
      const h = analysis.heads[i];
      return {
        class: 'ap-chip-button',
        'data-head': i,
        title: h.description,
        'aria-label': `Head ${h.name}: ${h.description}`,
        'aria-pressed': String(state.heads.includes(i)),
        text: h.name,
      };
    });
    rovingTabindex([...heads.children], Math.max(0, state.heads[0] ?? 0));
    syncButtons(tokens, analysis.tokens.length, (i) => {
      const t = analysis.tokens[i];
      return {
        class: `ap-chip-button${t.known === false ? ' ap-unknown' : ''}`,
        'data-token': i,
        'aria-label': t.known === false ? `Focus on “${t.text}” (not in the vocabulary)` : `Focus on “${t.text}”`,
        'aria-pressed': String(i === state.focus),
        text: t.text,
      };
    });
    rovingTabindex([...tokens.children], state.focus);
  }
}

// Makes container hold exactly count buttons, button i showing attrsOf(i): the buttons already
// there are reused and only what differs is written (a typed letter changes one chip, and a
// focused chip keeps its focus).
function syncButtons(container, count, attrsOf) {
  while (container.children.length > count) container.lastElementChild.remove();
  while (container.children.length < count) container.append(el('button', { type: 'button' }));
  for (let i = 0; i < count; ++i) update(container.children[i], attrsOf(i));
}

function setSelected(tab, selected) {
  tab.setAttribute('aria-selected', String(selected));
  tab.tabIndex = selected ? 0 : -1;
}
