// trainer: a small GPT-like transformer learning one task of tasks.h, step by step, for the
// playground's Train mode (issue 19): the model, its AdamW state, the task's seeded example
// streams (training draws, held-out draws, one fixed probe example) and a step counter.
// train(k) runs k optimizer steps on fresh training batches; evaluate(n) scores exact tokens at
// the task's scored positions on n fresh held-out examples; probe() runs the fixed example and
// reports every layer x head's attention, the model's predictions and each head's measured
// previous-token and induction scores (head_scores.h), and records when a head earns a label.
// Deliberately not here: learning-rate schedules, checkpoints of the optimizer state.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "nn/transformer.h"
#include "train/adamw.h"
#include "train/tasks.h"

namespace attn::train {

struct TrainerConfig {
  Task task = Task::kInduction;
  int layers = 2;              // 1..6
  int heads = 2;               // 1..8, divides embed_dim
  int embed_dim = 64;          // 8..256
  bool attention_only = true;  // false: each block has an MLP of width 4 * embed_dim
  float lr = 1e-3f;            // (0, 1]
  int batch = 16;              // examples per step, 1..256
  std::uint32_t seed = 0;      // model init, example streams and probe example
  // Recipe knobs (experiments; the per-task defaults are what the page uses).
  nn::PositionEncoding positions = nn::PositionEncoding::kLearned;
  int warmup = 0;             // linear learning-rate warmup over this many steps
  float weight_decay = 0.0f;  // AdamW's, on matrices and embeddings
  float beta2 = 0.999f;
  float init_scale = 1.0f;     // multiplies GPT-2's init standard deviations
  float embed_scale = 1.0f;    // further multiplies the token embedding's
  bool tie_embeddings = true;  // false: a separate output layer (lm_head), not wte
};

// Throws std::invalid_argument naming the first field out of range.
void validate(const TrainerConfig& c);

// The settings a task opens with when the caller gives only the task (what createTrainer
// fills in): measured to reach issue 19's targets (see trainer.cpp and bench-trainer.mjs).
TrainerConfig task_defaults(Task task);

struct TrainProgress {
  int step = 0;           // optimizer steps taken so far
  float loss = 0.0f;      // mean over this call's steps of each step's loss (before its update)
  float accuracy = 0.0f;  // exact tokens at scored positions of this call's training batches
};

struct HeadProbe {
  std::vector<float> weights;  // (T, T) attention on the probe example, row = query
  float previous_token = 0.0f, induction = 0.0f;  // head_scores.h
  std::string label;                              // head_label(): "", "previous-token", "induction"
  // The step at which the head first earned each label at a probe (-1: not yet). Probes set
  // the resolution: a label is noticed at the first probe() after the step it formed.
  int previous_token_step = -1, induction_step = -1;
};

struct Probe {
  std::vector<int> tokens;           // (T) the fixed probe example
  std::vector<std::uint8_t> scored;  // (T)
  std::vector<int> predictions;      // (T) argmax prediction of token i from tokens [0, i); -1 at 0
  std::vector<std::vector<HeadProbe>> layers;  // (L) of (H)
};

struct HeadEvent {
  int step, layer, head;  // 0-based layer and head
  std::string label;      // the label the head earned at that probe
};

class Trainer {
 public:
  explicit Trainer(const TrainerConfig& config);  // validates; GPT-2 init from config.seed

  // steps >= 1 -> progress after them.
  TrainProgress train(int steps);
  // examples >= 1 fresh held-out examples -> fraction of scored tokens predicted exactly.
  float evaluate(int examples);
  // The fixed probe example through the current model; appends label changes to events().
  Probe probe();

  const std::vector<HeadEvent>& events() const { return events_; }
  const TrainerConfig& config() const { return config_; }
  const TaskSpec& spec() const { return spec_; }
  int step() const { return step_; }
  nn::Transformer& model() { return *model_; }

 private:
  // examples -> one batch's inputs and targets (this trainer's buffers) and its forward
  // pass; returns the batch. Scored-token hits of the forward are counted by count_hits().
  nn::Batch fill_batch(const std::vector<Example>& examples);
  int count_hits(int rows) const;
  // probe_att (H, T, T) -> one HeadProbe per head holding its weights (scores filled later).
  std::vector<HeadProbe> head_weights(const float* probe_att, int T) const;
  // Fills every head's previous-token and induction scores: means over score_sequences_.
  void score_heads(Probe& p);
  // A head's new label -> events() and its first-label steps.
  void record_label(int l, int h, HeadProbe& head);

  TrainerConfig config_;
  TaskSpec spec_;
  std::unique_ptr<nn::Transformer> model_;
  AdamW optimizer_;
  AdamWConfig adamw_;
  TaskRng train_rng_, eval_rng_;
  Example probe_example_;
  // The sequences heads are scored on (three lengths: see the constructor): tokens (T), a
  // random prefix of `first` tokens, then n random tokens twice.
  struct ScoreSequence {
    std::vector<int> tokens;
    int first, n;
  };
  std::vector<ScoreSequence> score_sequences_;
  std::vector<int> inputs_, targets_;
  std::vector<std::vector<std::string>> labels_;               // (L, H) last label seen by probe()
  std::vector<std::vector<std::pair<int, int>>> first_steps_;  // (L, H) {previous, induction}
  std::vector<HeadEvent> events_;
  int step_ = 0;
};

}  // namespace attn::train
