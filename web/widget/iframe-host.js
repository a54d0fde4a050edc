// iframe-host: the small helper that sizes embed.html iframes to their content. embed.html
// posts {type: 'attention-playground:height', height} to its parent whenever its height
// changes; this listens for those messages and sets the height of the iframe that sent it, so
// no scroll bar or empty space appears. It only trusts messages whose source is one of the
// page's own iframes, and only reads a finite, bounded number from them. A classic script (no
// import or export, its names in a block), so it loads from another site without CORS and may
// be included more than once:
//
//   <script src="https://your.site/attention-playground/widget/iframe-host.js" defer></script>
{
  const HEIGHT_MESSAGE = 'attention-playground:height';
  window.addEventListener('message', (event) => {
    const data = event.data;
    if (data === null || typeof data !== 'object' || data.type !== HEIGHT_MESSAGE) return;
    const height = Number(data.height);
    if (!Number.isFinite(height) || height < 0 || height > 20000) return;
    for (const frame of document.querySelectorAll('iframe')) {
      if (frame.contentWindow === event.source) frame.style.height = `${Math.ceil(height)}px`;
    }
  });
}
