// element: the <attention-playground> custom element. Its attributes (the attribute names of
// shared/state.js's table) are its whole state; it analyses the sentence with the shared wasm
// core when it first scrolls into view (shared/analyses.js, as the page does) and lays out the
// playground's views (views/panels.js) inside a shadow root. It finds the core, the views and
// its styles relative to this file, so any page that loads the script works.
// It never builds HTML from strings: every text it shows (including hostile attribute values)
// goes through textContent. It does not compute attention; numbers come from attn.analyze().

import { createControls } from './controls.js';
import {
  ATTRIBUTES,
  CHOICES,
  choiceOf,
  choicePatch,
  readState,
  resolveAgainst,
  serializeHash,
  TRAIN_MODE,
  writeState,
} from '../shared/state.js';
import { analysesKey, drawable, runAnalyses } from '../shared/analyses.js';
import { STEPS } from '../shared/timeline.js';
import { createPanels, viewKinds } from '../views/panels.js';
import { loadViewFactory, VIEWS_CSS } from '../views/load-view.js';
import { isModelSource } from '../shared/model-source.js';
import { createModelWidget } from './model-widget.js';
import { createTrainWidget } from './train-widget.js';

const THEME_CSS = new URL('../shared/theme.css', import.meta.url).href;
const WIDGET_CSS = new URL('./widget.css', import.meta.url).href;
const LIB_URL = new URL('../lib/index.js', import.meta.url).href;
const PAGE_URL = new URL('../index.html', import.meta.url);

let attentionPromise = null;
// One core for every widget on the page (loadAttention also caches per URL; this keeps the
// library module itself from being imported more than once, too).
function loadCore() {
  attentionPromise ??= import(LIB_URL).then((lib) => lib.loadAttention());
  attentionPromise.catch(() => (attentionPromise = null));
  return attentionPromise;
}

function make(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function stylesheet(href) {
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = href;
  return link;
}

export class AttentionPlayground extends HTMLElement {
  static get observedAttributes() {
    return ATTRIBUTES;
  }

  #frame;
  #title;
  #subtitle;
  #messages;
  #viewBox;
  #footnote;
  #open;
  #controls;
  #status = 'idle'; // idle -> loading -> ready | error
  #core = null;
  #panels = null; // views/panels.js, once the view modules it needs are loaded
  #factories = {}; // view kind -> factory, loaded on demand
  #viewToken = 0;
  #analyses = null; // {main, unmasked?}
  #analysisProblems = [];
  #analysisKey = '';
  #focus = null; // {row, col}: what the reader pointed at inside the widget
  #pinned = false; // a click pinned #focus: hovering no longer moves it (Escape or a second click lets go)
  #step = null;
  #selected = null;
  #observer = null;
  #darkQuery = null;
  #renderQueued = false;
  #renders = 0;
  #controlBox;
  #model = null; // model-widget.js, while the model attribute names a checkpoint (issue 17)
  #train = null; // train-widget.js, while mode="train" (issue 19)

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    this.#frame = make('div', 'apw ap-view');
    const head = make('div', 'apw-head');
    this.#title = make('strong', 'apw-title');
    this.#subtitle = make('span', 'apw-subtitle');
    head.append(this.#title, this.#subtitle);
    const controlBox = make('div', 'apw-control-box');
    this.#controlBox = controlBox;
    this.#messages = make('ul', 'apw-messages');
    this.#messages.setAttribute('role', 'status');
    this.#viewBox = make('div', 'apw-body');
    const foot = make('div', 'apw-foot');
    this.#footnote = make('span', 'apw-note');
    this.#open = make('a', 'apw-open', 'Open in the playground ↗');
    this.#open.target = '_blank';
    this.#open.rel = 'noopener';
    foot.append(this.#footnote, this.#open);
    this.#frame.append(head, controlBox, this.#messages, this.#viewBox, foot);
    root.append(stylesheet(THEME_CSS), stylesheet(VIEWS_CSS), stylesheet(WIDGET_CSS), this.#frame);
    this.#controls = createControls(controlBox, {
      onChange: (name, value) => this.setAttribute(name, value),
      onChoose: (key) => this.#choose(key),
      keys: this.#frame,
    });
    // Escape lets go of a pinned word, as on the page (a popover that handles Escape stops it first).
    this.#frame.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape' || event.defaultPrevented || !this.#pinned) return;
      this.#pinned = false;
      this.#queueRender();
    });
    this.#frame.dataset.status = 'idle';
  }

  /** 'idle' (not yet visible), 'loading', 'ready' or 'error'. */
  get status() {
    return this.#status;
  }

  /** The last analysis shown (read-only; what attn.analyze() returned for the mode), or null. */
  get analysis() {
    return this.#analyses?.main ?? null;
  }

  connectedCallback() {
    this.#showPlaceholder();
    this.#darkQuery = window.matchMedia?.('(prefers-color-scheme: dark)') ?? null;
    this.#darkQuery?.addEventListener?.('change', this.#onScheme);
    if (typeof IntersectionObserver !== 'function') {
      this.#start();
      return;
    }
    // Start a little before the widget scrolls into view, so it is ready when seen.
    this.#observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) {
          this.#observer?.disconnect();
          this.#observer = null;
          this.#start();
        }
      },
      { rootMargin: '200px' },
    );
    this.#observer.observe(this);
  }

  disconnectedCallback() {
    this.#observer?.disconnect();
    this.#observer = null;
    this.#darkQuery?.removeEventListener?.('change', this.#onScheme);
    this.#darkQuery = null;
    this.#destroyView();
    this.#model?.destroy();
    this.#model = null;
    this.#train?.destroy();
    this.#train = null;
    this.#analyses = null;
    this.#analysisKey = '';
    if (this.#status === 'ready') this.#setStatus('idle');
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (oldValue === newValue) return;
    // A new setting from the host replaces what the reader picked inside the widget.
    if (name === 'focus' || name === 'key' || name === 'sentence' || name === 'source') {
      this.#focus = null;
      this.#pinned = false;
    }
    if (name === 'step') this.#step = null;
    if (name === 'head' || name === 'mode' || name === 'layout') this.#selected = null;
    this.#model?.reset(name);
    if (this.#status === 'ready') this.#queueRender();
    else if (this.#status === 'error' && this.isConnected)
      this.#start(); // a new try may load
    else if (this.isConnected && this.#status === 'idle') this.#showPlaceholder();
  }

  // A way of looking picked in the widget's menu: the same settings as the page's tabs
  // (choicePatch), written as attributes (only those the pick sets).
  #choose(key) {
    const patch = choicePatch(key, this.#read().state, this.#core?.headNames() ?? []);
    for (const [name, value] of writeState(patch, 'attr', Object.keys(patch))) this.setAttribute(name, value);
  }

  #read() {
    return readState((name) => this.getAttribute(name), 'attr');
  }

  #onScheme = () => this.#applyLook(this.#read().state);

  #setStatus(status) {
    this.#status = status;
    this.#frame.dataset.status = status;
  }

  async #start() {
    if (this.#status === 'loading') return;
    this.#setStatus('loading');
    // Fetch the view's module while the core loads, not after.
    const { state } = this.#read();
    for (const kind of viewKinds(state)) loadViewFactory(kind).catch(() => {});
    try {
      this.#core = await loadCore();
    } catch (error) {
      this.#setStatus('error');
      this.#viewBox.replaceChildren();
      this.#showMessages([`The attention core could not be loaded: ${error.message}`]);
      this.#rendered('none');
      return;
    }
    if (!this.isConnected) {
      this.#setStatus('idle');
      return;
    }
    this.#setStatus('ready');
    this.#render();
  }

  #queueRender() {
    if (this.#renderQueued) return;
    this.#renderQueued = true;
    requestAnimationFrame(() => {
      this.#renderQueued = false;
      if (this.isConnected && this.#core) this.#render();
    });
  }

  #showPlaceholder() {
    const { state } = this.#read();
    this.#applyLook(state);
    this.#title.textContent = CHOICES[choiceOf(state)].label;
    this.#subtitle.textContent = '';
    this.#footnote.textContent = '';
    this.#open.hidden = true;
    this.#viewBox.replaceChildren(make('p', 'apw-loading', `Loading attention for “${state.text.slice(0, 120)}”…`));
  }

  #applyLook(state) {
    const dark = state.theme === 'dark' || (state.theme === 'auto' && !!this.#darkQuery?.matches);
    this.#frame.classList.toggle('ap-theme-dark', dark);
    this.#frame.classList.toggle('apw-fixed', state.height !== null);
    this.#frame.style.height = state.height === null ? '' : `${state.height}px`;
  }

  #showMessages(problems) {
    this.#messages.replaceChildren(...problems.map((text) => make('li', '', text)));
    this.#messages.hidden = problems.length === 0;
  }

  // The analyses the state needs, reused while only the focus, head or view changes.
  #analyse(state, problems) {
    const key = analysesKey(state);
    if (key !== this.#analysisKey || !this.#analyses) {
      try {
        const run = runAnalyses(this.#core, state);
        this.#analyses = run.analyses;
        this.#analysisProblems = run.problems;
        this.#analysisKey = key;
      } catch (error) {
        problems.push(`The attention core could not analyse this sentence: ${error.message}`);
        this.#analyses = null;
        this.#analysisKey = '';
        return null;
      }
    }
    problems.push(...this.#analysisProblems);
    return this.#analyses;
  }

  #render() {
    const { state, problems } = this.#read();
    this.#applyLook(state);
    if (state.mode === TRAIN_MODE) return this.#renderTrain(state, problems);
    this.#train?.destroy();
    this.#train = null;
    if (isModelSource(state.model)) return this.#renderModel(state, problems);
    this.#model?.destroy();
    this.#model = null;
    this.#controlBox.hidden = false;
    const choice = choiceOf(state);
    this.#title.textContent = CHOICES[choice].label;
    this.#frame.dataset.mode = state.mode;
    this.#frame.dataset.layout = state.layout;
    const analyses = this.#analyse(state, problems);
    const analysis = analyses?.main;
    // No words, or cross-attention without source words (the problem says so): nothing to draw.
    if (!analysis || !drawable(analyses)) {
      if (analysis?.tokens.length === 0) problems.push('There are no words to look at: give the widget a sentence.');
      this.#destroyView();
      this.#viewBox.replaceChildren();
      this.#subtitle.textContent = '';
      delete this.#frame.dataset.head;
      this.#showMessages(problems);
      // The head menu still shows the head asked for, as the page's head buttons do.
      const head = analysis?.tokens.length ? (this.#selected ?? resolveAgainst(state, analysis).heads)[0] : 0;
      this.#controls.update(state, analysis?.heads ?? [], head, 0);
      this.#rendered('none');
      return;
    }
    const resolved = resolveAgainst(state, analysis);
    problems.push(...resolved.problems);
    if (analysis.truncated || analysis.sourceTruncated)
      problems.push('The sentence is long: only its first tokens are shown.');
    const heads = this.#selected ?? resolved.heads;
    const head = analysis.heads[heads[0]];
    this.#frame.dataset.head = String(heads[0]); // the head the single view shows, for hosts and tests
    this.#frame.dataset.pinned = String(this.#pinned);
    this.#open.hidden = false;
    this.#open.href = new URL(serializeHash({ ...state, heads: [heads[0]] }) || '#', PAGE_URL).href;
    this.#subtitle.textContent =
      state.layout === 'heads' ? `${analysis.heads.length} heads` : `${head.name} head: ${head.description}`;
    this.#footnote.textContent = analysis.disclaimer;
    let step = this.#step ?? state.step;
    if (step >= STEPS.length) {
      problems.push(`Step ${step} is past the last step (${STEPS.length - 1}); showing the last one.`);
      step = STEPS.length - 1;
    }
    this.#showMessages(problems);
    const focus = this.#focus ?? { row: resolved.focus, col: state.key };
    this.#controls.update(state, analysis.heads, heads[0], step, analysis.tokens, focus.row);
    this.#showViews({ ...state, heads, focus: focus.row, key: focus.col, step }, analyses);
  }

  // A checkpoint (model="…"): the grid and the picked head replace the hand-built views and menu.
  #renderModel(state, problems) {
    this.#destroyView();
    this.#controlBox.hidden = true;
    this.#open.hidden = true;
    this.#frame.dataset.mode = 'model';
    this.#model ??= createModelWidget({
      ...this.#bodyParts(),
      loading: (text) => {
        if (!this.#viewBox.querySelector('.apw-model')) this.#viewBox.replaceChildren(make('p', 'apw-loading', text));
      },
      redraw: () => this.#queueRender(),
    });
    this.#model.render(state, problems, this.#core);
  }

  // mode="train" (issue 19): a training run with its own worker replaces the views and menu.
  #renderTrain(state, problems) {
    this.#destroyView();
    this.#model?.destroy();
    this.#model = null;
    this.#controlBox.hidden = true;
    this.#open.hidden = true;
    this.#frame.dataset.mode = TRAIN_MODE;
    this.#train ??= createTrainWidget(this.#bodyParts());
    this.#train.render(state, problems);
  }

  // What a part that takes over the body (a model, a training run) may do to the widget's frame.
  #bodyParts() {
    return {
      box: () => {
        const box = make('div', 'apw-model');
        this.#viewBox.replaceChildren(box);
        return box;
      },
      say: (lines) => this.#showMessages(lines),
      label: (title, subtitle, footnote) => {
        this.#title.textContent = title;
        this.#subtitle.textContent = subtitle;
        this.#footnote.textContent = footnote;
      },
      rendered: (kind) => this.#rendered(kind),
    };
  }

  // Loads the view modules the layout needs (once), builds the panels when the set of views
  // changes, then updates them.
  async #showViews(state, analyses) {
    const kinds = viewKinds(state);
    const missing = kinds.filter((kind) => !this.#factories[kind]);
    const token = ++this.#viewToken;
    if (missing.length) {
      try {
        for (const kind of missing) this.#factories[kind] = await loadViewFactory(kind);
      } catch (error) {
        this.#showMessages([`The ${kinds.join(' and ')} view could not be loaded: ${error.message}`]);
        this.#rendered('none');
        return;
      }
      if (token !== this.#viewToken || !this.isConnected) return;
    }
    if (!this.#panels) {
      this.#viewBox.replaceChildren();
      this.#panels = createPanels(this.#viewBox, this.#handlers, { factories: this.#factories, titled: false });
    }
    try {
      this.#panels.update(state, analyses);
    } catch (error) {
      this.#showMessages([`The view could not show this: ${error.message}`]);
    }
    this.#rendered(state.layout === 'heads' ? 'multihead' : state.view);
  }

  // What the reader does inside the widget changes only the widget, not its attributes.
  #handlers = {
    focus: (row, col = null, fromKeyboard = false) => {
      if (this.#pinned && !fromKeyboard) return;
      this.#focus = { row, col };
      this.#queueRender();
    },
    pin: (row, col = null) => {
      const at = this.#focus;
      const same = this.#pinned && at?.row === row && (col === null || at?.col === col);
      this.#focus = { row, col };
      this.#pinned = !same;
      this.#queueRender();
    },
    step: (i) => {
      this.#step = i;
      this.#queueRender();
    },
    selectHeads: (indices) => {
      this.#selected = indices;
      this.#queueRender();
    },
    explain: (analysis, h, q, k) => this.#core.explainScore(analysis, h, q, k),
  };

  // Marks the frame (data-view, data-rendered = a counter tests and hosts can wait for) and
  // tells the host page, e.g. so embed.html can report its new height.
  #rendered(kind) {
    this.#frame.dataset.view = kind;
    this.#frame.dataset.rendered = String(++this.#renders);
    this.dispatchEvent(
      new CustomEvent('attention-playground:render', {
        bubbles: true,
        composed: true,
        detail: { mode: this.#frame.dataset.mode, layout: this.#frame.dataset.layout, view: kind },
      }),
    );
  }

  #destroyView() {
    this.#viewToken += 1;
    const panels = this.#panels;
    this.#panels = null;
    panels?.destroy();
  }
}

/** Registers the element once (several copies of the script on one page are harmless). */
export function defineAttentionPlayground(name = 'attention-playground') {
  if (!customElements.get(name)) customElements.define(name, AttentionPlayground);
}
