// main: the playground page. Loads the core through the public JS API and shows its results.
import { loadAttention } from '../lib/index.js';

const status = document.getElementById('status');
const scores = document.getElementById('scores');
const weights = document.getElementById('weights');

function showError(element, message) {
  element.textContent = message;
  element.classList.add('error');
}

try {
  const attn = await loadAttention();
  const info = attn.buildInfo();
  status.textContent = `Attention core ${info.version} loaded (${info.kernels} kernels).`;
  const update = () => {
    const values = scores.value.split(',').map((s) => s.trim()).filter(Boolean).map(Number);
    try {
      const w = attn.softmax(values);
      weights.classList.remove('error');
      weights.textContent = Array.from(w, (x) => `${(100 * x).toFixed(1)}%`).join('  ');
    } catch (error) {
      showError(weights, error.message);
    }
  };
  scores.addEventListener('input', () => requestAnimationFrame(update));
  update();
} catch (error) {
  showError(status, `The attention core could not be loaded: ${error.message}`);
}
