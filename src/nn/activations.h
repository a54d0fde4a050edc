// activations: the Transformer's forward intermediates for one (B, T), in one float buffer,
// and views into it (llm.c's ActivationTensors). The backward reuses the same layout for the
// gradients of the activations. Sized for the largest batch seen: a smaller (B, T) reuses the
// buffer with a new layout, so repeated calls allocate nothing.
// N = B·T tokens; names as in transformer.cpp's block diagrams.
#pragma once

#include <cstddef>
#include <vector>

#include "nn/transformer_config.h"

namespace attn::nn {

struct LayerActivations {
  float* ln1;       // (N, C)   pre-LN: LN(x); post-LN: LN(res2) (the block's middle)
  float* ln1_mean;  // (N)
  float* ln1_rstd;  // (N)
  float* qkv;       // (N, 3C)
  float* att;       // (B, H, T, T) attention probabilities
  float* atty;      // (N, C)   heads' outputs, concatenated
  float* attproj;   // (N, C)
  float* res2;      // (N, C)   x + attproj
  float* ln2;       // (N, C)   with MLP: pre-LN LN(res2); post-LN LN(res3) (the block's output)
  float* ln2_mean;  // (N)
  float* ln2_rstd;  // (N)
  float* fch;       // (N, F)
  float* fch_gelu;  // (N, F)
  float* fcproj;    // (N, C)
  float* res3;      // (N, C)   pre-LN: res2 + fcproj; post-LN: ln1 + fcproj
};

struct ActivationViews {
  float* encoded;   // (N, C) embeddings summed
  float* lne;       // (N, C) post-LN: LN(encoded)
  float* lne_mean;  // (N)
  float* lne_rstd;  // (N)
  std::vector<LayerActivations> layers;
  float* lnf;       // (N, C) pre-LN: final LayerNorm
  float* lnf_mean;  // (N)
  float* lnf_rstd;  // (N)
  float* mlm_h;     // (N, C) mlm_head: dense(last block's output)
  float* mlm_gelu;  // (N, C) gelu(mlm_h)
  float* mlm_ln;    // (N, C) LN(mlm_gelu), what the output layer reads
  float* mlm_mean;  // (N)
  float* mlm_rstd;  // (N)
  float* logits;    // (N, V); in the gradient layout: probs, then dlogits
  float* losses;    // (N)
};

// Lays out the activations of (B, T) from base (null: only counts) -> floats needed.
std::size_t activation_layout(const TransformerConfig& c, int B, int T, float* base,
                              ActivationViews* views);

}  // namespace attn::nn
