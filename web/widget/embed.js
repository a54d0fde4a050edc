// embed: the script of embed.html, the iframe page for hosts that only allow iframes. It
// copies the page's URL parameters (the attribute names of shared/state.js's table) onto one
// <attention-playground> element, tells the parent window its height, and accepts settings
// from the parent in one documented message shape. Values are only ever set as attributes,
// so the element validates them exactly as it validates attributes written in HTML.
//
// Messages (window.postMessage), documented in the README:
//   iframe -> parent: {type: 'attention-playground:height', height: <CSS px, integer>}
//     sent after the widget renders and whenever its height changes.
//   parent -> iframe: {type: 'attention-playground:set', settings: {mode: 'causal', ...}}
//     settings: a plain object whose keys are setting names (sentence, mode, head, ...) and
//     values strings or numbers; anything else (other shapes, other keys) is ignored.
//   parent -> iframe: {type: 'attention-playground:get-height'} -> replies with a height message.

import { defineAttentionPlayground } from './element.js';
import { ATTRIBUTES, MAX_SENTENCE_CHARS, PROPS } from '../shared/state.js';

export const HEIGHT_MESSAGE = 'attention-playground:height';
export const SET_MESSAGE = 'attention-playground:set';
export const GET_HEIGHT_MESSAGE = 'attention-playground:get-height';

defineAttentionPlayground();

const widget = document.createElement('attention-playground');
const params = new URLSearchParams(location.search);
for (const prop of PROPS) {
  // Either name of a setting (the widget's sentence / head / focus, or the page's text / heads
  // / token), as the page reads its own URL: one format everywhere. URL parameters of any
  // length are read, but the element shortens overlong text itself.
  const name = [prop.attr, prop.url].find((n) => n && params.has(n));
  if (prop.attr && name) widget.setAttribute(prop.attr, params.get(name));
}
document.body.append(widget);

// The height is reported to whoever embeds us; it is not a secret, so any origin may hear it.
let lastHeight = -1;
function reportHeight(force = false) {
  const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
  if (!force && height === lastHeight) return;
  lastHeight = height;
  if (window.parent !== window) window.parent.postMessage({ type: HEIGHT_MESSAGE, height }, '*');
  document.documentElement.dataset.reportedHeight = String(height);
}
new ResizeObserver(() => reportHeight()).observe(document.documentElement);
widget.addEventListener('attention-playground:render', () => reportHeight());

/** Returns the settings of a valid set message as [name, string] pairs, or null. */
export function settingsFromMessage(data) {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return null;
  if (data.type === GET_HEIGHT_MESSAGE) return [];
  if (data.type !== SET_MESSAGE) return null;
  const settings = data.settings;
  if (settings === null || typeof settings !== 'object' || Array.isArray(settings)) return null;
  const pairs = [];
  for (const [name, value] of Object.entries(settings)) {
    if (!ATTRIBUTES.includes(name)) return null;
    if (typeof value === 'number' && Number.isFinite(value)) pairs.push([name, String(value)]);
    else if (typeof value === 'string' && value.length <= 4 * MAX_SENTENCE_CHARS) pairs.push([name, value]);
    else return null;
  }
  return pairs;
}

window.addEventListener('message', (event) => {
  // Only our parent may configure us; messages from elsewhere (other frames, ourselves) are ignored.
  if (event.source !== window.parent || window.parent === window) return;
  const pairs = settingsFromMessage(event.data);
  if (pairs === null) return;
  if (pairs.length === 0) reportHeight(true);
  for (const [name, value] of pairs) widget.setAttribute(name, value);
});
