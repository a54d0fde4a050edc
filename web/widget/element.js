// element: the <attention-playground> custom element. Its attributes (see state.js) are its
// whole state; it analyses the sentence with the shared wasm core when it first scrolls into
// view and renders one of the playground's views inside a shadow root. It finds the core,
// the views and its styles relative to this file, so any page that loads the script works.
// It never builds HTML from strings: every text it shows (including hostile attribute values)
// goes through textContent. It does not compute attention; numbers come from attn.analyze().

import { createControls } from './controls.js';
import { CORE_MODE, MODE_LABELS, pageHash, readState, resolveAgainst, PARAMS } from './state.js';
import { loadViewFactory, STEP_TITLES, viewData, VIEWS_CSS } from './view-host.js';

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
    return PARAMS;
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
  #view = null; // {kind, instance}
  #viewToken = 0;
  #analysis = null;
  #analysisKey = '';
  #focus = { row: null, col: null };
  #step = null;
  #selected = null;
  #observer = null;
  #darkQuery = null;
  #renderQueued = false;
  #renders = 0;

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    this.#frame = make('div', 'apw ap-view');
    const head = make('div', 'apw-head');
    this.#title = make('strong', 'apw-title');
    this.#subtitle = make('span', 'apw-subtitle');
    head.append(this.#title, this.#subtitle);
    const controlBox = make('div', 'apw-control-box');
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
    root.append(stylesheet(VIEWS_CSS), stylesheet(WIDGET_CSS), this.#frame);
    this.#controls = createControls(controlBox, { onChange: (name, value) => this.setAttribute(name, value) });
    this.#frame.dataset.status = 'idle';
  }

  /** 'idle' (not yet visible), 'loading', 'ready' or 'error'. */
  get status() {
    return this.#status;
  }

  /** The last analysis shown (read-only; what attn.analyze() returned), or null. */
  get analysis() {
    return this.#analysis;
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
    this.#analysis = null;
    this.#analysisKey = '';
    if (this.#status === 'ready') this.#setStatus('idle');
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (oldValue === newValue) return;
    // A new setting from the host replaces what the reader picked inside the widget.
    if (name === 'focus' || name === 'sentence' || name === 'source') this.#focus = { row: null, col: null };
    if (name === 'step') this.#step = null;
    if (name === 'head' || name === 'mode') this.#selected = null;
    if (this.#status === 'ready') this.#queueRender();
    else if (this.#status === 'error' && this.isConnected)
      this.#start(); // a new try may load
    else if (this.isConnected && this.#status === 'idle') this.#showPlaceholder();
  }

  #onScheme = () => this.#applyLook(readState((n) => this.getAttribute(n)).state);

  #setStatus(status) {
    this.#status = status;
    this.#frame.dataset.status = status;
  }

  async #start() {
    if (this.#status === 'loading') return;
    this.#setStatus('loading');
    // Fetch the view's module while the core loads, not after.
    const { state } = readState((n) => this.getAttribute(n));
    loadViewFactory(state.mode === 'multihead' ? 'multihead' : state.view).catch(() => {});
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
    const { state } = readState((n) => this.getAttribute(n));
    this.#applyLook(state);
    this.#title.textContent = MODE_LABELS[state.mode];
    this.#subtitle.textContent = '';
    this.#footnote.textContent = '';
    this.#open.hidden = true;
    this.#viewBox.replaceChildren(make('p', 'apw-loading', `Loading attention for “${state.sentence.slice(0, 120)}”…`));
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

  #analyse(state, problems) {
    const cross = state.mode === 'cross';
    const options = { text: state.sentence, lang: state.lang, mode: CORE_MODE[state.mode] };
    if (cross)
      Object.assign(options, {
        source: state.source.trim() === '' ? state.sentence : state.source,
        sourceLang: state['source-lang'],
      });
    const key = JSON.stringify(options);
    if (key === this.#analysisKey && this.#analysis) return this.#analysis;
    try {
      this.#analysis = this.#core.analyze(options);
      this.#analysisKey = key;
    } catch (error) {
      problems.push(`The attention core could not analyse this sentence: ${error.message}`);
      this.#analysis = null;
      this.#analysisKey = '';
    }
    return this.#analysis;
  }

  #render() {
    const { state, problems } = readState((n) => this.getAttribute(n));
    this.#applyLook(state);
    this.#title.textContent = MODE_LABELS[state.mode];
    this.#frame.dataset.mode = state.mode;
    const analysis = this.#analyse(state, problems);
    if (!analysis || analysis.tokens.length === 0) {
      if (analysis) problems.push('There are no words to look at: give the widget a sentence.');
      this.#destroyView();
      this.#viewBox.replaceChildren();
      this.#subtitle.textContent = '';
      this.#showMessages(problems);
      this.#controls.update(state, analysis?.heads ?? [], 0, 0);
      this.#rendered('none');
      return;
    }
    const resolved = resolveAgainst(state, analysis);
    problems.push(...resolved.problems);
    if (analysis.truncated || analysis.sourceTruncated)
      problems.push('The sentence is long: only its first tokens are shown.');
    const headIndex = resolved.headIndex;
    const head = analysis.heads[headIndex];
    this.#open.hidden = false;
    this.#open.href = new URL(pageHash(state, headIndex), PAGE_URL).href;
    const kind = state.mode === 'multihead' ? 'multihead' : state.view;
    this.#subtitle.textContent =
      kind === 'multihead' ? `${analysis.heads.length} heads` : `${head.name} head: ${head.description}`;
    this.#footnote.textContent = analysis.disclaimer ?? 'These heads are hand-built, not a trained model.';
    let step = this.#step ?? state.step;
    if (step >= STEP_TITLES.length) {
      problems.push(`Step ${step} is past the last step (${STEP_TITLES.length - 1}); showing the last one.`);
      step = STEP_TITLES.length - 1;
    }
    this.#showMessages(problems);
    this.#controls.update(state, analysis.heads, headIndex, step);
    const focus = this.#focus.row !== null ? this.#focus : { row: resolved.focus, col: null };
    const selected = this.#selected ?? (state.head.trim() !== '' ? [headIndex] : analysis.heads.map((_, i) => i));
    const explain = (h, q, k) => this.#core.explainScore(analysis, h, q, k);
    this.#showView(kind, viewData(kind, { analysis, headIndex, focus, step, selected, explain }));
  }

  // Creates the view when its kind changes (loading its module once), then updates it.
  async #showView(kind, data) {
    if (this.#view?.kind !== kind) {
      this.#destroyView();
      const token = ++this.#viewToken;
      let factory;
      try {
        factory = await loadViewFactory(kind);
      } catch (error) {
        this.#showMessages([`The ${kind} view could not be loaded: ${error.message}`]);
        this.#rendered('none');
        return;
      }
      if (token !== this.#viewToken || !this.isConnected) return;
      this.#viewBox.replaceChildren();
      const label = `${this.#title.textContent}: ${this.getAttribute('sentence') ?? ''}`.slice(0, 200);
      const instance = factory(this.#viewBox, {
        label,
        onFocus: (row, col = null) => {
          this.#focus = { row, col };
          this.#queueRender();
        },
        onPin: (row, col) => (this.#focus = { row, col }),
        onStep: (i) => {
          this.#step = i;
          this.#queueRender();
        },
        onSelect: (indices) => {
          this.#selected = indices;
          this.#queueRender();
        },
      });
      this.#view = { kind, instance };
    }
    try {
      this.#view.instance.update(data);
    } catch (error) {
      this.#showMessages([`The view could not show this: ${error.message}`]);
    }
    this.#rendered(kind);
  }

  // Marks the frame (data-view, data-rendered = a counter tests and hosts can wait for) and
  // tells the host page, e.g. so embed.html can report its new height.
  #rendered(kind) {
    this.#frame.dataset.view = kind;
    this.#frame.dataset.rendered = String(++this.#renders);
    this.dispatchEvent(
      new CustomEvent('attention-playground:render', {
        bubbles: true,
        composed: true,
        detail: { mode: this.#frame.dataset.mode, view: kind },
      }),
    );
  }

  #destroyView() {
    this.#viewToken += 1;
    if (!this.#view) return;
    try {
      this.#view.instance.destroy();
    } finally {
      this.#view = null;
    }
  }
}

/** Registers the element once (several copies of the script on one page are harmless). */
export function defineAttentionPlayground(name = 'attention-playground') {
  if (!customElements.get(name)) customElements.define(name, AttentionPlayground);
}
