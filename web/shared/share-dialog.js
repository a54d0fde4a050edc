// share-dialog: the "Share / Embed" dialog of the playground page. Given a state (the table of
// shared/state.js) it offers three ready-to-paste snippets — a link, an iframe and the web
// component — each with a Copy button. shareSnippets() is the pure part (also used by tests);
// openShareDialog() shows them in a modal <dialog>. The snippets use the table's attribute
// names; values are validated by readState() and escaped for HTML, so a hostile sentence
// stays text.
//
//   import { openShareDialog } from '../shared/share-dialog.js';
//   button.onclick = () => openShareDialog(store.get(), { link: location.href, headNames: attn.headNames() });

import { DEFAULTS, readState, serializeHash, writeState } from './state.js';

const SITE = new URL('../', import.meta.url);
const DIALOG_CSS = new URL('./share-dialog.css', import.meta.url).href;

// Settings a host page decides (its look and size), not part of what is shown.
const HOST_ONLY = ['controls', 'theme', 'height'];

/** Escapes text for use inside a double-quoted HTML attribute or element content. */
export function escapeHtml(text) {
  return String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * state: a (partial) state of shared/state.js; invalid values are dropped. options.siteUrl: the
 * folder holding index.html, embed.html and attention-playground.js (default: this site);
 * options.headNames: the core's head names (attn.headNames()), to write heads by name.
 * -> {link, iframe (with the sizing helper's script), element, settings: [attribute, value][],
 *     note: where the files load from and what a host on another site needs}
 */
export function shareSnippets(state, { siteUrl = SITE, headNames = [] } = {}) {
  const named = { ...DEFAULTS, ...state };
  named.heads = named.heads.map((h) => headNames[h] ?? h);
  // Through the attribute names and back: whatever readState refuses is left out.
  const attributes = new Map(writeState(named, 'attr'));
  const clean = readState((name) => attributes.get(name) ?? null, 'attr').state;
  const pairs = writeState(clean, 'attr', ['text', 'mode']).filter(([name]) => !HOST_ONLY.includes(name));
  const query = new URLSearchParams(pairs).toString();
  const site = new URL(siteUrl);
  const link = new URL(`index.html${serializeHash(clean)}`, site).href;
  const embedUrl = new URL(`embed.html?${query}`, site).href;
  const script = new URL('attention-playground.js', site).href;
  const sizer = new URL('widget/iframe-host.js', site).href;
  const title = `Attention playground: ${clean.text.slice(0, 80)}`;
  // The iframe sizes itself through the height message: the helper is a classic script (no
  // module), so it loads from another origin without CORS.
  const iframe = `<iframe src="${escapeHtml(embedUrl)}" title="${escapeHtml(title)}" width="100%" height="520" style="border:0" loading="lazy"></iframe>\n<script src="${escapeHtml(sizer)}" defer></script>`;
  const element = `<script type="module" src="${escapeHtml(script)}"></script>\n<attention-playground${pairs
    .map(([name, value]) => ` ${name}="${escapeHtml(value)}"`)
    .join('')}></attention-playground>`;
  const note = `These snippets load the files from ${site.origin}${site.pathname}. The iframe works from any site. The web component loads scripts and WebAssembly across sites, so that server must send Access-Control-Allow-Origin (npm start's server and GitHub Pages do); if yours does not, copy the site's files (dist/) beside your page and write the paths relative to it (src="attention-playground/attention-playground.js").`;
  return { link, iframe, element, settings: pairs, note };
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
 * Shows the Share / Embed dialog for this state (see shareSnippets) as a modal. options:
 * {siteUrl, headNames, link} (link: a page URL to offer instead of the generated one). Returns
 * the <dialog>; it removes itself when closed.
 */
export function openShareDialog(state, options = {}) {
  ensureStyles();
  const snippets = shareSnippets(state, options);
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
  dialog.append(make('p', { className: 'ap-share-note', textContent: snippets.note }));
  dialog.append(make('div', { className: 'ap-share-actions' }, [close]));
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  if (typeof dialog.showModal === 'function') dialog.showModal();
  else dialog.setAttribute('open', '');
  return dialog;
}
