// md-palette: restores the reader's light/dark choice before the page paints (Material's inline
// palette script, moved into a file so the site needs no inline script).
(function () {
  var palette = window.__md_get && window.__md_get('__palette');
  if (palette && typeof palette.color === 'object') {
    for (var key of Object.keys(palette.color)) document.body.setAttribute('data-md-color-' + key, palette.color[key]);
  }
})();
