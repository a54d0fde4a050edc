// theme: light, dark or the system's choice. It only toggles a class on the page root; every
// colour is a CSS custom property in shared/theme.css, which the widget's frame uses the same way.

const media = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null;

/** Applies theme ('auto' | 'light' | 'dark') to root; returns the effective 'light' | 'dark'. */
export function applyTheme(root, theme) {
  const dark = theme === 'dark' || (theme === 'auto' && Boolean(media?.matches));
  root.classList.toggle('ap-theme-dark', dark);
  root.classList.toggle('ap-theme-light', !dark);
  return dark ? 'dark' : 'light';
}

/** Calls fn when the system theme changes (matters only while the theme is 'auto'). */
export function onSystemThemeChange(fn) {
  media?.addEventListener('change', fn);
}

export const prefersReducedMotion = () =>
  typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
