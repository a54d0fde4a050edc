// controls: the few form controls a widget may show above its view. 'none' shows nothing,
// 'minimal' a head picker, 'full' also the sentence, source, mode, view and focus word, and
// Play for the steps (what the page can do; the same names for modes and views as the page). A change calls
// onChange(name, value) with an attribute name; the element writes the attribute, so the
// attributes stay the one place the widget's state lives. Controls never compute anything.

import { CHOICES, LANGS, MAX_SENTENCE_CHARS, VIEWS, VIEW_LABELS, choiceOf } from '../shared/state.js';
import { STEPS, createTimeline } from '../shared/timeline.js';
import { bindTimelineKeys } from '../shared/timeline-keys.js';
import { createChips } from './chips.js';

function element(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === 'class') node.className = value;
    else if (key in node) node[key] = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) node.append(child);
  return node;
}

function labelled(text, control) {
  return element('label', { class: 'apw-control' }, [element('span', { textContent: text }), control]);
}

function select(options, onPick) {
  const node = element('select');
  for (const [value, text] of options) node.append(element('option', { value, textContent: text }));
  node.addEventListener('change', () => onPick(node.value));
  return node;
}

/**
 * container: an Element inside the widget; onChange(attributeName, value); onChoose(key): a way
 * of looking (a CHOICES key) was picked; keys: the element whose keydown events the step
 * shortcuts hear (the widget's frame). -> {update, destroy}
 */
export function createControls(container, { onChange, onChoose, keys = null }) {
  const sentence = element('input', {
    type: 'text',
    spellcheck: false,
    autocomplete: 'off',
    maxLength: MAX_SENTENCE_CHARS,
  });
  const source = element('input', {
    type: 'text',
    spellcheck: false,
    autocomplete: 'off',
    maxLength: MAX_SENTENCE_CHARS,
  });
  const sourceLang = select(
    LANGS.map((l) => [l, l === 'fr' ? 'French' : 'English']),
    (v) => onChange('source-lang', v),
  );
  // One list of the ways of looking (CHOICES); the element applies the pick (choicePatch).
  const mode = select(
    Object.entries(CHOICES).map(([key, choice]) => [key, choice.label]),
    (key) => onChoose(key),
  );
  const view = select(
    VIEWS.map((v) => [v, VIEW_LABELS[v]]),
    (v) => onChange('view', v),
  );
  // Heads and words are chips, as on the page: one Tab stop per group, arrow keys inside.
  const head = createChips('Head', { onPick: (i) => onChange('head', String(i)) });
  const prev = element('button', { type: 'button', textContent: '◀ Step', title: 'Previous step' });
  const next = element('button', { type: 'button', textContent: 'Step ▶', title: 'Next step' });
  const stepLabel = element('span', { class: 'apw-step-label', 'aria-live': 'polite' });
  let step = 0;
  prev.addEventListener('click', () => onChange('step', String(Math.max(0, step - 1))));
  next.addEventListener('click', () => onChange('step', String(Math.min(STEPS.length - 1, step + 1))));
  // Play walks the steps as the page's Play does (the same timeline), writing the step attribute.
  const play = element('button', { type: 'button', textContent: '▶ Play', 'aria-pressed': 'false' });
  const timeline = createTimeline({
    steps: STEPS,
    reducedMotion: globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false,
    onStep: (i) => onChange('step', String(i)),
    onPlayingChange(playing) {
      play.textContent = playing ? '❚❚ Pause' : '▶ Play';
      play.setAttribute('aria-pressed', String(playing));
    },
  });
  play.addEventListener('click', () => timeline.toggle());
  // The word in focus, as the page's "Focus on" chips: arrows move the focus word.
  const focus = createChips('Focus on', { onPick: (i) => onChange('focus', String(i)), moveFocus: true });
  sentence.addEventListener('input', () => onChange('sentence', sentence.value));
  source.addEventListener('input', () => onChange('source', source.value));

  const rows = {
    sentence: labelled('Sentence', sentence),
    source: labelled('Source', source),
    sourceLang: labelled('Source language', sourceLang),
    mode: labelled('Mode', mode),
    head: head.node,
    view: labelled('View', view),
    focus: focus.node,
    steps: element('span', { class: 'apw-control apw-steps' }, [prev, play, stepLabel, next]),
  };
  const form = element('div', { class: 'apw-controls', role: 'group', 'aria-label': 'Playground settings' });
  container.append(form);
  // The page's step shortcuts (Space, arrows, Home, End) anywhere in the widget while it shows the steps.
  let stepsShown = false;
  if (keys) bindTimelineKeys(keys, timeline, { isShown: () => stepsShown });

  // Writes a value into a control unless the reader is typing in it.
  const show = (control, value) => {
    if (control.getRootNode().activeElement !== control && control.value !== value) control.value = value;
  };

  return {
    /**
     * state: from readState; heads: the analysis's [{name}]; headIndex: the head shown;
     * stepValue: current step; tokens: the analysis's words; focusIndex: the word in focus.
     */
    update(state, heads, headIndex, stepValue, tokens = [], focusIndex = 0) {
      step = stepValue;
      timeline.sync(step);
      focus.update(
        tokens.map((t) => ({ text: t.text, label: `Focus on “${t.text}”` })),
        focusIndex,
      );
      prev.disabled = step <= 0;
      next.disabled = step >= STEPS.length - 1;
      stepLabel.textContent = `${STEPS[step]?.title ?? ''}`;
      const level = state.controls;
      head.update(
        heads.map((h) => ({ text: h.name, title: h.description, label: `Head ${h.name}: ${h.description}` })),
        headIndex,
      );
      stepsShown = state.view === 'steps' && state.layout !== 'heads';
      show(sentence, state.text);
      show(source, state.source);
      show(sourceLang, state.sourceLang);
      show(mode, choiceOf(state));
      show(view, state.view);
      const visible = [];
      if (level === 'full') visible.push(rows.sentence, rows.mode);
      if (level === 'full' && state.mode === 'cross') visible.push(rows.source, rows.sourceLang);
      if (level !== 'none' && state.layout !== 'heads' && heads.length > 1) visible.push(rows.head);
      if (level === 'full' && state.layout !== 'heads') visible.push(rows.view);
      if (level === 'full' && tokens.length) visible.push(rows.focus);
      if (level !== 'none' && state.view === 'steps' && state.layout !== 'heads') visible.push(rows.steps);
      // Re-attaching a control would take the keyboard focus away from it: only when the set changes.
      if (visible.some((row, i) => form.children[i] !== row) || form.children.length !== visible.length)
        form.replaceChildren(...visible);
      form.hidden = visible.length === 0;
    },
    destroy() {
      timeline.destroy();
      form.remove();
    },
  };
}
