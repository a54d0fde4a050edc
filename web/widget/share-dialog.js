// share-dialog: the "Share / Embed" dialog of the playground page. Given the current settings
// it offers three ready-to-paste snippets — a link, an iframe and the web component — each with
// a Copy button. shareSnippets() is the pure part (also used by tests); openShareDialog() shows
// them in a modal <dialog>. Settings use the widget's attribute names (see state.js); values
// are validated by readState() and escaped for HTML, so a hostile sentence stays text.
//
//   import { openShareDialog, settingsFromPageState } from '../widget/share-dialog.js';
//   button.onclick = () => openShareDialog(settingsFromPageState(store.get()), { link: location.href });

import { changedSettings, pageHash, readState, settingsFromPageState } from './state.js';

export { settingsFromPageState };

const SITE = new URL('../', import.meta.url);
const DIALOG_CSS = new URL('./share-dialog.css', import.meta.url).href;

/** Escapes text for use inside a double-quoted HTML attribute or element content. */
export function escapeHtml(text) {
  return String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * settings: {sentence, source, lang, 'source-lang', mode, head, view, step, focus, ...} (strings
 * or numbers; unknown or invalid values are dropped). options.siteUrl: the folder holding
 * index.html, embed.html and attention-playground.js (default: where this file is served from).
 * -> {link, iframe, element, settings: [name, value][]}
 */
export function shareSnippets(settings, { siteUrl = SITE } = {}) {
  const get = (name) => (settings?.[name] === undefined || settings[name] === null ? null : String(settings[name]));
  const { state } = readState(get);
  const pairs = changedSettings(state, ['sentence', 'mode']).filter(
    ([name]) => name !== 'controls' && name !== 'theme' && name !== 'height',
  );
  const query = new URLSearchParams(pairs).toString();
  const site = new URL(siteUrl);
  const link = new URL(`index.html${pageHash(state)}`, site).href;
  const embedUrl = new URL(`embed.html?${query}`, site).href;
  const script = new URL('attention-playground.js', site).href;
  const title = `Attention playground: ${state.sentence.slice(0, 80)}`;
  const iframe = `<iframe src="${escapeHtml(embedUrl)}" title="${escapeHtml(title)}" width="100%" height="520" style="border:0" loading="lazy"></iframe>`;
  const attributes = pairs.map(([name, value]) => ` ${name}="${escapeHtml(value)}"`).join('');
  const element = `<script type="module" src="${escapeHtml(script)}"></script>\n<attention-playground${attributes}></attention-playground>`;
  return { link, iframe, element, settings: pairs };
}

function make(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  Object.assign(node, props);
  node.append(...children);
  return node;
}

async function copy(text, field, button) {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // Clipboard access may be denied (no permission, not a secure context): select the text
    // so the reader can copy it by hand.
    field.focus();
    field.select();
    button.textContent = 'Press Ctrl+C';
    return;
  }
  button.textContent = 'Copied';
  setTimeout(() => (button.textContent = 'Copy'), 1500);
}

function ensureStyles() {
  if (document.querySelector(`link[data-ap-share]`)) return;
  const link = make('link', { rel: 'stylesheet', href: DIALOG_CSS });
  link.dataset.apShare = '';
  document.head.append(link);
}

/**
 * Shows the Share / Embed dialog for these settings (see shareSnippets) as a modal. options:
 * {siteUrl, link} (link: a page URL to offer instead of the generated one). Returns the
 * <dialog>; it removes itself when closed.
 */
export function openShareDialog(settings, options = {}) {
  ensureStyles();
  const snippets = shareSnippets(settings, options);
  const link = options.link ?? snippets.link;
  const rows = [
    ['Link to this view', link, 'A link to the playground showing exactly this.', 'link'],
    ['iframe (for pages that only allow iframes)', snippets.iframe, 'Paste into any HTML page.', 'iframe'],
    [
      'Web component (script + element)',
      snippets.element,
      'Load the script once per page; repeat the element for each example.',
      'element',
    ],
  ];
  const dialog = make('dialog', { className: 'ap-share' });
  dialog.setAttribute('aria-labelledby', 'ap-share-title');
  const close = make('button', { type: 'button', className: 'ap-share-close', textContent: 'Close' });
  close.addEventListener('click', () => dialog.close());
  dialog.append(make('h2', { id: 'ap-share-title', textContent: 'Share / Embed' }));
  for (const [label, text, hint, kind] of rows) {
    const field = make(kind === 'link' ? 'input' : 'textarea', {
      readOnly: true,
      value: text,
      className: 'ap-share-field',
      spellcheck: false,
    });
    if (kind !== 'link') field.rows = 4;
    field.dataset.snippet = kind;
    field.setAttribute('aria-label', label);
    const button = make('button', { type: 'button', textContent: 'Copy', className: 'ap-share-copy' });
    button.addEventListener('click', () => copy(text, field, button));
    field.addEventListener('focus', () => field.select());
    dialog.append(
      make('section', { className: 'ap-share-row' }, [
        make('h3', { textContent: label }),
        make('p', { textContent: hint }),
        make('div', { className: 'ap-share-line' }, [field, button]),
      ]),
    );
  }
  dialog.append(make('div', { className: 'ap-share-actions' }, [close]));
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  if (typeof dialog.showModal === 'function') dialog.showModal();
  else dialog.setAttribute('open', '');
  return dialog;
}
