// transformer: see transformer.h. The two block layouts, x the block's input:
//   pre-LN (GPT-2):  res2 = x + attn(ln1 = LN1(x));  out = res3 = res2 + mlp(ln2 = LN2(res2))
//   post-LN (BERT):  ln1 = LN1(res2 = x + attn(x));  out = ln2 = LN2(res3 = ln1 + mlp(ln1))
// Attention-only blocks (mlpDim 0) stop after the attention half (out = res2 or ln1).
// Embeddings: encoded = wte[id] + wpe[t] (+ wtt[type]); post-LN normalizes them (ln_e). Output:
// logits = LN_f(out) · W^T (pre-LN) or out · W^T (post-LN), W = wte when tied, else lm_head.
// With BERT's MLM head: logits = LN_m(gelu(out · Wd^T + bd)) · W^T + b_mlm.
#include "nn/transformer.h"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "nn/activation.h"
#include "nn/attention_layer.h"
#include "nn/cross_entropy.h"
#include "nn/embedding.h"
#include "nn/layernorm.h"
#include "nn/matmul.h"
#include "nn/mlp.h"

namespace attn::nn {
namespace {

bool is_post(const TransformerConfig& c) { return c.norm == NormPlacement::kPost; }

// The tensor a block reads (layer l) or writes, in the activation or gradient layout.
float* layer_input(const TransformerConfig& c, const ActivationViews& a, int l);
float* layer_output(const TransformerConfig& c, const ActivationViews& a, int l) {
  const LayerActivations& L = a.layers[l];
  if (c.mlp_dim > 0) return is_post(c) ? L.ln2 : L.res3;
  return is_post(c) ? L.ln1 : L.res2;
}
float* layer_input(const TransformerConfig& c, const ActivationViews& a, int l) {
  if (l > 0) return layer_output(c, a, l - 1);
  return is_post(c) ? a.lne : a.encoded;
}

void check_ids(const char* what, const int* ids, std::size_t n, int lo, int hi) {
  for (std::size_t i = 0; i < n; ++i)
    if (ids[i] < lo || ids[i] >= hi)
      throw std::invalid_argument("transformer: " + std::string(what) + "[" + std::to_string(i) +
                                  "] = " + std::to_string(ids[i]) + " is outside [" +
                                  std::to_string(lo) + ", " + std::to_string(hi) + ")");
}

}  // namespace

Transformer::Transformer(const TransformerConfig& config) : config_(config) {
  validate(config_, kMaxInferenceParameters);  // train_step checks the smaller training limit
  table_ = parameter_table(config_);
  params_.assign(parameter_count(table_), 0.0f);
  w_ = weight_views(config_, table_, params_.data());
  if (config_.positions == PositionEncoding::kSinusoidal) {
    position_table_.resize(static_cast<std::size_t>(config_.max_positions) * config_.embed_dim);
    sinusoidal_table(position_table_.data(), config_.max_positions, config_.embed_dim);
  }
}

void Transformer::init_gpt2(std::uint32_t seed) {
  nn::init_gpt2(config_, table_, params_.data(), seed);
}

void Transformer::reserve(int B, int T) {
  const std::size_t need = activation_layout(config_, B, T, nullptr, nullptr);
  const bool grown = acts_buffer_.size() < need;
  if (grown) acts_buffer_.assign(need, 0.0f);  // grows only: smaller batches reuse it
  if (grown || B != B_ || T != T_) activation_layout(config_, B, T, acts_buffer_.data(), &acts_);
  B_ = B;
  T_ = T;
}

const float* Transformer::forward(const Batch& batch) {
  const TransformerConfig& c = config_;
  if (batch.B < 1 || batch.T < 1 || batch.T > c.max_positions)
    throw std::invalid_argument("transformer: a batch needs B >= 1 and 1 <= T <= maxPositions (" +
                                std::to_string(c.max_positions) + "), got B = " +
                                std::to_string(batch.B) + ", T = " + std::to_string(batch.T));
  const std::size_t n = static_cast<std::size_t>(batch.B) * batch.T;
  check_ids("tokenIds", batch.ids, n, 0, c.vocab_size);
  if (batch.types) check_ids("tokenTypes", batch.types, n, 0, std::max(1, c.type_vocab_size));
  reserve(batch.B, batch.T);
  ids_.assign(batch.ids, batch.ids + n);
  has_types_ = batch.types != nullptr;
  if (has_types_) types_.assign(batch.types, batch.types + n);
  has_padding_ = batch.key_padding != nullptr;
  if (has_padding_) key_padding_.assign(batch.key_padding, batch.key_padding + n);
  counted_ = 0;

  const int N = static_cast<int>(n), C = c.embed_dim;
  const float* wpe = w_.wpe ? w_.wpe : position_table_.data();
  embedding_forward(acts_.encoded, ids_.data(), has_types_ ? types_.data() : nullptr, w_.wte, wpe,
                    w_.wtt, batch.B, batch.T, C);
  if (is_post(c))
    layernorm_forward(acts_.lne, acts_.lne_mean, acts_.lne_rstd, acts_.encoded, w_.lne_w, w_.lne_b,
                      N, C, c.layer_norm_eps);
  for (int l = 0; l < c.num_layers; ++l)
    forward_block(l, layer_input(c, acts_, l), has_padding_ ? key_padding_.data() : nullptr);
  const float* last = layer_output(c, acts_, c.num_layers - 1);
  if (!is_post(c)) {
    layernorm_forward(acts_.lnf, acts_.lnf_mean, acts_.lnf_rstd, last, w_.lnf_w, w_.lnf_b, N, C,
                      c.layer_norm_eps);
    last = acts_.lnf;
  }
  if (c.mlm_head) {
    matmul_forward(acts_.mlm_h, last, w_.mlm_w, w_.mlm_b, N, C, C);
    gelu_forward(acts_.mlm_gelu, acts_.mlm_h, N * C, c.activation);
    layernorm_forward(acts_.mlm_ln, acts_.mlm_mean, acts_.mlm_rstd, acts_.mlm_gelu, w_.mlm_ln_w,
                      w_.mlm_ln_b, N, C, c.layer_norm_eps);
    last = acts_.mlm_ln;
  }
  matmul_forward(acts_.logits, last, c.tie_embeddings ? w_.wte : w_.lm_head, w_.mlm_bias, N, C,
                 c.vocab_size);
  return acts_.logits;
}

void Transformer::forward_block(int l, const float* x, const std::uint8_t* key_padding) {
  const TransformerConfig& c = config_;
  const LayerWeights& w = w_.layers[l];
  const LayerActivations& a = acts_.layers[l];
  const int N = B_ * T_, C = c.embed_dim;
  const float eps = c.layer_norm_eps;
  const AttentionDims dims{B_, T_, T_, C, c.num_heads, 3 * C, 3 * C, 3 * C, c.causal};
  const MlpDims mlp{N, C, c.mlp_dim, c.activation};
  // attention half
  const float* attn_in = x;
  if (!is_post(c)) {
    layernorm_forward(a.ln1, a.ln1_mean, a.ln1_rstd, x, w.ln1_w, w.ln1_b, N, C, eps);
    attn_in = a.ln1;
  }
  matmul_forward(a.qkv, attn_in, w.qkv_w, w.qkv_b, N, C, 3 * C);
  attention_forward(a.atty, a.att, a.qkv, a.qkv + C, a.qkv + 2 * C, key_padding, dims);
  matmul_forward(a.attproj, a.atty, w.proj_w, w.proj_b, N, C, C);
  residual_forward(a.res2, x, a.attproj, N * C);
  if (is_post(c))
    layernorm_forward(a.ln1, a.ln1_mean, a.ln1_rstd, a.res2, w.ln1_w, w.ln1_b, N, C, eps);
  if (c.mlp_dim == 0) return;
  // MLP half
  if (is_post(c)) {
    mlp_forward(a.fcproj, a.fch, a.fch_gelu, a.ln1, w.fc_w, w.fc_b, w.fcproj_w, w.fcproj_b, mlp);
    residual_forward(a.res3, a.ln1, a.fcproj, N * C);
    layernorm_forward(a.ln2, a.ln2_mean, a.ln2_rstd, a.res3, w.ln2_w, w.ln2_b, N, C, eps);
  } else {
    layernorm_forward(a.ln2, a.ln2_mean, a.ln2_rstd, a.res2, w.ln2_w, w.ln2_b, N, C, eps);
    mlp_forward(a.fcproj, a.fch, a.fch_gelu, a.ln2, w.fc_w, w.fc_b, w.fcproj_w, w.fcproj_b, mlp);
    residual_forward(a.res3, a.res2, a.fcproj, N * C);
  }
}

void Transformer::zero_grad() {
  if (grads_.size() != params_.size()) {
    grads_.assign(params_.size(), 0.0f);
    g_ = weight_views(config_, table_, grads_.data());
  } else {
    std::fill(grads_.begin(), grads_.end(), 0.0f);
  }
}

float Transformer::loss(const int* targets) {
  if (B_ == 0) throw std::logic_error("transformer: loss() needs a forward() first");
  const TransformerConfig& c = config_;
  const std::size_t n = static_cast<std::size_t>(B_) * T_;
  check_ids("targets", targets, n, kIgnoreIndex, c.vocab_size);
  if (grads_.size() != params_.size()) zero_grad();
  // gradients of the activations: same layout as the activations, zeroed (backward adds)
  const std::size_t need = activation_layout(c, B_, T_, nullptr, nullptr);
  if (grad_acts_buffer_.size() < need) grad_acts_buffer_.resize(need);
  std::fill(grad_acts_buffer_.begin(), grad_acts_buffer_.begin() + need, 0.0f);
  activation_layout(c, B_, T_, grad_acts_buffer_.data(), &grad_acts_);
  targets_.assign(targets, targets + n);
  // probs go straight into the dlogits buffer; backward turns them into dlogits in place
  const int N = static_cast<int>(n);
  counted_ = crossentropy_forward(acts_.losses, grad_acts_.logits, acts_.logits, targets_.data(), N,
                                  c.vocab_size);
  double sum = 0.0;
  for (int i = 0; i < N; ++i) sum += acts_.losses[i];
  const float dloss = counted_ > 0 ? 1.0f / static_cast<float>(counted_) : 0.0f;
  crossentropy_softmax_backward(grad_acts_.logits, grad_acts_.logits, targets_.data(), dloss, N,
                                c.vocab_size);
  return counted_ > 0 ? static_cast<float>(sum / counted_) : 0.0f;
}

void Transformer::backward() {
  if (grad_acts_.logits == nullptr || B_ == 0)
    throw std::logic_error("transformer: backward() needs forward() and loss() first");
  const TransformerConfig& c = config_;
  const int N = B_ * T_, C = c.embed_dim, L = c.num_layers;
  ActivationViews& d = grad_acts_;
  // output layer (and final LayerNorm)
  const float* w_out = c.tie_embeddings ? w_.wte : w_.lm_head;
  float* dw_out = c.tie_embeddings ? g_.wte : g_.lm_head;
  const float* last = layer_output(c, acts_, L - 1);
  float* dlast = layer_output(c, d, L - 1);
  if (c.mlm_head) {  // post-LN with BERT's MLM head (see forward)
    const float* head_in = is_post(c) ? last : acts_.lnf;
    matmul_backward(d.mlm_ln, dw_out, g_.mlm_bias, d.logits, acts_.mlm_ln, w_out, N, C,
                    c.vocab_size);
    layernorm_backward(d.mlm_gelu, g_.mlm_ln_w, g_.mlm_ln_b, d.mlm_ln, acts_.mlm_gelu, w_.mlm_ln_w,
                       acts_.mlm_mean, acts_.mlm_rstd, N, C);
    gelu_backward(d.mlm_h, acts_.mlm_h, d.mlm_gelu, N * C, c.activation);
    matmul_backward(is_post(c) ? dlast : d.lnf, g_.mlm_w, g_.mlm_b, d.mlm_h, head_in, w_.mlm_w, N,
                    C, C);
    if (!is_post(c))
      layernorm_backward(dlast, g_.lnf_w, g_.lnf_b, d.lnf, last, w_.lnf_w, acts_.lnf_mean,
                         acts_.lnf_rstd, N, C);
  } else if (is_post(c)) {
    matmul_backward(dlast, dw_out, nullptr, d.logits, last, w_out, N, C, c.vocab_size);
  } else {
    matmul_backward(d.lnf, dw_out, nullptr, d.logits, acts_.lnf, w_out, N, C, c.vocab_size);
    layernorm_backward(dlast, g_.lnf_w, g_.lnf_b, d.lnf, last, w_.lnf_w, acts_.lnf_mean,
                       acts_.lnf_rstd, N, C);
  }
  for (int l = L - 1; l >= 0; --l)
    backward_block(l, layer_input(c, acts_, l), layer_input(c, d, l));
  // embeddings
  if (is_post(c))
    layernorm_backward(d.encoded, g_.lne_w, g_.lne_b, d.lne, acts_.encoded, w_.lne_w,
                       acts_.lne_mean, acts_.lne_rstd, N, C);
  embedding_backward(g_.wte, g_.wpe, g_.wtt, d.encoded, ids_.data(),
                     has_types_ ? types_.data() : nullptr, B_, T_, C);
}

void Transformer::backward_block(int l, const float* x, float* dx) {
  const TransformerConfig& c = config_;
  const LayerWeights& w = w_.layers[l];
  const LayerWeights& g = g_.layers[l];
  const LayerActivations& a = acts_.layers[l];
  const LayerActivations& d = grad_acts_.layers[l];
  const int N = B_ * T_, C = c.embed_dim;
  const AttentionDims dims{B_, T_, T_, C, c.num_heads, 3 * C, 3 * C, 3 * C, c.causal};
  const MlpDims mlp{N, C, c.mlp_dim, c.activation};
  // MLP half (its output's gradient is already in place)
  if (c.mlp_dim > 0 && is_post(c)) {
    layernorm_backward(d.res3, g.ln2_w, g.ln2_b, d.ln2, a.res3, w.ln2_w, a.ln2_mean, a.ln2_rstd, N,
                       C);
    residual_backward(d.ln1, d.fcproj, d.res3, N * C);
    mlp_backward(d.ln1, g.fc_w, g.fc_b, g.fcproj_w, g.fcproj_b, d.fch, d.fch_gelu, d.fcproj, a.ln1,
                 a.fch, a.fch_gelu, w.fc_w, w.fcproj_w, mlp);
  } else if (c.mlp_dim > 0) {
    residual_backward(d.res2, d.fcproj, d.res3, N * C);
    mlp_backward(d.ln2, g.fc_w, g.fc_b, g.fcproj_w, g.fcproj_b, d.fch, d.fch_gelu, d.fcproj, a.ln2,
                 a.fch, a.fch_gelu, w.fc_w, w.fcproj_w, mlp);
    layernorm_backward(d.res2, g.ln2_w, g.ln2_b, d.ln2, a.res2, w.ln2_w, a.ln2_mean, a.ln2_rstd, N,
                       C);
  }
  // attention half
  if (is_post(c))
    layernorm_backward(d.res2, g.ln1_w, g.ln1_b, d.ln1, a.res2, w.ln1_w, a.ln1_mean, a.ln1_rstd, N,
                       C);
  residual_backward(dx, d.attproj, d.res2, N * C);
  matmul_backward(d.atty, g.proj_w, g.proj_b, d.attproj, a.atty, w.proj_w, N, C, C);
  attention_backward(d.qkv, d.qkv + C, d.qkv + 2 * C, d.att, d.atty, a.att, a.qkv, a.qkv + C,
                     a.qkv + 2 * C, dims);
  const float* attn_in = is_post(c) ? x : a.ln1;
  float* dattn_in = is_post(c) ? dx : d.ln1;
  matmul_backward(dattn_in, g.qkv_w, g.qkv_b, d.qkv, attn_in, w.qkv_w, N, C, 3 * C);
  if (!is_post(c))
    layernorm_backward(dx, g.ln1_w, g.ln1_b, d.ln1, x, w.ln1_w, a.ln1_mean, a.ln1_rstd, N, C);
}

}  // namespace attn::nn
