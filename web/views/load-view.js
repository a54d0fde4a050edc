// load-view: loads a view module on demand, for the widget (a tutorial page that shows one
// heat map should not download the step-by-step view). The page bundles every view instead.

const VIEW_MODULES = {
  matrix: ['matrix-view.js', 'createMatrixView'],
  lines: ['lines-view.js', 'createLinesView'],
  strip: ['strip-view.js', 'createStripView'],
  steps: ['steps-view.js', 'createStepsView'],
  multihead: ['multihead-view.js', 'createMultiheadView'],
  headgrid: ['head-grid.js', 'createHeadGrid'], // issue 17: a model's layers × heads
};

/** URL of the views' stylesheet, for a <link> inside a shadow root. */
export const VIEWS_CSS = new URL('./views.css', import.meta.url).href;

/** kind: a view name -> its factory (each module loads once; the browser caches it). */
export async function loadViewFactory(kind) {
  const [file, name] = VIEW_MODULES[kind];
  const module = await import(new URL(`./${file}`, import.meta.url).href);
  return module[name];
}
