// svg-shell: the frame the lines and strip views share — a caption, a scrolling holder for the
// SVG picture and a polite live region — and the {update, svg, destroy} object they return.
// The view supplies render(data) -> its SVG (or null) and what to do around a redraw.

import { el, clear, update } from '../shared/dom.js';

/**
 * container: the element to draw into; className: the view's class ('ap-lines');
 * draw: {render(data, holder) -> svg | null, before?(data, shell) -> memo, after?(data, svg, memo, shell)}
 * -> {shell: {root, holder, live}, view: {update(data), svg(), destroy()}}
 */
export function createSvgShell(container, className, draw) {
  const root = el('div', { class: `ap-view ${className}` });
  const caption = el('div', { class: 'ap-view-title' });
  const holder = el('div', { class: 'ap-scroll' });
  const live = el('div', { class: 'ap-sr-only', 'aria-live': 'polite' });
  // Why the head has nothing to do on the focused word, when it has not (data.quiet).
  const quietNote = el('p', { class: 'ap-quiet-note', hidden: true });
  root.append(caption, holder, quietNote, live);
  container.append(root);
  const shell = { root, holder, live };
  let svg = null;
  const view = {
    update(data) {
      update(caption, { text: data.title ?? '', hidden: !data.title });
      const memo = draw.before?.(data, shell);
      clear(holder);
      svg = draw.render(data);
      if (svg) holder.append(svg);
      draw.after?.(data, svg, memo, shell);
      const reason = data.quiet?.reasons[data.focus?.row ?? 0] ?? '';
      update(quietNote, { text: reason ? `∅ Nothing here: ${reason}` : '', hidden: !reason });
    },
    svg: () => svg,
    destroy() {
      root.remove();
    },
  };
  return { shell, view };
}
