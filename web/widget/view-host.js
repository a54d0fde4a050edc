// view-host: puts one of the playground's own views (web/app/views/, shared with the page)
// into a widget and feeds it slices of an analysis. It only picks the view module and shapes
// its input; the views draw, the core computes, and this file does neither.

import { STEPS } from '../app/timeline.js';

/** The walkthrough's steps (the page's declarative timeline), for the widget's step buttons. */
export const STEP_TITLES = STEPS.map((step) => step.title);

const VIEW_MODULES = {
  matrix: ['matrix-view.js', 'createMatrixView'],
  lines: ['lines-view.js', 'createLinesView'],
  strip: ['strip-view.js', 'createStripView'],
  steps: ['steps-view.js', 'createStepsView'],
  multihead: ['multihead-view.js', 'createMultiheadView'],
};

const VIEWS_BASE = new URL('../app/views/', import.meta.url);

/** URL of the views' stylesheet, for a <link> inside a shadow root. */
export const VIEWS_CSS = new URL('views.css', VIEWS_BASE).href;

/** kind: a VIEW_MODULES key -> the view's factory (modules load once and are cached by the browser). */
export async function loadViewFactory(kind) {
  const [file, name] = VIEW_MODULES[kind];
  const module = await import(new URL(file, VIEWS_BASE).href);
  if (typeof module[name] !== 'function') throw new Error(`the view module ${file} has no ${name}()`);
  return module[name];
}

/**
 * The data a view of this kind takes (see /tmp/views-api.md, "The data the views take").
 * ctx: {analysis, headIndex, focus: {row, col}, step, selected: number[], explain}
 */
export function viewData(kind, ctx) {
  const { analysis: a, headIndex, focus, step, selected, explain } = ctx;
  const head = a.heads[headIndex];
  const title = ''; // the widget's own header already names the head
  switch (kind) {
    case 'matrix':
      return {
        rows: a.tokens,
        cols: a.sourceTokens,
        weights: head.weights,
        mask: head.mask ?? null,
        focus: focus.row === null ? null : focus,
        pinned: false,
        title,
      };
    case 'lines':
    case 'strip':
      return {
        rows: a.tokens,
        cols: a.sourceTokens,
        weights: head.weights,
        mask: head.mask ?? null,
        focus: { row: focus.row ?? 0 },
        title,
      };
    case 'steps':
      return { analysis: a, headIndex, focus: { row: focus.row ?? 0, col: focus.col ?? 0 }, step, explain };
    case 'multihead':
      return { analysis: a, selected, focus: { row: focus.row ?? 0 } };
    default:
      throw new Error(`unknown view ${kind}`);
  }
}
