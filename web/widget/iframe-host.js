// iframe-host: an optional helper for pages that embed embed.html in iframes and may run a
// script. It listens for the iframe page's height messages and sizes each iframe to fit, so no
// scroll bar or empty space appears. It only trusts messages whose source is one of the page's
// own iframes, and only reads a finite, bounded number from them.
//
//   <script type="module" src="https://your.site/attention-playground/widget/iframe-host.js"></script>

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
