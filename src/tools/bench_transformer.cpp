// bench_transformer: native timing of the engine's Transformer (src/nn, src/train).
//   bench_transformer [--steps-seconds 3] [--forward-repeats 3] [--vocab 256]
// 1. Training throughput (tokens/s) of issue 16's model: 2 layers, 4 heads, d_model 128,
//    MLP 512, context 64, batch 16, pre-LN GPT-2 block, tied output, AdamW: whole steps
//    (forward, loss, backward, update) after 2 warm-up steps, for >= --steps-seconds.
// 2. Forward GFLOP/s of a GPT-2-small-shaped model (12 layers, d_model 768, 12 heads, MLP 3072,
//    vocab 50257, random weights) at 64 and 256 tokens, all attention probabilities kept.
//    FLOPs counted per token: 24·L·C² (projections and MLP) + 4·L·T·C (QKᵀ and P·V over all T
//    keys, causal half included) + 2·C·V (output layer); median of --forward-repeats.
// Times are CPU time of the process (std::clock), so other jobs on the machine do not count.
// Natively the kernels are the scalar reference loops (kernels.h: SIMD exists only in the
// wasm build), so these figures are the portable baseline, not the wasm engine's speed; the JS
// API in Node measures that. Build with native-release; a debug/ASan build is meaningless.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <memory>
#include <string>
#include <vector>

#include "attention/kernels.h"
#include "nn/transformer.h"
#include "train/train_step.h"

namespace {

// CPU time of this process: on a machine shared with other jobs, wall time measures them too.
double cpu_seconds() { return static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

std::vector<int> tokens(std::size_t n, int vocab, unsigned seed) {
  std::vector<int> ids(n);
  for (std::size_t i = 0; i < n; ++i) ids[i] = static_cast<int>((i * 2654435761u + seed) % vocab);
  return ids;
}

void bench_training(double min_seconds, int vocab) {
  attn::nn::TransformerConfig c;
  c.vocab_size = vocab, c.max_positions = 64, c.embed_dim = 128, c.num_heads = 4;
  c.num_layers = 2, c.mlp_dim = 512;
  attn::nn::Transformer model(c);
  model.init_gpt2(1);
  attn::train::AdamW optimizer(model.tensors());
  attn::train::AdamWConfig a;
  a.lr = 3e-4f;
  const int B = 16, T = 64;
  const std::vector<int> ids = tokens(B * T, vocab, 1), targets = tokens(B * T, vocab, 2);
  attn::nn::Batch batch;
  batch.ids = ids.data(), batch.B = B, batch.T = T;
  for (int i = 0; i < 2; ++i) attn::train::train_step(model, optimizer, batch, targets.data(), a);
  int steps = 0;
  float loss = 0.0f;
  const double t0 = cpu_seconds();
  while (cpu_seconds() - t0 < min_seconds || steps < 3) {
    loss = attn::train::train_step(model, optimizer, batch, targets.data(), a).loss;
    ++steps;
  }
  const double s = cpu_seconds() - t0;
  std::printf(
      "training  L=2 H=4 C=128 F=512 T=64 B=16 V=%d (%zu params): %d steps in %.2f s CPU, "
      "%.1f ms/step, %.0f tokens/s (loss %.3f)\n",
      vocab, model.num_params(), steps, s, 1e3 * s / steps, steps * B * T / s, loss);
}

void bench_forward(int T, int repeats) {
  attn::nn::TransformerConfig c;
  c.vocab_size = 50257, c.max_positions = 1024, c.embed_dim = 768, c.num_heads = 12;
  c.num_layers = 12, c.mlp_dim = 3072;
  static std::unique_ptr<attn::nn::Transformer> model;  // 124 M parameters: built once for both T
  if (!model) {
    model = std::make_unique<attn::nn::Transformer>(c);
    model->init_gpt2(1);
  }
  const std::vector<int> ids = tokens(T, c.vocab_size, 3);
  attn::nn::Batch batch;
  batch.ids = ids.data(), batch.T = T;
  model->forward(batch);  // warm-up (allocates activations)
  std::vector<double> times;
  for (int r = 0; r < repeats; ++r) {
    const double t0 = cpu_seconds();
    model->forward(batch);
    times.push_back(cpu_seconds() - t0);
  }
  std::sort(times.begin(), times.end());
  const double s = times[times.size() / 2];
  const double C = c.embed_dim, L = c.num_layers;
  const double flops = T * (24.0 * L * C * C + 4.0 * L * T * C + 2.0 * C * c.vocab_size);
  std::printf(
      "forward   GPT-2-small shape (12 x 768, 12 heads, V 50257) T=%d: %.1f ms CPU, %.2f GFLOP/s\n",
      T, 1e3 * s, flops / s / 1e9);
}

}  // namespace

int main(int argc, char** argv) {
  double steps_seconds = 3.0;
  int forward_repeats = 3, vocab = 256;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--steps-seconds")
      steps_seconds = std::atof(argv[i + 1]);
    else if (flag == "--forward-repeats")
      forward_repeats = std::max(1, std::atoi(argv[i + 1]));
    else if (flag == "--vocab")
      vocab = std::max(2, std::atoi(argv[i + 1]));
    else {
      std::fprintf(
          stderr,
          "usage: bench_transformer [--steps-seconds s] [--forward-repeats n] [--vocab V]\n");
      return 2;
    }
  }
  std::printf("kernels: %s\n", attn::kernels::flavour());
  bench_training(steps_seconds, vocab);
  for (int T : {64, 256}) bench_forward(T, forward_repeats);
  return 0;
}
