// model-panel: the page's "Open a model…" part (issue 17). A bar to open (or drop) a checkpoint
// or attention computed elsewhere, with a progress bar and readable errors; and, while state.model
// names one ('opened', or a checkpoint URL), the model's view of the typed sentence: an honest
// label, its sub-word tokens, the next-token (GPT-2) or fill-[MASK] (BERT) top 5, the layers ×
// heads grid, and the picked head in the matrix, lines, strip or step-by-step view. Numbers come
// from the core (m.run, attn.scaledDotProduct on the head's traced q, k, v) or from the opened
// file; this file only routes them. main.js calls render(state) and hides the hand-built parts.

import { el } from '../shared/dom.js';
import { importedSource, isModelSource, loadModelUrl, modelSource } from '../shared/model-source.js';
import { isLearned, learnedNow, learnedSource } from '../shared/learned-source.js';
import { createModelArea } from '../views/model-area.js';
import { classifyFiles } from './model-files.js';
import { trainedSource } from '../shared/train-source.js';

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
    el(
      'button',
      { type: 'button', id: 'model-learned-causal', 'data-model': 'learned-causal' },
      'Learned (causal, GPT-style)',
    ),
    el(
      'button',
      { type: 'button', id: 'model-learned-masked', 'data-model': 'learned-masked' },
      'Learned (masked, BERT-style)',
    ),
    input,
    backButton,
    progress,
    el('small', {
      class: 'ap-model-hint',
      text: 'GPT-2 or BERT model.safetensors (BERT: with vocab.txt, optionally config.json), or attention from elsewhere (.json, .npy). Or drop the files on the page. Nothing is uploaded.',
    }),
    message,
  );
  const area = el('section', { class: 'ap-model-area', id: 'model-area', hidden: true });
  page.querySelector('#status').after(bar);
  page.querySelector('#views').before(area);
  const shown = createModelArea(area, {
    factories,
    ids: true,
    handlers: {
      ...handlers,
      token: (i) => store.set({ focus: i }),
      select: ({ layer, head }) => store.set({ layer, heads: [head], step: 0 }),
    },
    headStep: (options) => core().scaledDotProduct(options),
  });
  let opened = null; // {model?: m, imported?: result, name, random}: the file the person opened
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

  // Issue 19: a model trained in the Train mode (app/train-panel.js), shown on its probe example.
  function openTrained({ model, tokens, name, layer, head, view }) {
    replaceOpened({ model, trained: tokens, name });
    say(`Opened the model trained here (${name}).`);
    store.set({
      mode: 'self',
      layout: 'single',
      model: 'opened',
      layer,
      heads: [head],
      view,
      focus: 0,
      key: null,
      step: 0,
    });
    schedule();
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
  for (const button of bar.querySelectorAll('[data-model]'))
    button.addEventListener('click', () =>
      store.set({ model: button.dataset.model, layer: null, heads: [0], step: 0 }),
    );
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
    if (isLearned(state.model)) return learnedFor(attn, state);
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
      if (opened.trained) {
        const key = `trained|${opened.name}|${at.layer}.${at.head}`;
        if (key !== runKey) {
          try {
            source = trainedSource(opened.model, opened.trained, at, opened.name);
            runKey = key;
          } catch (error) {
            return { note: `The trained model could not run: ${error.message}` };
          }
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

  // Issue 18: the models trained by this project (shared/learned-source.js).
  function learnedFor(attn, state) {
    const { lm, error } = learnedNow(attn, state.model, () => ((runKey = ''), schedule()));
    if (error) return { note: `The learned model could not be loaded: ${error.message}` };
    if (!lm) return { note: 'Loading the learned model (1.4 MB)…' };
    if (!state.text.trim()) return { note: 'Type a sentence above to run the model on it.' };
    const key = `${state.model}|${state.text}`;
    if (key !== runKey) {
      try {
        source = learnedSource(lm, state.text);
        runKey = key;
      } catch (error) {
        runKey = '';
        return { note: `The model could not run on this sentence: ${error.message}` };
      }
    }
    return { source };
  }

  function render(state) {
    const active = isModelSource(state.model) && !!core();
    page.classList.toggle('ap-model-active', active);
    area.hidden = !active;
    backButton.hidden = !active;
    if (!active) return false;
    const at = { layer: state.layer ?? 0, head: Number.parseInt(state.heads[0], 10) || 0 };
    const { source: src, note } = sourceFor(state, at);
    if (!src) {
      shown.note(note);
      return true;
    }
    shown.update(src, state, at);
    sayStatus?.(`${src.T} tokens, ${src.L} layers × ${src.H} heads.`);
    return true;
  }

  return { render, openFiles, openTrained };
}
