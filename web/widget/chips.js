// chips: a labelled group of toggle buttons for the widget's controls (the head picker and the
// word in focus), as the page's head and word chips: one Tab stop per group, arrow keys, Home
// and End move inside it (shared/chip-keys.js, the page's own code), Enter, Space or a click
// picks. Buttons are reused and only what changed is written, so a focused chip keeps focus.
import { bindArrowKeys, rovingTabindex } from '../shared/chip-keys.js';

/**
 * label: the group's visible and accessible name; onPick(index, how): 'move' (arrow keys) or
 * 'click'; moveFocus: whether an arrow move also picks (the words do, as the page's chips).
 * -> {node, update(items: [{text, title?, label?}], pressed: index), destroy()}
 */
export function createChips(label, { onPick, moveFocus = false }) {
  const group = document.createElement('span');
  group.className = 'apw-control apw-chips';
  group.setAttribute('role', 'group');
  group.setAttribute('aria-label', label);
  const name = document.createElement('span');
  name.textContent = label;
  name.setAttribute('aria-hidden', 'true');
  const list = document.createElement('span');
  list.className = 'apw-chip-list';
  group.append(name, list);
  bindArrowKeys(list, 'button', moveFocus ? (chip) => onPick(Number(chip.dataset.index), 'move') : null);
  list.addEventListener('click', (event) => {
    const chip = event.target.closest('button');
    if (chip) onPick(Number(chip.dataset.index), 'click');
  });
  const write = (node, key, value) => {
    if (node.getAttribute(key) !== value) node.setAttribute(key, value);
  };

  return {
    node: group,
    update(items, pressed) {
      while (list.children.length > items.length) list.lastElementChild.remove();
      while (list.children.length < items.length) {
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'apw-chip';
        list.append(button);
      }
      items.forEach((item, i) => {
        const button = list.children[i];
        if (button.textContent !== item.text) button.textContent = item.text;
        write(button, 'data-index', String(i));
        write(button, 'aria-pressed', String(i === pressed));
        write(button, 'aria-label', item.label ?? item.text);
        if (item.title) write(button, 'title', item.title);
      });
      rovingTabindex([...list.children], Math.max(0, Math.min(pressed, items.length - 1)));
    },
  };
}
