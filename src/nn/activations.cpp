// activations: see activations.h. Tensors a config does not use get no space (and a null view).
#include "nn/activations.h"

namespace attn::nn {
namespace {

class Layout {
 public:
  explicit Layout(float* base) : base_(base) {}
  float* take(std::size_t floats) {
    float* p = base_ && floats ? base_ + used_ : nullptr;
    used_ += floats;
    return p;
  }
  std::size_t used() const { return used_; }

 private:
  float* base_;
  std::size_t used_ = 0;
};

}  // namespace

std::size_t activation_layout(const TransformerConfig& c, int B, int T, float* base,
                              ActivationViews* views) {
  const std::size_t N = static_cast<std::size_t>(B) * T, C = c.embed_dim, F = c.mlp_dim;
  const bool post = c.norm == NormPlacement::kPost, mlp = F > 0;
  Layout a(base);
  ActivationViews v{};
  v.encoded = a.take(N * C);
  v.lne = a.take(post ? N * C : 0);
  v.lne_mean = a.take(post ? N : 0);
  v.lne_rstd = a.take(post ? N : 0);
  for (int l = 0; l < c.num_layers; ++l) {
    LayerActivations L{};
    L.ln1 = a.take(N * C);
    L.ln1_mean = a.take(N);
    L.ln1_rstd = a.take(N);
    L.qkv = a.take(N * 3 * C);
    L.att = a.take(static_cast<std::size_t>(B) * c.num_heads * T * T);
    L.atty = a.take(N * C);
    L.attproj = a.take(N * C);
    L.res2 = a.take(N * C);
    L.ln2 = a.take(mlp ? N * C : 0);
    L.ln2_mean = a.take(mlp ? N : 0);
    L.ln2_rstd = a.take(mlp ? N : 0);
    L.fch = a.take(N * F);
    L.fch_gelu = a.take(N * F);
    L.fcproj = a.take(mlp ? N * C : 0);
    L.res3 = a.take(mlp ? N * C : 0);
    v.layers.push_back(L);
  }
  v.lnf = a.take(post ? 0 : N * C);
  v.lnf_mean = a.take(post ? 0 : N);
  v.lnf_rstd = a.take(post ? 0 : N);
  const std::size_t mlm = c.mlm_head ? 1 : 0;
  v.mlm_h = a.take(mlm * N * C);
  v.mlm_gelu = a.take(mlm * N * C);
  v.mlm_ln = a.take(mlm * N * C);
  v.mlm_mean = a.take(mlm * N);
  v.mlm_rstd = a.take(mlm * N);
  v.logits = a.take(N * c.vocab_size);
  v.losses = a.take(N);
  if (views) *views = std::move(v);
  return a.used();
}

}  // namespace attn::nn
