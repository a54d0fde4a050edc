// attention_layer: multi-head scaled dot-product attention on already projected q, k, v,
// forward and backward (llm.c's attention pair, on the kernels' GEMMs). Covers self attention
// (causal or bidirectional with a key padding mask) and cross attention (queries from one
// sequence, keys and values from another: Tq != Tk). The projections around it are matmul.
//
// Dimensions: B batch, Tq queries, Tk keys, C channels, H heads, hs = C / H per head. Head h of
// a row is its columns [h*hs, (h+1)*hs). q, k, v are row-major with row strides ldq, ldk, ldv
// (>= C), so they can be slices of one fused qkv (B, T, 3C) buffer (ld 3C).
// The forward keeps the attention probabilities att (B, H, Tq, Tk), which the backward uses
// (and which the playground shows). The backward of softmax is O(Tq·Tk) per head:
//   dS = P ⊙ (dP − rowsum(P ⊙ dP)).
#pragma once

#include <cstdint>

namespace attn::nn {

struct AttentionDims {
  int B = 1, Tq = 0, Tk = 0, C = 0, H = 1;
  int ldq = 0, ldk = 0, ldv = 0;  // row strides of q, k, v (and of dq, dk, dv)
  bool causal = false;            // query i sees keys j <= i + (Tk - Tq)
};

// q (B, Tq, ldq), k (B, Tk, ldk), v (B, Tk, ldv), key_padding (B, Tk) 1 = padding or null
// -> out (B, Tq, C), att (B, H, Tq, Tk). scale 1/sqrt(hs). A query that sees no key gets
// probabilities 0 and output 0. Throws std::invalid_argument on a NaN or +inf score.
void attention_forward(float* out, float* att, const float* q, const float* k, const float* v,
                       const std::uint8_t* key_padding, const AttentionDims& d);

// dout (B, Tq, C), att (B, H, Tq, Tk), q, k, v as in the forward -> dq, dk, dv += (same shapes
// and strides as q, k, v). datt (B, H, Tq, Tk) is scratch (overwritten with dS).
void attention_backward(float* dq, float* dk, float* dv, float* datt, const float* dout,
                        const float* att, const float* q, const float* k, const float* v,
                        const AttentionDims& d);

}  // namespace attn::nn
