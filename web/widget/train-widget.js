// train-widget: the <attention-playground mode="train"> part (issue 19). The element hands over its
// body: the widget's attributes (task, layers, heads-per-layer, embed, attention-only, lr, batch,
// seed; shared/state.js) say what to train, Play / Pause / Step / Reset drive a training worker of
// its own (shared/train-session.js), and views/train-view.js draws it, as on the page. Nothing
// trains until the reader presses Play; disconnecting the widget stops its worker. It computes
// nothing: the worker does.

import { el } from '../shared/dom.js';
import { trainerOptions } from '../shared/train-settings.js';
import { createTrainSession } from '../shared/train-session.js';
import { createTrainView } from '../views/train-view.js';

const CSS = new URL('../views/train-view.css', import.meta.url).href;

/**
 * parts: { box(): a fresh body element, say(lines), label(title, subtitle, footnote),
 * rendered(kind) } -> { render(state, problems), destroy() }
 */
export function createTrainWidget(parts) {
  let session = null;
  let key = null;
  let view = null;
  let nodes = null;
  let problems = [];
  let selected = { layer: 0, head: 0 };
  let frame = 0;
  let said = null;

  function build() {
    const box = parts.box();
    const play = el('button', { type: 'button', class: 'ap-train-play', 'aria-pressed': 'false' }, '▶ Play');
    const step = el('button', { type: 'button' }, 'Step');
    const reset = el('button', { type: 'button' }, 'Reset');
    play.addEventListener('click', () => (session.snapshot().playing ? session.pause() : session.play()));
    step.addEventListener('click', () => session.step(1));
    reset.addEventListener('click', () => session.reset(trainerOptions(nodes.state).options));
    const body = el('div', { class: 'apw-train' });
    box.append(
      el('link', { rel: 'stylesheet', href: CSS }),
      el('div', { class: 'ap-train-buttons', role: 'group', 'aria-label': 'Training' }, play, step, reset),
      body,
    );
    view = createTrainView(body, { onSelect: (at) => ((selected = at), draw()) });
    nodes = { play, step, reset, box, state: null };
  }

  function draw() {
    frame = 0;
    if (!session || !nodes) return;
    const s = session.snapshot();
    nodes.play.textContent = s.playing ? '❚❚ Pause' : '▶ Play';
    nodes.play.setAttribute('aria-pressed', String(s.playing));
    nodes.play.disabled = nodes.step.disabled = s.status !== 'ready';
    nodes.box.dataset.status = s.status;
    nodes.box.dataset.playing = String(s.playing);
    nodes.box.dataset.workerPlaying = String(s.workerPlaying);
    // The messages are a live region: rewritten only when they change, not on every report.
    const lines = s.error ? [...problems, `Training stopped: ${s.error}`] : problems;
    if (lines.join('\n') !== said) {
      said = lines.join('\n');
      parts.say(lines);
    }
    if (s.config)
      parts.label(
        'Train a transformer',
        `${s.config.task}: ${s.config.layers} layer${s.config.layers === 1 ? '' : 's'} × ${s.config.heads} heads, ${s.config.embedDim} wide${s.config.attentionOnly ? ', attention only' : ''}`,
        'Trained in your browser by the C++ engine in a Web Worker; press Play and watch the heads.',
      );
    view.update(s, selected);
    parts.rendered('train');
  }

  return {
    render(state, stateProblems) {
      if (!nodes) build();
      nodes.state = state;
      const wanted = trainerOptions(state);
      problems = [...stateProblems, ...wanted.problems];
      session ??= createTrainSession(() => (frame ||= requestAnimationFrame(draw)));
      if (wanted.key !== key) {
        key = wanted.key;
        selected = { layer: 0, head: 0 };
        session.reset(wanted.options);
      }
      draw();
    },
    destroy() {
      cancelAnimationFrame(frame);
      session?.destroy();
      session = null;
      view?.destroy();
      nodes?.box.remove();
      nodes = null;
      key = null;
    },
  };
}
