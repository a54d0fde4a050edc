// model-panel: the page's "Open a model…" part (issue 17). A bar to open (or drop) a checkpoint
// or attention computed elsewhere, with a progress bar and readable errors; and, while state.model
// names one ('opened', or a checkpoint URL), the model's view of the typed sentence: an honest
// label, its sub-word tokens, the next-token (GPT-2) or fill-[MASK] (BERT) top 5, the layers ×
// heads grid, and the picked head in the matrix, lines, strip or step-by-step view. Numbers come
// from the core (m.run, attn.scaledDotProduct on the head's traced q, k, v) or from the opened
// file; this file only routes them. main.js calls render(state) and hides the hand-built parts.

import { el, percent, update } from '../shared/dom.js';
import { importedSource, isModelSource, loadModelUrl, modelSource, readablePiece } from '../shared/model-source.js';
import { createHeadGrid } from '../views/head-grid.js';
import { MODEL_STEPS, headGridInput, modelHeadData, modelStepsData } from '../views/model-view-model.js';
import { classifyFiles } from './model-files.js';

/**
 * page: the page element; store: the state store; options: { core: () => attn | null,
 * factories: {matrix, lines, strip, steps} view factories, handlers: {focus, pin, step} as main.js's,
 * say(text): the page's status line }
 * -> { render(state) -> true when a model is shown (main.js then skips the hand-built views) }
 */
export function createModelPanel(page, store, { core, factories, handlers, say: sayStatus }) {
  const input = el('input', {
    type: 'file',
    id: 'model-file',
    multiple: true,
    hidden: true,
    accept: '.safetensors,.txt,.json,.npy',
    'aria-label': 'Model or attention files',
  });
  const openButton = el('button', { type: 'button', id: 'model-open' }, 'Open a model…');
  const backButton = el('button', { type: 'button', id: 'model-back', hidden: true }, 'Back to the hand-built heads');
  const progress = el('progress', {
    id: 'model-progress',
    max: 1,
    value: 0,
    hidden: true,
    'aria-label': 'Loading the model',
  });
  const message = el('p', { id: 'model-message', class: 'ap-model-message', role: 'alert' });
  const bar = el(
    'section',
    { class: 'ap-model-bar', id: 'model-bar', 'aria-label': 'Model' },
    el('span', { class: 'ap-row-label' }, 'Model'),
    openButton,
    input,
    backButton,
    progress,
    el('small', {
      class: 'ap-model-hint',
      text: 'GPT-2 or BERT model.safetensors (BERT: with vocab.txt, optionally config.json), or attention from elsewhere (.json, .npy). Or drop the files on the page. Nothing is uploaded.',
    }),
    message,
  );
  const title = el('h2', { class: 'ap-model-title', id: 'model-title' });
  const honest = el('p', { class: 'ap-honest ap-model-honest', id: 'model-honest' });
  const notes = el('ul', { class: 'ap-model-notes', id: 'model-notes' });
  const tokens = el('div', {
    class: 'ap-chips ap-model-tokens',
    id: 'model-tokens',
    role: 'group',
    'aria-label': 'Tokens',
  });
  const predictions = el('section', { class: 'ap-model-top', id: 'model-top', 'aria-label': 'Predictions' });
  const gridBox = el('section', { class: 'ap-model-grid', id: 'model-grid', 'aria-label': 'Every head' });
  const headBox = el('section', { class: 'ap-model-head', id: 'model-head', 'aria-label': 'The picked head' });
  const area = el(
    'section',
    { class: 'ap-model-area', id: 'model-area', hidden: true },
    title,
    honest,
    notes,
    tokens,
    predictions,
    gridBox,
    headBox,
  );
  page.querySelector('#status').after(bar);
  page.querySelector('#views').before(area);

  const grid = createHeadGrid(gridBox, {
    label: 'Every head: rows are layers, columns heads. Enter or click opens a head below.',
    onSelect: ({ layer, head }) => store.set({ layer, heads: [head], step: 0 }),
  });
  let opened = null; // {model?: m, imported?: result, name, random}: the file the person opened
  let viewKind = '';
  let view = null;
  let runKey = '';
  let source = null;
  let urlModel = { url: '', m: null, error: null }; // the checkpoint state.model names by URL

  const say = (text, kind = 'info') => {
    message.textContent = text;
    message.dataset.kind = kind;
  };

  async function openFiles(files) {
    const attn = core();
    if (!attn) return say('The attention core is still loading; try again in a moment.', 'error');
    let set;
    try {
      set = await classifyFiles(files);
    } catch (error) {
      return say(error.message, 'error');
    }
    if (set.kind === 'import') return openImport(attn, set);
    if (typeof attn.loadCheckpoint !== 'function')
      return say('This build of the core cannot open checkpoints yet.', 'error');
    progress.hidden = false;
    progress.value = 0;
    say(`Reading ${set.model.name}…`);
    try {
      const m = await attn.loadCheckpoint(set.model, {
        vocab: set.vocab,
        config: set.config,
        onProgress: (fraction) => (progress.value = fraction),
      });
      replaceOpened({ model: m, name: set.model.name, random: /random/i.test(set.model.name) });
      say(`Opened ${set.names}.`);
      store.set({ model: 'opened', layer: 0, heads: [0], focus: 0, key: null, step: 0 });
      schedule();
    } catch (error) {
      say(`Could not open ${set.model.name}: ${error.message}`, 'error');
    } finally {
      progress.hidden = true;
    }
  }

  async function openImport(attn, set) {
    try {
      const bytes = new Uint8Array(await set.attention.arrayBuffer());
      const imported = attn.importAttention(bytes, { name: set.attention.name, tokens: set.tokens });
      replaceOpened({ imported, name: set.attention.name });
      say(`Opened ${set.names}.`);
      store.set({ model: 'opened', layer: 0, heads: [0], focus: 0, key: null, step: 0 });
      schedule();
    } catch (error) {
      say(`Could not read ${set.attention.name}: ${error.message}`, 'error');
    }
  }

  function replaceOpened(next) {
    opened?.model?.dispose();
    opened = next;
    runKey = '';
  }

  // The page redraws through the store; a load finishing changes no state, so it asks itself.
  let again = null;
  const schedule = () => {
    if (!again)
      again = requestAnimationFrame(() => {
        again = null;
        render(store.get());
      });
  };

  input.addEventListener('change', () => {
    if (input.files.length) openFiles(input.files);
    input.value = '';
  });
  openButton.addEventListener('click', () => input.click());
  backButton.addEventListener('click', () => store.set({ model: 'hand-built', layer: null, heads: [0], step: 0 }));
  document.addEventListener('dragover', (event) => {
    if (![...(event.dataTransfer?.types ?? [])].includes('Files')) return;
    event.preventDefault();
    page.classList.add('ap-dropping');
  });
  document.addEventListener('dragleave', (event) => {
    if (!event.relatedTarget) page.classList.remove('ap-dropping');
  });
  document.addEventListener('drop', (event) => {
    if (!event.dataTransfer?.files.length) return;
    event.preventDefault();
    page.classList.remove('ap-dropping');
    openFiles(event.dataTransfer.files);
  });

  // state.model = a checkpoint URL (from a link): loaded once, relative to the page.
  function modelFromUrl(attn, value) {
    const url = new URL(value, location.href).href;
    if (urlModel.url === url) return urlModel;
    urlModel = { url, m: null, error: null };
    const vocab = store.get().vocab ? new URL(store.get().vocab, location.href).href : null;
    progress.hidden = false;
    say(`Loading ${value}…`);
    loadModelUrl(attn, url, vocab, (f) => (progress.value = f))
      .then((m) => {
        if (urlModel.url === url) {
          urlModel.m = m;
          say(`Loaded ${value}.`);
        }
      })
      .catch((error) => {
        if (urlModel.url === url) {
          urlModel.error = error;
          say(`Could not load ${value}: ${error.message}`, 'error');
        }
      })
      .finally(() => {
        progress.hidden = true;
        runKey = '';
        schedule();
      });
    return urlModel;
  }

  // The source for the state: runs the model on the sentence when the text or the traced head changed.
  function sourceFor(state, at) {
    const attn = core();
    let m = null;
    let info = {};
    if (state.model === 'opened') {
      if (!opened)
        return {
          note: 'The file you opened is not kept when the page reloads: open it again, or go back to the hand-built heads.',
        };
      if (opened.imported) {
        const key = `imported|${opened.name}`;
        if (key !== runKey) {
          runKey = key;
          source = importedSource(opened.imported);
        }
        return { source };
      }
      m = opened.model;
      info = { name: opened.name, random: opened.random };
    } else {
      const loaded = modelFromUrl(attn, state.model);
      if (loaded.error) return { note: `The model ${state.model} could not be loaded: ${loaded.error.message}` };
      if (!loaded.m) return { note: `Loading ${state.model}…` };
      m = loaded.m;
      info = { name: state.model, random: /random/i.test(state.model) };
    }
    if (!state.text.trim()) return { note: 'Type a sentence above to run the model on it.' };
    const key = `${state.model}|${info.name}|${state.text}|${at.layer}.${at.head}`;
    if (key !== runKey) {
      try {
        source = modelSource(m, m.run({ text: state.text }, { trace: at }), info);
        runKey = key;
      } catch (error) {
        runKey = '';
        return { note: `The model could not run on this sentence: ${error.message}` };
      }
    }
    return { source };
  }

  function showTokens(src, focus) {
    while (tokens.children.length > src.T) tokens.lastElementChild.remove();
    while (tokens.children.length < src.T) tokens.append(el('button', { type: 'button', class: 'ap-chip-button' }));
    src.tokens.forEach((t, i) =>
      update(tokens.children[i], {
        'data-token': i,
        title: t.raw === t.text ? t.text : `vocabulary piece: ${t.raw}`,
        'aria-label': `Focus on “${t.text}”${t.raw === t.text ? '' : ` (piece ${t.raw})`}`,
        'aria-pressed': String(i === focus),
        text: t.text,
      }),
    );
  }

  function showPredictions(src, state) {
    predictions.replaceChildren();
    const list = (items) =>
      el(
        'ol',
        { class: 'ap-model-toplist' },
        items.map((p) =>
          el(
            'li',
            {},
            el('span', { class: 'ap-word', text: readablePiece(p.token, src.family).text }),
            el('span', { class: 'ap-num', text: percent(p.probability) }),
          ),
        ),
      );
    if (src.kind === 'imported') return;
    if (src.family === 'gpt2' && src.top.length)
      predictions.append(
        el('h3', { text: `Next token after “${state.text.slice(-40)}”: top ${src.top.length}` }),
        list(src.top),
      );
    else if (src.family === 'bert' && src.masks.length)
      for (const { index, top } of src.masks)
        predictions.append(el('h3', { text: `[MASK] at token ${index}: top ${top.length}` }), list(top));
    else if (src.family === 'bert')
      predictions.append(el('p', { text: 'Type [MASK] in the sentence to see what BERT would put there.' }));
  }

  function showHead(src, state, at) {
    let kind = state.view;
    let note = '';
    const trace = src.trace;
    if (kind === 'steps' && !trace) {
      kind = 'matrix';
      note =
        src.kind === 'imported'
          ? 'Step by step needs the queries and keys; an imported file has only the weights, so the matrix is shown.'
          : 'This model run has no trace for this head, so the matrix is shown.';
    }
    if (kind !== viewKind) {
      view?.destroy();
      headBox.replaceChildren();
      const options = {
        label: `Layer ${at.layer}, head ${at.head}`,
        onFocus: handlers.focus,
        onPin: handlers.pin,
        onStep: handlers.step,
      };
      if (kind === 'steps') options.steps = MODEL_STEPS;
      view = factories[kind](headBox, options);
      viewKind = kind;
    }
    headBox.dataset.layer = at.layer;
    headBox.dataset.head = at.head;
    headBox.dataset.view = kind;
    const focus = { row: state.focus, col: state.key };
    if (kind === 'steps') {
      const d = trace.q.length / src.T;
      const step = core().scaledDotProduct({
        q: trace.q,
        k: trace.k,
        v: trace.v,
        tq: src.T,
        tk: src.T,
        dk: d,
        dv: d,
        mask: src.causal ? 'causal' : undefined,
      });
      view.update(modelStepsData(src, at, trace, step, state.step, focus));
    } else view.update(modelHeadData(kind, src, at, focus));
    return note;
  }

  function render(state) {
    const active = isModelSource(state.model) && !!core();
    page.classList.toggle('ap-model-active', active);
    area.hidden = !active;
    backButton.hidden = !active;
    if (!active) {
      view?.destroy();
      view = null;
      viewKind = '';
      return false;
    }
    const at = { layer: state.layer ?? 0, head: Number.parseInt(state.heads[0], 10) || 0 };
    const { source: src, note } = sourceFor(state, at);
    if (!src) {
      title.textContent = note;
      for (const node of [honest, notes, tokens, predictions, gridBox, headBox]) node.hidden = true;
      return true;
    }
    for (const node of [honest, notes, tokens, predictions, gridBox, headBox]) node.hidden = false;
    const layer = Math.min(at.layer, src.L - 1);
    const pick = { layer, head: Math.min(at.head, src.layers[layer].heads.length - 1) };
    title.textContent = src.title;
    honest.textContent = src.honest;
    const focus = Math.min(state.focus, src.T - 1);
    const extra = [...(src.warnings ?? [])];
    if (src.kind === 'imported')
      extra.push('The sentence box does not change imported attention: it was computed on the tokens below.');
    showTokens(src, focus);
    showPredictions(src, state);
    grid.update({ ...headGridInput(src, pick), title: `${src.L} layers × ${src.H} heads on these ${src.T} tokens` });
    const headNote = showHead(src, { ...state, focus }, pick);
    if (headNote) extra.push(headNote);
    notes.replaceChildren(...extra.map((text) => el('li', { text })));
    sayStatus?.(`${src.T} tokens, ${src.L} layers × ${src.H} heads.`);
    return true;
  }

  tokens.addEventListener('click', (event) => {
    const chip = event.target.closest?.('[data-token]');
    if (chip) store.set({ focus: Number(chip.dataset.token) });
  });

  return { render, openFiles };
}
