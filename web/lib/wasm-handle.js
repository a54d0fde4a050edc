// wasm-handle: the lifetime of one Embind object (a C++ object in wasm memory) behind a JS API
// object: dispose() frees it once (later calls are no-ops), a use after that throws the API's
// own message, and an API object garbage-collected without dispose() frees its handle through
// one FinalizationRegistry. api-attention (layers), api-transformer (models) and api-trainer
// (trainers) all hold their handles through it.

const orphans =
  typeof FinalizationRegistry === 'function' ? new FinalizationRegistry((handle) => handle.delete()) : null;

/**
 * handle: an Embind object (has delete()); gone: () => never, throws the "was disposed" error.
 * -> {get() (the handle, or gone()), alive(), dispose(), track(owner) (frees the handle when
 * owner is collected; returns owner)}
 */
export function holdHandle(handle, gone) {
  let live = handle;
  const token = {};
  return {
    get: () => live ?? gone(),
    alive: () => live !== null,
    dispose() {
      if (!live) return;
      orphans?.unregister(token);
      live.delete();
      live = null;
    },
    track(owner) {
      orphans?.register(owner, handle, token);
      return owner;
    },
  };
}
