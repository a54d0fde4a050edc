// timeline-ui: the page's step-by-step controls beyond its buttons. The timeline bar stays at
// the top of the window while the steps play (style.css), and its height is published as
// --ap-sticky-top so the steps' stage fits below it (views.css). The keys (shared/timeline-keys.js)
// work while the steps view is shown, with the focus on the timeline bar, in the steps view or
// nowhere.
import { bindTimelineKeys } from '../shared/timeline-keys.js';

/** page: the page element; timeline: createTimeline()'s object; isShown(): the steps view is shown. */
export function bindTimelineUi(page, timeline, isShown) {
  const bar = page.querySelector('#timeline');
  const publish = () =>
    document.documentElement.style.setProperty('--ap-sticky-top', `${bar.hidden ? 0 : bar.offsetHeight}px`);
  if (typeof ResizeObserver === 'function') new ResizeObserver(publish).observe(bar);
  bindTimelineKeys(document, timeline, {
    isShown,
    inside: (node) => node === document.body || Boolean(node.closest?.('#timeline, .ap-steps')),
  });
}
