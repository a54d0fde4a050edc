// chip-keys: keyboard movement inside the page's and the widget's groups of chips and tabs (the ARIA roving
// tabindex pattern): each group is one Tab stop; arrow keys move between its buttons, Home and
// End go to the first and last. A group decides what a move does (onMove), e.g. the word chips
// focus the word they land on, and the tabs activate the tab.

const NEXT = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };

/**
 * group: the element holding the buttons; selector: which children take part; onMove(button):
 * called after focus moved to button (optional). The tabindex of the buttons is the caller's
 * (rovingTabindex below sets it); moving also makes the new button the group's Tab stop.
 */
export function bindArrowKeys(group, selector, onMove = null) {
  group.addEventListener('keydown', (event) => {
    const items = [...group.querySelectorAll(selector)].filter((b) => !b.hidden && !b.disabled);
    const i = items.indexOf(event.target.closest?.(selector));
    if (i < 0 || event.altKey || event.ctrlKey || event.metaKey) return;
    let next = -1;
    if (event.key in NEXT) next = (i + NEXT[event.key] + items.length) % items.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = items.length - 1;
    if (next < 0) return;
    event.preventDefault();
    rovingTabindex(items, next);
    items[next].focus();
    onMove?.(items[next]);
  });
}

/** Makes items[current] the only one reachable with Tab (tabindex 0), the others -1. */
export function rovingTabindex(items, current) {
  items.forEach((item, i) => {
    const value = i === current ? '0' : '-1';
    if (item.getAttribute('tabindex') !== value) item.setAttribute('tabindex', value);
  });
}
