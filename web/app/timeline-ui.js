// timeline-ui: the page's step-by-step controls beyond its buttons. The timeline bar stays at
// the top of the window while the steps play (style.css), and its height is published as
// --ap-sticky-top so the steps' stage fits below it (views.css). Keys, while the steps view is
// shown: Space plays or pauses, ← and → step back and forward, Home and End go to the first and
// last step — with the focus on the timeline bar, in the steps view or nowhere, except on the
// step slider (its own keys move it), a select, or a button (Space presses it).

/** page: the page element; timeline: createTimeline()'s object; isShown(): the steps view is shown. */
export function bindTimelineUi(page, timeline, isShown) {
  const bar = page.querySelector('#timeline');
  const publish = () =>
    document.documentElement.style.setProperty('--ap-sticky-top', `${bar.hidden ? 0 : bar.offsetHeight}px`);
  if (typeof ResizeObserver === 'function') new ResizeObserver(publish).observe(bar);

  document.addEventListener('keydown', (event) => {
    if (!isShown() || event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.target;
    if (target.closest?.('input, select, textarea, [contenteditable], [role=grid], [role=dialog]')) return;
    const inside = target === document.body || Boolean(target.closest?.('#timeline, .ap-steps'));
    if (!inside) return;
    const onButton = Boolean(target.closest?.('button, [role=button], .ap-score-row'));
    const actions = {
      ' ': onButton ? null : () => timeline.toggle(),
      ArrowLeft: () => timeline.prev(),
      ArrowRight: () => timeline.next(),
      Home: () => timeline.seek(0),
      End: () => timeline.seek(timeline.length - 1),
    };
    // Arrows on a tab move between tabs (controls.js); only the timeline and the views use them here.
    if (event.key.startsWith('Arrow') && target.closest?.('[role=tablist]')) return;
    const act = actions[event.key];
    if (!act) return;
    event.preventDefault();
    act();
  });
}
