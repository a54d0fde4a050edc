// train-mode: main.js's hook for the Train mode (issue 19). The panel and its views are loaded
// the first time mode=train is shown (app/train-panel.js, a separate module), so the page's own
// bundle does not grow; until then the hand-built parts are hidden and a line says it is loading.

import { readLocation } from '../shared/state.js';

/**
 * page, store: main.js's; deps: { core, openTrained, say, redraw } (redraw: render again once
 * the panel has loaded) -> { render(state) -> true when the Train mode is shown }. The panel also
 * gets urlProblems(): what was wrong with the address's settings.
 */
export function createTrainMode(page, store, deps) {
  let panel = null;
  let loading = null;
  // The URL's problems are read now, before the page rewrites its address with the clean state.
  let problems = readLocation(location.search, location.hash).problems;
  window.addEventListener('hashchange', () => (problems = readLocation(location.search, location.hash).problems));
  return {
    render(state) {
      if (panel) return panel.render(state);
      const active = state.mode === 'train';
      page.classList.toggle('ap-train-active', active);
      if (!active) return false;
      if (!loading) {
        const link = document.createElement('link');
        link.rel = 'stylesheet';
        link.href = new URL('../views/train-view.css', import.meta.url).href;
        document.head.append(link);
      }
      loading ??= import('./train-panel.js').then(
        ({ createTrainPanel }) => {
          panel = createTrainPanel(page, store, { ...deps, urlProblems: () => problems });
          deps.redraw();
        },
        (error) => deps.say(`The Train mode could not be loaded: ${error.message}`, 'error'),
      );
      deps.say('Loading the Train mode…');
      return true;
    },
  };
}
