// theme-sync: keeps the live examples in the tutorial's colour scheme. Material marks the page
// with data-md-color-scheme ("default" or "slate"); each <attention-playground> gets the matching
// theme attribute, and follows when the reader flips the toggle.
(function () {
  function sync() {
    var dark = document.body.getAttribute('data-md-color-scheme') === 'slate';
    document.querySelectorAll('attention-playground').forEach(function (widget) {
      widget.setAttribute('theme', dark ? 'dark' : 'light');
    });
  }
  sync();
  new MutationObserver(sync).observe(document.body, { attributes: true, attributeFilter: ['data-md-color-scheme'] });
})();
