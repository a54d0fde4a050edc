// The Train mode's model path, attention-only (no MLP, learned or sinusoidal positions, tied
// output, pre-LN, causal), checked against central finite differences of its own loss on tiny
// odd sizes: every parameter's analytic gradient (backward) against (L(p + h) - L(p - h)) / 2h.
// float32 forward, so the tolerance is loose: per tensor, the normwise relative error <= 2e-2
// (a wrong backward is off by O(1)). The PyTorch fixture (nn/transformer_test.cpp) checks the
// same path to 1e-4 at one configuration; this covers shapes and position encodings it does not.
#include <catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "nn/transformer.h"

namespace {

using attn::nn::PositionEncoding;
using attn::nn::Transformer;
using attn::nn::TransformerConfig;

struct Case {
  int V, T, C, H, L, B;
  PositionEncoding positions;
};

float loss_at(Transformer& m, const attn::nn::Batch& batch, const std::vector<int>& targets) {
  m.forward(batch);
  return m.loss(targets.data());
}

void check_gradients(const Case& k) {
  TransformerConfig c;
  c.vocab_size = k.V, c.max_positions = k.T, c.embed_dim = k.C, c.num_heads = k.H;
  c.num_layers = k.L, c.mlp_dim = 0, c.positions = k.positions;
  Transformer m(c);
  m.init_gpt2(11);
  // GPT-2's 0.02 makes every attention nearly uniform; x3 exercises the softmax (x10 saturates
  // it, and the finite differences, not the backward, lose accuracy).
  for (std::size_t i = 0; i < m.num_params(); ++i) m.params()[i] *= 3.0f;
  std::vector<int> ids, targets;
  for (int i = 0; i < k.B * k.T; ++i) {
    ids.push_back((i * 7 + 3) % k.V);
    targets.push_back(i % 3 == 1 ? -1 : (i * 5 + 1) % k.V);  // some ignored, as in training
  }
  attn::nn::Batch batch;
  batch.ids = ids.data(), batch.B = k.B, batch.T = k.T;
  m.zero_grad();
  loss_at(m, batch, targets);
  m.backward();
  const std::vector<float> analytic(m.grads(), m.grads() + m.num_params());
  const float h = 3e-3f;
  for (const attn::nn::TensorInfo& t : m.tensors()) {
    double diff = 0.0, norm = 0.0;
    for (std::size_t i = t.offset; i < t.offset + t.size; ++i) {
      const float p = m.params()[i];
      m.params()[i] = p + h;
      const double up = loss_at(m, batch, targets);
      m.params()[i] = p - h;
      const double down = loss_at(m, batch, targets);
      m.params()[i] = p;
      const double numeric = (up - down) / (2.0 * h);
      diff += (numeric - analytic[i]) * (numeric - analytic[i]);
      norm += numeric * numeric;
    }
    const double rel = std::sqrt(diff) / std::max(std::sqrt(norm), 1e-3);
    INFO("V " << k.V << " T " << k.T << " C " << k.C << " H " << k.H << " L " << k.L << ": "
              << t.name << " relative error " << rel);
    CHECK(rel <= 2e-2);
  }
}

}  // namespace

TEST_CASE("train: attention-only gradients match finite differences (learned, sinusoidal)",
          "[train][gradcheck]") {
  check_gradients({5, 3, 8, 2, 2, 2, PositionEncoding::kLearned});
  check_gradients({7, 5, 6, 3, 1, 1, PositionEncoding::kLearned});
  check_gradients({3, 5, 8, 1, 2, 3, PositionEncoding::kSinusoidal});
}
