// trainer: see trainer.h.
#include "train/trainer.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "train/head_scores.h"
#include "train/train_step.h"

namespace attn::train {
namespace {

void require(bool ok, const std::string& message) {
  if (!ok) throw std::invalid_argument("trainer: " + message);
}

nn::TransformerConfig model_config(const TrainerConfig& c, const TaskSpec& spec) {
  nn::TransformerConfig m;
  m.vocab_size = spec.vocab_size;
  m.max_positions = spec.seq_len;  // the probe runs whole examples; training drops the last token
  m.embed_dim = c.embed_dim;
  m.num_heads = c.heads;
  m.num_layers = c.layers;
  m.mlp_dim = c.attention_only ? 0 : 4 * c.embed_dim;
  m.positions = c.positions;
  m.tie_embeddings = c.tie_embeddings;
  return m;
}

// Independent streams from one seed (SplitMix64 decorrelates nearby states).
std::uint64_t stream(std::uint32_t seed, std::uint64_t which) {
  return (static_cast<std::uint64_t>(seed) << 8) ^ (which * 0xD1B54A32D192ED03ull);
}

int argmax(const float* row, int n) {
  return static_cast<int>(std::max_element(row, row + n) - row);
}

}  // namespace

void validate(const TrainerConfig& c) {
  require(c.layers >= 1 && c.layers <= 6, "layers must be 1 to 6, got " + std::to_string(c.layers));
  require(c.heads >= 1 && c.heads <= 8, "heads must be 1 to 8, got " + std::to_string(c.heads));
  require(c.embed_dim >= 8 && c.embed_dim <= 256,
          "embedDim must be 8 to 256, got " + std::to_string(c.embed_dim));
  require(c.embed_dim % c.heads == 0, "heads (" + std::to_string(c.heads) +
                                          ") must divide embedDim (" + std::to_string(c.embed_dim) +
                                          ")");
  require(std::isfinite(c.lr) && c.lr > 0.0f && c.lr <= 1.0f, "lr must be in (0, 1]");
  require(c.batch >= 1 && c.batch <= 256, "batch must be 1 to 256, got " + std::to_string(c.batch));
}

TrainerConfig task_defaults(Task task) {
  TrainerConfig c;  // 2 layers, 2 heads, d_model 64, attention-only
  c.task = task;
  c.batch = 16;
  c.lr = 3e-3f;  // reverse: 95% held-out in 4 s (Node wasm, issue 19's first session)
  // induction: an output layer of its own, batch 32. With the output tied to the token
  // embedding (as GPT-2), no layer-1 head became a previous-token head in 4,000-6,000 steps
  // (held-out 0.375 / 0.373 / 0.437 at step 4,000, seeds 1-3, batch 16; lr 1e-3 to 1e-2, batch 16
  // to 64, 1 to 4 heads, learned or sinusoidal positions alike). Untied (train_task, native):
  // batch 32 passes 95% held-out by step 300 in 24 of 24 seeds (0-23; seeds 1-3: 250, a layer-1
  // previous-token head by 300-350, a layer-2 induction head by 300-350); batch 16 by step
  // 350-450 in 10 of 11 (seeds 0-10; seed 6 settled on another circuit, 0.81 at step 8,000, no head
  // labelled). lr 2e-3 failed 12 of 12 seeds at batch 16 (below 95% at step 2,000).
  if (task == Task::kInduction) {
    c.lr = 1e-3f;
    c.batch = 32;
    c.tie_embeddings = false;
  }
  // sort: 95% in 22 s with the MLP (first session); attention-only was not measured there.
  if (task == Task::kSort) c.attention_only = false;
  return c;
}

Trainer::Trainer(const TrainerConfig& config)
    : config_((validate(config), config)),
      spec_(task_spec(config.task)),
      model_(std::make_unique<nn::Transformer>(model_config(config, spec_))),
      optimizer_(model_->tensors()),
      train_rng_(stream(config.seed, 1)),
      eval_rng_(stream(config.seed, 2)) {
  model_->init_gpt2(config.seed);
  for (const nn::TensorInfo& t : model_->tensors()) {  // matrices only: biases 0, LN weights 1
    const float scale = config.init_scale * (t.name == "wte.weight" ? config.embed_scale : 1.0f);
    if (t.shape.size() >= 2 && scale != 1.0f)
      for (std::size_t i = 0; i < t.size; ++i) model_->params()[t.offset + i] *= scale;
  }
  adamw_.lr = config.lr;
  adamw_.beta2 = config.beta2;
  adamw_.weight_decay = config.weight_decay;
  adamw_.clip_norm = 1.0f;  // keeps a high learning rate from blowing up early steps
  TaskRng probe_rng(stream(config.seed, 3));
  probe_example_ = make_example(config.task, probe_rng, Split::kHeldOut);
  // Induction's repeat has 2 to 12 symbols: the probe shows the longest of a few held-out
  // draws, so the page has a repeat to watch (a 2-symbol one scores a single token).
  const auto scored = [](const Example& e) {
    return std::count(e.scored.begin(), e.scored.end(), 1);
  };
  for (int draw = 0; config.task == Task::kInduction && draw < 32; ++draw) {
    Example e = make_example(config.task, probe_rng, Split::kHeldOut);
    if (scored(e) > scored(probe_example_)) probe_example_ = std::move(e);
  }
  // Heads are scored on repeated random sequences of the task's tokens of three lengths
  // (n, 2n, 3n for a quarter n of the longest the context and vocabulary allow), averaged: on a
  // single length, a head that attends a fixed distance back (n - 1, learned from training
  // examples of that length) would pass for an induction head. Each repeat ends the context,
  // after a prefix of other random tokens, so that a head looking at the start does not either.
  const int T = spec_.seq_len, V = spec_.vocab_size;
  const int longest = std::min(spec_.half, std::min(V - 1, T / 2));
  for (int k = 1; k <= 3; ++k) {
    ScoreSequence s;
    s.n = std::max(2, longest * k / 4);
    s.first = T - 2 * s.n;
    const std::vector<int> repeat = repeated_random_sequence(s.n, V, probe_rng);
    while (static_cast<int>(s.tokens.size()) < s.first) {  // any symbol but the repeat's
      const int t = probe_rng.below(V);
      if (std::find(repeat.begin(), repeat.end(), t) == repeat.end()) s.tokens.push_back(t);
    }
    s.tokens.insert(s.tokens.end(), repeat.begin(), repeat.end());
    score_sequences_.push_back(std::move(s));
  }
  labels_.assign(config.layers, std::vector<std::string>(config.heads));
  first_steps_.assign(config.layers, std::vector<std::pair<int, int>>(config.heads, {-1, -1}));
}

nn::Batch Trainer::fill_batch(const std::vector<Example>& examples) {
  inputs_.clear();
  targets_.clear();
  for (const Example& e : examples) append_training_pair(e, inputs_, targets_);
  nn::Batch batch;
  batch.ids = inputs_.data();
  batch.B = static_cast<int>(examples.size());
  batch.T = spec_.seq_len - 1;
  return batch;
}

int Trainer::count_hits(int rows) const {
  const int V = spec_.vocab_size;
  const float* logits = model_->logits();
  int hits = 0;
  for (int r = 0; r < rows; ++r)
    if (targets_[r] >= 0)
      hits += argmax(logits + static_cast<std::size_t>(r) * V, V) == targets_[r];
  return hits;
}

TrainProgress Trainer::train(int steps) {
  require(steps >= 1, "steps must be >= 1, got " + std::to_string(steps));
  std::vector<Example> examples(config_.batch);
  double loss_sum = 0.0;
  long long hits = 0, counted = 0;
  for (int s = 0; s < steps; ++s) {
    for (Example& e : examples) e = make_example(config_.task, train_rng_, Split::kTrain);
    const nn::Batch batch = fill_batch(examples);
    if (config_.warmup > 0)
      adamw_.lr = config_.lr * std::min(1.0f, static_cast<float>(step_ + 1) / config_.warmup);
    const StepResult r = train_step(*model_, optimizer_, batch, targets_.data(), adamw_);
    loss_sum += r.loss;
    counted += r.counted;
    hits += count_hits(batch.B * batch.T);  // the logits of the step's forward (before its update)
    ++step_;
  }
  TrainProgress p;
  p.step = step_;
  p.loss = static_cast<float>(loss_sum / steps);
  p.accuracy = counted ? static_cast<float>(static_cast<double>(hits) / counted) : 0.0f;
  return p;
}

float Trainer::evaluate(int examples) {
  require(examples >= 1, "examples must be >= 1, got " + std::to_string(examples));
  constexpr int kChunk = 64;  // bounds the activation buffers whatever examples is
  long long hits = 0, counted = 0;
  std::vector<Example> chunk;
  for (int done = 0; done < examples; done += kChunk) {
    chunk.resize(std::min(kChunk, examples - done));
    for (Example& e : chunk) e = make_example(config_.task, eval_rng_, Split::kHeldOut);
    const nn::Batch batch = fill_batch(chunk);
    model_->forward(batch);
    hits += count_hits(batch.B * batch.T);
    for (int t : targets_) counted += t >= 0;
  }
  return static_cast<float>(static_cast<double>(hits) / counted);
}

std::vector<HeadProbe> Trainer::head_weights(const float* probe_att, int T) const {
  std::vector<HeadProbe> heads(config_.heads);
  for (int h = 0; h < config_.heads; ++h) {
    const float* w = probe_att + static_cast<std::size_t>(h) * T * T;
    heads[h].weights.assign(w, w + static_cast<std::size_t>(T) * T);
  }
  return heads;
}

void Trainer::score_heads(Probe& p) {
  const double share = 1.0 / static_cast<double>(score_sequences_.size());
  std::vector<std::vector<double>> previous(config_.layers, std::vector<double>(config_.heads)),
      induction = previous;
  for (const ScoreSequence& s : score_sequences_) {
    nn::Batch batch;
    batch.ids = s.tokens.data();
    batch.T = static_cast<int>(s.tokens.size());
    model_->forward(batch);
    for (int l = 0; l < config_.layers; ++l)
      for (int h = 0; h < config_.heads; ++h) {
        const float* w = model_->attention(l) + static_cast<std::size_t>(h) * batch.T * batch.T;
        previous[l][h] += share * previous_token_score(w, batch.T);
        induction[l][h] += share * induction_score(w, batch.T, s.first, s.n);
      }
  }
  for (int l = 0; l < config_.layers; ++l)
    for (int h = 0; h < config_.heads; ++h) {
      HeadProbe& head = p.layers[l][h];
      head.previous_token = static_cast<float>(previous[l][h]);
      head.induction = static_cast<float>(induction[l][h]);
      head.label = head_label(head.previous_token, head.induction);
    }
}

void Trainer::record_label(int l, int h, HeadProbe& head) {
  if (!head.label.empty() && head.label != labels_[l][h])
    events_.push_back({step_, l, h, head.label});
  labels_[l][h] = head.label;
  auto& [previous_step, induction_step] = first_steps_[l][h];
  if (head.label == "previous-token" && previous_step < 0) previous_step = step_;
  if (head.label == "induction" && induction_step < 0) induction_step = step_;
  head.previous_token_step = previous_step;
  head.induction_step = induction_step;
}

Probe Trainer::probe() {
  const int T = spec_.seq_len, L = config_.layers, H = config_.heads;
  Probe p;
  p.tokens = probe_example_.tokens;
  p.scored = probe_example_.scored;
  nn::Batch batch;
  batch.ids = p.tokens.data();
  batch.T = T;
  const float* logits = model_->forward(batch);
  p.predictions.assign(T, -1);
  for (int i = 1; i < T; ++i)
    p.predictions[i] =
        argmax(logits + static_cast<std::size_t>(i - 1) * spec_.vocab_size, spec_.vocab_size);
  for (int l = 0; l < L; ++l) p.layers.push_back(head_weights(model_->attention(l), T));
  score_heads(p);
  for (int l = 0; l < L; ++l)
    for (int h = 0; h < H; ++h) record_label(l, h, p.layers[l][h]);
  return p;
}

}  // namespace attn::train
