// load-module: instantiates the Emscripten module (attention_core.mjs + .wasm) in browsers and
// in Node 20 alike. The module is built with -sENVIRONMENT=web; we hand it the wasm ourselves
// through instantiateWasm (the HTTP response in a browser, bytes from fs in Node), which
// sidesteps Emscripten 3.1.6's broken Node+fetch path. One instance per URL is shared by every caller.

const instances = new Map();

const isNode = typeof process !== 'undefined' && !!process.versions?.node && typeof window === 'undefined';

/** Reads a file next to this module (or at an absolute URL) as bytes. */
export async function readBytes(url) {
  if (isNode && url.protocol === 'file:') {
    const { readFile } = await import('node:fs/promises');
    try {
      return new Uint8Array(await readFile(url));
    } catch (error) {
      throw new Error(
        `Could not read ${url.pathname}: ${error.code === 'ENOENT' ? 'file not found (run the build first)' : error.message}`,
      );
    }
  }
  return new Uint8Array(await (await download(url)).arrayBuffer());
}

// fetch(url) -> its response, or an error that says what went wrong (network, HTTP status).
async function download(url) {
  let response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new Error(`Could not download ${url.href}: ${error.message}`);
  }
  if (!response.ok) throw new Error(`Could not download ${url.href}: HTTP ${response.status}`);
  return response;
}

// Whether the engine validates a tiny module (bytes) using the feature under test.
function validates(bytes) {
  return typeof WebAssembly === 'object' && WebAssembly.validate(new Uint8Array(bytes));
}

/** Feature test for WebAssembly SIMD: validates a tiny module that uses one v128 op. */
export function hasWasmSimd() {
  // (module (func (result v128) i32.const 0 i32x4.splat))
  return validates([
    0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 8, 1, 6, 0, 65, 0, 253, 17, 11,
  ]);
}

// Feature test for WebAssembly exception handling, which the SIMD module is built with (the
// fallback module is not).
function hasWasmExceptions() {
  // (module (func try catch_all end))
  return validates([0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 10, 8, 1, 6, 0, 6, 64, 25, 11, 11]);
}

// The wasm file as something instantiate() can compile: in a browser the HTTP response itself
// when it is served as application/wasm, so the engine compiles while it downloads and may keep
// the optimized code in its cache for the next visit (Chromium caches only modules compiled from
// a response); otherwise (Node, or a server with another type) its bytes.
async function wasmSource(url) {
  if (isNode || typeof WebAssembly.instantiateStreaming !== 'function') return readBytes(url);
  const response = await download(url);
  if (/^application\/wasm\b/.test(response.headers.get('content-type') ?? '')) return response;
  return new Uint8Array(await response.arrayBuffer());
}

async function instantiate(baseUrl, name) {
  if (typeof WebAssembly !== 'object') {
    throw new Error('This browser does not support WebAssembly, which the attention core needs.');
  }
  const glueUrl = new URL(`${name}.mjs`, baseUrl);
  const wasmUrl = new URL(`${name}.wasm`, baseUrl);
  const [{ default: createModule }, source] = await Promise.all([import(glueUrl.href), wasmSource(wasmUrl)]);
  // If compilation fails Emscripten never hears back, so the failure rejects this promise
  // directly instead of leaving the caller waiting forever.
  return new Promise((resolve, reject) => {
    createModule({
      instantiateWasm(imports, done) {
        const compiled =
          source instanceof Uint8Array
            ? WebAssembly.instantiate(source, imports)
            : WebAssembly.instantiateStreaming(source, imports);
        compiled.then(
          (result) => done(result.instance),
          (error) => reject(new Error(`The attention core (${wasmUrl.pathname}) failed to compile: ${error.message}`)),
        );
        return {};
      },
      print: () => {},
      printErr: (text) => console.warn(`[attention core] ${text}`),
      onAbort: (what) => reject(new Error(`The attention core aborted: ${what}`)),
    }).then(resolve, reject);
  });
}

/**
 * Returns the shared Emscripten module. options.baseUrl: folder holding the module files
 * (default: this file's folder); options.simd: true | false | 'auto' (default: the SIMD module
 * where the engine has WebAssembly SIMD and exception handling, else the fallback).
 */
export function loadModule({ baseUrl = new URL('./', import.meta.url), simd = 'auto' } = {}) {
  const useSimd = simd === 'auto' ? hasWasmSimd() && hasWasmExceptions() : Boolean(simd);
  const name = useSimd ? 'attention_core' : 'attention_core_nosimd';
  const key = `${new URL(baseUrl)}|${name}`;
  if (!instances.has(key)) {
    const pending = instantiate(new URL(baseUrl), name);
    pending.catch(() => instances.delete(key)); // a failed load may be retried
    instances.set(key, pending);
  }
  return instances.get(key);
}
