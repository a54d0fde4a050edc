// train-panel: the page's Train mode (issue 19, mode=train). The task and model controls are bound
// to the shared state table (so every setting is in the URL), Play / Pause / Step / Reset drive
// the training worker through shared/train-session.js, and views/train-view.js draws what the
// worker reports, at most once per frame. Changing a setting starts a new model. A trained model
// can be opened in the page's model views (matrix, lines, step by step: model-panel.js's
// openTrained) or downloaded as safetensors. The panel computes nothing.
// Training goes on while the person looks at another tab; the panel only stops drawing.

import { el } from '../shared/dom.js';
import { TRAIN_TASKS } from '../shared/state.js';
import { trainerOptions } from '../shared/train-settings.js';
import { createTrainSession } from '../shared/train-session.js';
import { createTrainView } from '../views/train-view.js';
import { download } from './export.js';

const TASK_HELP = {
  induction: 'Induction: a random sequence, then the same sequence again; predict each repeated token.',
  reverse: 'Reverse: eight tokens, a separator, then the same tokens backwards.',
  sort: 'Sort: eight digits, a separator, then the same digits in order.',
  copy: 'Copy: eight tokens, a separator, then the same tokens again.',
  brackets: 'Brackets: a balanced bracket string, a separator, then the nesting depth after each bracket.',
};

// The number inputs: state name, label, min, max, step.
const NUMBERS = [
  ['layers', 'Layers', 1, 3, 1],
  ['headsPerLayer', 'Heads per layer', 1, 4, 1],
  ['embed', 'Width (d_model)', 16, 128, 1],
  ['lr', 'Learning rate', 1e-5, 0.1, 'any'],
  ['batch', 'Batch', 1, 64, 1],
  ['seed', 'Seed', 0, 4294967295, 1],
];
const CONFIG_NAMES = {
  layers: 'layers',
  headsPerLayer: 'heads',
  embed: 'embedDim',
  lr: 'lr',
  batch: 'batch',
  seed: 'seed',
};

/**
 * page: the page element; store: the state store; options: { core: () => attn | null,
 * openTrained({model, tokens, name, layer, head, view}) (model-panel.js), say(text, kind),
 * urlProblems() -> sentences on the address's settings }
 * -> { render(state) -> true when the Train mode is shown }
 */
export function createTrainPanel(page, store, { core, openTrained, say, urlProblems }) {
  const field = (label, control) =>
    el('div', { class: 'ap-field ap-train-field' }, el('label', { for: control.id, text: label }), control);
  const task = el(
    'select',
    { id: 'train-task' },
    TRAIN_TASKS.map((t) => el('option', { value: t, text: t })),
  );
  const inputs = Object.fromEntries(
    NUMBERS.map(([name, , min, max, step]) => [
      name,
      el('input', { type: 'number', id: `train-${name}`, min, max, step }),
    ]),
  );
  const attentionOnly = el('input', { type: 'checkbox', id: 'train-attention-only' });
  const play = el(
    'button',
    { type: 'button', id: 'train-play', class: 'ap-train-play', 'aria-pressed': 'false' },
    '▶ Play',
  );
  const stepButton = el('button', { type: 'button', id: 'train-step' }, 'Step');
  const reset = el('button', { type: 'button', id: 'train-reset' }, 'Reset');
  const help = el('p', { class: 'ap-train-help', id: 'train-help' });
  const message = el('ul', { class: 'ap-train-problems', id: 'train-problems', role: 'alert' });
  const openButtons = ['matrix', 'lines', 'steps'].map((view) =>
    el(
      'button',
      { type: 'button', 'data-open': view },
      { matrix: 'Matrix', lines: 'Lines', steps: 'Step by step' }[view],
    ),
  );
  const exportButton = el('button', { type: 'button', id: 'train-export' }, 'Download the model (.safetensors)');
  const picked = el('span', { class: 'ap-train-picked', id: 'train-picked' });
  const form = el(
    'fieldset',
    { class: 'ap-train-settings' },
    el('legend', { text: 'Task and model (a change starts a new model)' }),
    field('Task', task),
    NUMBERS.map(([name, label]) => field(label, inputs[name])),
    el(
      'div',
      { class: 'ap-field ap-train-field ap-train-check' },
      attentionOnly,
      el('label', { for: 'train-attention-only', text: 'Attention only (no MLP)' }),
    ),
  );
  const buttons = el(
    'div',
    { class: 'ap-train-buttons', role: 'group', 'aria-label': 'Training' },
    play,
    stepButton,
    reset,
  );
  const open = el(
    'div',
    { class: 'ap-train-open', role: 'group', 'aria-label': 'The trained model' },
    el('span', { class: 'ap-row-label', text: 'Open' }),
    picked,
    el('span', { text: 'in' }),
    openButtons,
    exportButton,
  );
  const body = el('div', { class: 'ap-train-body' });
  const panel = el(
    'section',
    { class: 'ap-train', id: 'train-panel', 'aria-label': 'Train a transformer', hidden: true },
    help,
    form,
    message,
    buttons,
    body,
    open,
  );
  page.querySelector('#views').before(panel);

  let selected = { layer: 0, head: 0 };
  const view = createTrainView(body, { ids: true, onSelect: (at) => ((selected = at), draw()) });
  let session = null;
  let optionsKey = null;
  let problems = [];
  let shownProblems = '';
  let frame = 0;

  function draw() {
    frame = 0;
    if (!session) return;
    const s = session.snapshot();
    // Recorded even while another tab is shown: training goes on there (tests read these).
    panel.dataset.messages = String(s.messages);
    panel.dataset.step = String(s.step);
    if (panel.hidden) return;
    play.textContent = s.playing ? '❚❚ Pause' : '▶ Play';
    play.setAttribute('aria-pressed', String(s.playing));
    play.disabled = stepButton.disabled = s.status !== 'ready';
    for (const button of [...openButtons, exportButton]) button.disabled = s.status !== 'ready';
    panel.dataset.status = s.status;
    panel.dataset.playing = String(s.playing);
    panel.dataset.workerPlaying = String(s.workerPlaying);
    picked.textContent = `layer ${selected.layer} head ${selected.head}`;
    const lines = [...urlProblems(), ...problems];
    if (s.error) lines.push(`Training stopped: ${s.error}`);
    // An alert is read out when it changes: rewritten only then, not on every report.
    if (lines.join('\n') !== shownProblems) {
      shownProblems = lines.join('\n');
      message.replaceChildren(...lines.map((text) => el('li', { text })));
    }
    if (s.config) showConfig(s.config);
    view.update(s, selected);
  }
  const queueDraw = () => (frame ||= requestAnimationFrame(draw));

  // Unset settings show the trainer's own values once it has started.
  function showConfig(config) {
    const state = store.get();
    for (const [name, input] of Object.entries(inputs)) {
      const value = state[name] ?? config[CONFIG_NAMES[name]];
      if (document.activeElement !== input && input.value !== String(value)) input.value = String(value);
    }
    attentionOnly.checked = state.attentionOnly ?? config.attentionOnly;
  }

  task.addEventListener('change', () => store.set({ task: task.value }));
  for (const [name, input] of Object.entries(inputs))
    input.addEventListener('change', () => {
      const [, label, min, max] = NUMBERS.find((n) => n[0] === name);
      const value = Number(input.value);
      if (input.value === '' || !Number.isFinite(value) || value < min || value > max) {
        problems = [`${label} must be a number from ${min} to ${max}; keeping the last value.`];
        return draw();
      }
      store.set({ [name]: name === 'lr' ? value : Math.round(value) });
    });
  attentionOnly.addEventListener('change', () => store.set({ attentionOnly: attentionOnly.checked }));
  play.addEventListener('click', () => (session.snapshot().playing ? session.pause() : session.play()));
  stepButton.addEventListener('click', () => session.step(1));
  reset.addEventListener('click', () => session.reset(trainerOptions(store.get()).options));
  exportButton.addEventListener('click', async () => {
    try {
      const m = await session.exportModel();
      download(
        new Blob([m.bytes], { type: 'application/octet-stream' }),
        `trained-${m.config.task}-step${m.step}.safetensors`,
      );
    } catch (error) {
      say(`The model could not be exported: ${error.message}`, 'error');
    }
  });
  for (const button of openButtons)
    button.addEventListener('click', async () => {
      const attn = core();
      try {
        session.pause(); // the model opened is the one of the step shown
        const m = await session.exportModel();
        const model = attn.loadTransformer(m.bytes);
        const name = `${m.config.task}, ${m.config.layers} layers × ${m.config.heads} heads, step ${m.step}`;
        openTrained({ model, tokens: m.tokens, name, ...selected, view: button.dataset.open });
      } catch (error) {
        say(`The model could not be opened: ${error.message}`, 'error');
      }
    });

  return {
    render(state) {
      const active = state.mode === 'train';
      page.classList.toggle('ap-train-active', active);
      panel.hidden = !active;
      if (!active) return false;
      task.value = state.task;
      help.textContent = TASK_HELP[state.task];
      const wanted = trainerOptions(state);
      problems = wanted.problems;
      session ??= createTrainSession(queueDraw);
      if (wanted.key !== optionsKey) {
        optionsKey = wanted.key;
        selected = { layer: 0, head: 0 };
        session.reset(wanted.options);
      }
      say(`Train mode: the ${state.task} task, computed in a Web Worker by the same C++ engine.`);
      draw();
      return true;
    },
  };
}
