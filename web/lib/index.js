// attention-playground: the one JS API shared by the page, the widget, Node users and tests.
//
//   import { loadAttention } from 'attention-playground';
//   const attn = await loadAttention();        // Node 20 or a browser; loads the wasm once
//   attn.softmax([1, 2, 3]);                    // Float32Array computed by the C++ core
//
// Every method copies its results out of wasm memory into plain objects and typed arrays,
// and throws an AttentionError with the core's message on bad input; the module keeps working.

import { AttentionError } from './errors.js';
import { hasWasmSimd, loadModule } from './load-module.js';
import { moduleApi } from './api-module.js';

export { AttentionError, hasWasmSimd };

const apis = new Map();

/**
 * Loads the attention core and returns its API. Several callers share one instance.
 * options.baseUrl: folder with attention_core.{mjs,wasm} and assets/ (default: this file's folder).
 * options.simd: true | false | 'auto' (default: use WebAssembly SIMD when the engine has it).
 */
export async function loadAttention(options = {}) {
  const core = await loadModule(options);
  if (!apis.has(core)) {
    const api = Object.freeze({ ...moduleApi(core) });
    warmUp(api);
    apis.set(core, api);
  }
  return apis.get(core);
}

// V8 tiers up wasm functions that are called repeatedly; one short burst after loading
// keeps the first user-visible call from paying for it.
function warmUp(api) {
  const scores = new Float32Array(64).map((_, i) => Math.sin(i));
  for (let i = 0; i < 32; ++i) api.softmax(scores);
}
