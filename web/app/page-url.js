// page-url: the address the page shows for a state. Settings given in the query
// (index.html?sentence=…&head=…, the widget's names) are read once by parseLocation and then
// live in the hash, so the query keeps only parameters that are not settings: the address bar
// never holds two disagreeing copies of a setting.

import { isSettingName } from '../shared/state.js';

/** location: {pathname, search}; hash: serializeHash(state) ('' for defaults) -> a relative URL. */
export function pageUrl(location, hash) {
  const query = new URLSearchParams(location.search);
  for (const name of [...query.keys()]) if (isSettingName(name)) query.delete(name);
  const rest = query.toString();
  return `${location.pathname}${rest ? `?${rest}` : ''}${hash}`;
}
