// timeline-keys: the step-by-step keyboard shortcuts the page and the widget share. While the
// steps are shown: Space plays or pauses, ← and → step back and forward, Home and End go to the
// first and last step — except where the key already means something: a text field, a select,
// the matrix grid, a dialog, a chip group's arrows (handled first, defaultPrevented), the tabs'
// arrows, and Space on a button (it presses the button).

/**
 * target: where keydown events are heard (document, or a widget's frame); timeline: from
 * createTimeline(); isShown(): the steps view is shown; inside(node): the key's target is in a
 * part of the page the shortcuts belong to.
 */
export function bindTimelineKeys(target, timeline, { isShown, inside = () => true }) {
  target.addEventListener('keydown', (event) => {
    if (event.defaultPrevented || !isShown() || event.altKey || event.ctrlKey || event.metaKey) return;
    const node = event.composedPath?.()[0] ?? event.target;
    if (node.closest?.('input, select, textarea, [contenteditable], [role=grid], [role=dialog]')) return;
    if (!inside(node)) return;
    const onButton = Boolean(node.closest?.('button, [role=button], .ap-score-row'));
    const actions = {
      ' ': onButton ? null : () => timeline.toggle(),
      ArrowLeft: () => timeline.prev(),
      ArrowRight: () => timeline.next(),
      Home: () => timeline.seek(0),
      End: () => timeline.seek(timeline.length - 1),
    };
    // Arrows on a tab move between tabs (the page's controls.js).
    if (event.key.startsWith('Arrow') && node.closest?.('[role=tablist]')) return;
    const act = actions[event.key];
    if (!act) return;
    event.preventDefault();
    act();
  });
}
