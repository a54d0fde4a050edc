// api-module: what the loaded module is (version, kernels) and how much memory it uses.

import { unwrap } from './errors.js';

export function moduleApi(core) {
  return {
    /** -> {version, kernels: 'wasm-simd128' | 'scalar'} */
    buildInfo: () => core.buildInfo(),
    /** -> {wasmBytes: wasm memory size, inUseBytes: bytes held by the allocator} */
    memoryStats: () => core.memoryStats(),
    /** scores: number[] | Float32Array (n); -inf entries are masked -> Float32Array (n) summing to 1 (all 0 if every entry is masked) */
    softmax: (scores) => unwrap(core.softmax(scores)).weights,
  };
}
