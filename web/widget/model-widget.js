// model-widget: the <attention-playground model="…"> part (issue 17). The element hands over its
// body when state.model names a checkpoint: the checkpoint is loaded once per page for every
// widget that names the same file (shared/model-source.js loadModelUrl; URLs relative to the
// host page, like the other asset URLs), run by the core on the widget's sentence, and drawn by
// views/model-area.js: honest label, tokens, top 5, the layers × heads grid and the picked head.
// What the reader picks inside the widget (a head, a token) stays in the widget, as for the
// hand-built heads. It computes nothing: numbers come from m.run and attn.scaledDotProduct.

import { loadModelUrl, modelSource } from '../shared/model-source.js';
import { isLearned, learnedNow, learnedSource } from '../shared/learned-source.js';
import { loadViewFactory } from '../views/load-view.js';
import { createModelArea } from '../views/model-area.js';

/**
 * parts: { box: the widget's body element, say(lines): its messages, label(title, subtitle,
 * footnote), rendered(kind): marks a finished draw, redraw(): asks for a render }
 * -> { render(state, problems, attn), destroy() }
 */
export function createModelWidget(parts) {
  let area = null;
  let factories = {};
  let loaded = { url: '', m: null, error: null, fraction: 0 };
  let run = { key: '', source: null };
  let picked = null; // {layer, head} picked inside the widget
  let focus = null; // {row, col}
  let step = null;

  const handlers = {
    focus: (row, col = null) => ((focus = { row, col }), parts.redraw()),
    pin: (row, col = null) => ((focus = { row, col }), parts.redraw()),
    step: (i) => ((step = i), parts.redraw()),
    token: (i) => ((focus = { row: i, col: null }), parts.redraw()),
    select: (at) => ((picked = at), (step = 0), parts.redraw()),
  };

  function load(attn, state) {
    if (isLearned(state.model)) {
      const now = learnedNow(attn, state.model, () => parts.redraw());
      return { m: now.lm ? { learned: now.lm } : null, error: now.error ?? null };
    }
    const base = document.baseURI;
    const url = new URL(state.model, base).href;
    if (loaded.url === url) return loaded;
    loaded = { url, m: null, error: null, fraction: 0 };
    const vocab = state.vocab ? new URL(state.vocab, base).href : null;
    const mine = loaded;
    loadModelUrl(attn, url, vocab, (fraction) => {
      mine.fraction = fraction;
      if (!mine.m) parts.loading(`Loading the model ${state.model}… ${Math.round(100 * fraction)}%`);
    })
      .then((m) => (mine.m = m))
      .catch((error) => (mine.error = error))
      .finally(() => parts.redraw());
    return loaded;
  }

  async function ensureViews(kinds) {
    for (const kind of kinds) factories[kind] ??= await loadViewFactory(kind);
  }

  return {
    /** Draws the model for the widget's state; attn: the shared core API. */
    async render(state, problems, attn) {
      const model = load(attn, state);
      if (model.error) {
        parts.say([...problems, `The model ${state.model} could not be loaded: ${model.error.message}`]);
        return parts.rendered('none');
      }
      if (!model.m) return parts.loading(`Loading the model ${state.model}…`);
      const at = picked ?? { layer: state.layer ?? 0, head: Number.parseInt(state.heads[0], 10) || 0 };
      const key = `${state.model}|${state.text}|${at.layer}.${at.head}`;
      if (key !== run.key) {
        try {
          const info = { name: state.model, random: /random/i.test(state.model) };
          const source = model.m.learned
            ? learnedSource(model.m.learned, state.text)
            : modelSource(model.m, model.m.run({ text: state.text }, { trace: at }), info);
          run = { key, source };
        } catch (error) {
          parts.say([...problems, `The model could not run on this sentence: ${error.message}`]);
          return parts.rendered('none');
        }
      }
      const src = run.source;
      await ensureViews(['matrix', state.view]);
      if (!area)
        area = createModelArea(parts.box(), {
          factories,
          handlers,
          headStep: (o) => attn.scaledDotProduct(o),
          titled: false,
        });
      const view = {
        ...state,
        focus: focus?.row ?? state.focus,
        key: focus?.col ?? state.key,
        step: step ?? state.step,
      };
      const notes = area.update(src, view, at);
      parts.say([...problems, ...notes]);
      parts.label(src.title, `layer ${Math.min(at.layer, src.L - 1)}, head ${at.head}`, src.honest);
      parts.rendered('model');
    },
    /** A new setting from the host replaces what the reader picked. */
    reset(name) {
      if (name === 'head' || name === 'layer' || name === 'model') picked = null;
      if (name === 'focus' || name === 'key' || name === 'sentence') focus = null;
      if (name === 'step') step = null;
    },
    destroy() {
      area?.destroy();
      area = null;
    },
  };
}
