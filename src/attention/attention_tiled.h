// attention_tiled: single-head scaled dot-product attention computed FlashAttention-style,
// block of queries by block of keys with an online (running max, running sum) softmax, so
// the Tq x Tk score matrix is never materialized: extra memory is O(block * (block + dv)),
// independent of Tq and Tk. This is the path for long inputs when the caller does not ask
// for the attention weights. It does not project, split heads or return weights; see
// multi_head.h for that. Its output matches the untiled softmax(q k^T * scale) v to ~1e-5.
#pragma once

#include <cstdint>

namespace attn {

// One head, row-major float32 with row strides (in floats, >= the row length):
//   q: (Tq, d) stride ldq, k: (Tk, d) stride ldk, v: (Tk, dv) stride ldv
//   scale: multiplies q k^T (usually 1/sqrt(d))
//   causal: query i sees key j iff j <= i + (Tk - Tq), i.e. the last query is aligned with
//           the last key (as a decoder with a KV cache); with Tq == Tk this is j <= i
//   key_padding: (Tk) bytes, 1 = key blocked for every query; may be null
// -> out: (Tq, dv) stride ldo (must not alias q, k or v)
//    row_has_any: (Tq) bytes, 1 = the row saw at least one key, 0 = fully masked (the out
//                 row is then all zeros, never NaN, as softmax_rows does); may be null
// Throws std::invalid_argument (message names the argument, expected and given sizes) on
// Tq, Tk, d or dv < 1, a stride shorter than its row, null q/k/v/out, or a NaN / +inf score.
void attention_tiled(int Tq, int Tk, int d, int dv, const float* q, int ldq, const float* k,
                     int ldk, const float* v, int ldv, float scale, bool causal,
                     const std::uint8_t* key_padding, float* out, int ldo,
                     std::uint8_t* row_has_any);

// Block sizes used by attention_tiled (queries x keys per step); exposed for tests that
// want sizes just below, at and above a block boundary.
inline constexpr int kTiledBlockQ = 64;
inline constexpr int kTiledBlockK = 128;

}  // namespace attn
