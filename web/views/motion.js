// motion: the one switch every view's animation goes through. Under prefers-reduced-motion
// nothing moves (the end state is drawn at once, the same as with motion); otherwise animate()
// is the Web Animations API, which interpolates only what it is given (positions, scales,
// opacity): the numbers a view prints are the core's, never in-between values.

const query = typeof matchMedia === 'function' ? matchMedia('(prefers-reduced-motion: reduce)') : null;

/** True when the person asked for less motion (read live: the setting can change). */
export const reducedMotion = () => Boolean(query?.matches);

/** node.animate(keyframes, options), or nothing under reduced motion. -> Animation | null */
export function animate(node, keyframes, options) {
  if (reducedMotion() || typeof node.animate !== 'function') return null;
  return node.animate(keyframes, options);
}
