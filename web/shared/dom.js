// dom: the two tiny element builders every view and control uses. Text always goes in through
// textContent (never parsed as markup), attributes through setAttribute, so whatever a person
// types stays text. Deliberately no templating, no diffing, no framework.

export const SVG_NS = 'http://www.w3.org/2000/svg';

function fill(node, attrs, children) {
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'text') node.textContent = String(value);
    else if (name === 'class') node.setAttribute('class', value);
    else if (name.startsWith('on') && typeof value === 'function') node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return node;
}

/** HTML element: el('button', {class: 'ap-x', 'aria-label': 'Play', onclick}, 'text', child...) */
export function el(tag, attrs, ...children) {
  return fill(document.createElement(tag), attrs, children);
}

/**
 * Rewrites node's text and attributes (same names as el(); no listeners) where they differ
 * from attrs, leaving the rest alone: a keystroke that changes one word then changes one node,
 * not every node of a list, so the browser restyles and lays out just that.
 */
export function update(node, attrs) {
  for (const [name, value] of Object.entries(attrs)) {
    if (name === 'text') {
      if (node.textContent !== String(value)) node.textContent = String(value);
    } else if (value === undefined || value === null || value === false) {
      if (node.hasAttribute(name)) node.removeAttribute(name);
    } else {
      const text = value === true ? '' : String(value);
      if (node.getAttribute(name) !== text) node.setAttribute(name, text);
    }
  }
  return node;
}

/** SVG element, same signature as el(). */
export function svgEl(tag, attrs, ...children) {
  return fill(document.createElementNS(SVG_NS, tag), attrs, children);
}

/** Removes every child of node. */
export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
}

/** "12.3%" for a weight in [0, 1]; the one place the page formats a percentage. */
export function percent(weight, digits = 1) {
  return `${(100 * weight).toFixed(digits)}%`;
}

/** Formats a core number for reading: 3 significant decimals, −∞ for a masked score. */
export function number(value, digits = 2) {
  if (value === -Infinity) return '−∞';
  if (!Number.isFinite(value)) return String(value);
  return value.toFixed(digits).replace('-', '−');
}

let measureContext = null;
const measuredWidths = new Map(); // `${font}\n${text}` -> px: views measure the same words on every keystroke
/** Width in px of text in the given CSS font (an offscreen canvas; works inside shadow roots). */
export function textWidth(text, font = '13px system-ui, sans-serif') {
  const key = `${font}\n${text}`;
  const known = measuredWidths.get(key);
  if (known !== undefined) return known;
  if (measuredWidths.size > 4096) measuredWidths.clear();
  if (!measureContext) {
    const canvas = typeof OffscreenCanvas === 'function' ? new OffscreenCanvas(1, 1) : document.createElement('canvas');
    measureContext = canvas.getContext('2d');
  }
  measureContext.font = font;
  const width = measureContext.measureText(text).width;
  measuredWidths.set(key, width);
  return width;
}

let uid = 0;
/** A document-unique id prefix for ids a view needs inside its own SVG (patterns, labels). */
export function uniqueId(prefix) {
  uid += 1;
  return `${prefix}-${uid}`;
}

/**
 * How to tell the reader to point at something: 'Tap' on touch screens without hover (a phone),
 * 'Hover over' where a pointer can hover, so no view asks a phone user to hover.
 */
export function pointVerb() {
  return globalThis.matchMedia?.('(hover: none)').matches ? 'Tap' : 'Hover over';
}
