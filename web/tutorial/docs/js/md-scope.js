// md-scope: Material for MkDocs' storage helpers (__md_scope, __md_get, __md_set), the same code
// the theme inlines in every page, moved into a file so the site needs no inline script (CSP).
(function () {
  var script = document.currentScript;
  window.__md_scope = new URL(script.getAttribute('data-md-scope'), location);
  window.__md_get = function (key, storage, scope) {
    storage = storage || localStorage;
    scope = scope || window.__md_scope;
    return JSON.parse(storage.getItem(scope.pathname + '.' + key));
  };
  window.__md_set = function (key, value, storage, scope) {
    storage = storage || localStorage;
    scope = scope || window.__md_scope;
    try {
      storage.setItem(scope.pathname + '.' + key, JSON.stringify(value));
    } catch (error) {
      // Storage may be full or disabled; the theme works without it.
    }
  };
})();
