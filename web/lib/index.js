// attention-playground: the one JS API shared by the page, the widget, Node users and tests.
//
//   import { loadAttention } from 'attention-playground';
//   const attn = await loadAttention();        // Node 20 or a browser; loads the wasm once
//   attn.softmax([1, 2, 3]);                    // Float32Array computed by the C++ core
//
// Every method copies its results out of wasm memory into plain objects and typed arrays,
// and throws an AttentionError with the core's message on bad input; the module keeps working.

import { AttentionError } from './errors.js';
import { hasWasmSimd, loadModule, readBytes } from './load-module.js';
import { moduleApi } from './api-module.js';
import { attentionApi } from './api-attention.js';
import { transformerApi } from './api-transformer.js';
import { checkpointApi } from './api-checkpoint.js';
import { importApi } from './api-import.js';
import { trainerApi } from './api-trainer.js';
import { textApi } from './api-text.js';
import { vectorsApi } from './api-vectors.js';
import { headsApi } from './api-heads.js';
import { learnedApi } from './api-learned.js';
import { ASSET_FILES } from './assets.js';

export { AttentionError, hasWasmSimd };

// Each area of the API is one module exporting a factory (core, context) -> {methods}, possibly
// async (to load its assets). Add an area by importing its factory and listing it here.
// The core factories need no assets: loadAttention({ assets: false }) gives just them.
const CORE_FACTORIES = [moduleApi, attentionApi, transformerApi, checkpointApi, importApi, trainerApi];
const ASSET_FACTORIES = [textApi, vectorsApi, headsApi];

const apis = new Map();

/**
 * Loads the attention core and returns its API. Several callers share one instance.
 * options.baseUrl: folder with attention_core.{mjs,wasm} and assets/ (default: this file's folder).
 * options.simd: true | false | 'auto' (default: use WebAssembly SIMD when the engine has it).
 * options.assets: false loads no word vectors, tagger or heads (~2.5 MB to fetch, ~33 MB of
 *   wasm heap): the API then has only the module and attention methods (softmax,
 *   scaledDotProduct, multiHeadAttention, memoryStats, ...). Default true.
 */
export async function loadAttention(options = {}) {
  const withAssets = options.assets !== false;
  if (withAssets) prefetchAssets(options.baseUrl ?? new URL('./', import.meta.url));
  const core = await loadModule(options);
  mark('ap:wasm-ready');
  if (!apis.has(core)) apis.set(core, new Map());
  const built = apis.get(core);
  if (!built.has(withAssets)) built.set(withAssets, buildApi(core, options, withAssets));
  return built.get(withAssets);
}

// The assets the asset areas read. The first loadAttention() for a folder starts fetching them
// beside the wasm module instead of after it has compiled (over 90% of the bytes); the
// API being built takes the responses over, so nothing holds them once it is built.
const prefetched = new Map(); // asset URL -> Promise<Uint8Array>, until buildApi takes it
const prefetchedFolders = new Set();

function prefetchAssets(baseUrl) {
  const folder = new URL('assets/', new URL(baseUrl)).href;
  if (prefetchedFolders.has(folder)) return;
  prefetchedFolders.add(folder);
  for (const name of Object.values(ASSET_FILES)) {
    const url = new URL(name, folder);
    const pending = readBytes(url);
    pending.catch(() => prefetched.delete(url.href)); // a failed fetch is retried by buildApi
    prefetched.set(url.href, pending);
  }
}

async function buildApi(core, { baseUrl = new URL('./', import.meta.url) } = {}, withAssets = true) {
  // Committed binary assets (src/data/ in the repository) are copied to dist/lib/assets/.
  // Several areas read the same asset (vectors, tagger): each is fetched once.
  const assets = new Map();
  const context = {
    baseUrl: new URL(baseUrl),
    readAsset(name) {
      if (!assets.has(name)) {
        const url = new URL(`assets/${name}`, new URL(baseUrl));
        assets.set(name, prefetched.get(url.href) ?? readBytes(url));
        prefetched.delete(url.href);
      }
      return assets.get(name);
    },
  };
  const factories = withAssets ? [...CORE_FACTORIES, ...ASSET_FACTORIES] : CORE_FACTORIES;
  const parts = await Promise.all(factories.map((factory) => factory(core, context)));
  mark('ap:api-built');
  const merged = Object.assign({}, ...parts);
  // The learned models (issue 18) use the assembled API (tokenize, softmax, loadTransformer).
  if (withAssets) Object.assign(merged, learnedApi(merged, context));
  const api = Object.freeze(merged);
  warmUp(api);
  return api;
}

// Load phases as User Timing marks (seen in the browser's performance panel and read by
// tests/bench/page-load.mjs), the first time each happens: the wasm instance is ready; every
// area has loaded its assets.
const marked = new Set();
function mark(name) {
  if (marked.has(name) || typeof performance?.mark !== 'function') return;
  marked.add(name);
  performance.mark(name);
}

// V8 tiers up wasm functions that are called repeatedly; one short burst after loading
// keeps the first user-visible call from paying for it.
function warmUp(api) {
  const scores = new Float32Array(64).map((_, i) => Math.sin(i));
  for (let i = 0; i < 32; ++i) api.softmax(scores);
}
