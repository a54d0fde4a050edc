// trainer: the training loop of the learned models (src/tools/train_lm.cpp is its command
// line): batches from lm/batches.h, the engine's train_step with AdamW, warmup + cosine
// learning rate, and checkpoints that make a resumed run equal to one run straight through.
// Files in options.out: model.safetensors (F32), optimizer.safetensors (lm/train_state.h) and
// loss.tsv (one line per step: step, loss, lr, gradient norm), written every save_every steps
// and at the end.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

namespace attn::lm {

struct TrainOptions {
  bool masked = false;  // false: causal (GPT-style) next-token; true: BERT-style masking
  std::string out;      // folder for the checkpoint files
  int steps = 1000;     // stop after this step
  int total_steps = 0;  // length of the learning-rate schedule (0: steps)
  std::uint64_t seed = 1;
  int batch = 16, context = 64, embed = 96, heads = 4, layers = 2;
  float lr = 3e-3f, min_lr = 3e-4f, weight_decay = 0.01f, clip = 1.0f;
  int warmup = 100, save_every = 100, log_every = 25;
  bool resume = false;  // continue from the files in out
  // A checkpoint (io/checkpoint.h) whose weights start the run instead of init_gpt2: same
  // vocabulary size and dimensions as these options (any precision, causal or not); only the
  // weights are taken, the attention direction is this run's. Ignored with resume. It may have
  // fewer layers (pre-LN only): its tensors fill this run's by name (its layers become the
  // first ones), and each extra layer starts as the identity on the residual stream: its
  // attn.c_proj and mlp.c_proj weights and biases 0, its other tensors init_gpt2's for seed, so
  // the run starts at the checkpoint's predictions. Any other mismatch is refused.
  std::string init_from;
};

struct TrainReport {
  int first_step = 0;         // 0, or where the resumed checkpoint stopped
  std::vector<float> losses;  // this run's losses, one per step
  std::size_t parameters = 0;
  double cpu_seconds = 0, wall_seconds = 0;
};

// stream (ids < vocab_size, longer than context + 1) -> the trained checkpoint in options.out.
// progress (may be null) gets a line every log_every steps. Throws std::invalid_argument on
// bad options and std::runtime_error on I/O errors.
TrainReport train_language_model(const std::vector<int>& stream, int vocab_size,
                                 const TrainOptions& options, std::FILE* progress);

}  // namespace attn::lm
