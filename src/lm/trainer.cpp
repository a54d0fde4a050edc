// trainer: see trainer.h.
#include "lm/trainer.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>

#include "io/checkpoint.h"
#include "lm/batches.h"
#include "lm/train_state.h"
#include "train/schedule.h"
#include "train/train_step.h"

namespace attn::lm {
namespace {

// Keeps the log's lines for steps before `from` (a resumed run rewrites the rest).
std::vector<std::string> kept_log(const std::string& path, int from) {
  std::vector<std::string> lines;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);)
    if (!line.empty() && std::stoi(line) < from) lines.push_back(line);
  return lines;
}

void save(const std::string& out, const nn::Transformer& model, train::AdamW& opt,
          const std::vector<std::string>& log) {
  write_file(out + "/model.safetensors", io::save_transformer(model));
  write_file(out + "/optimizer.safetensors", save_optimizer(opt));
  std::ofstream f(out + "/loss.tsv");
  for (const std::string& line : log) f << line << '\n';
  if (!f) throw std::runtime_error("cannot write " + out + "/loss.tsv");
}

std::unique_ptr<nn::Transformer> start_model(int vocab_size, const TrainOptions& o) {
  if (o.resume) {
    const std::vector<std::uint8_t> bytes = read_file(o.out + "/model.safetensors");
    return io::load_transformer(bytes.data(), bytes.size());
  }
  nn::TransformerConfig c;
  c.vocab_size = vocab_size, c.max_positions = o.context, c.embed_dim = o.embed;
  c.num_heads = o.heads, c.num_layers = o.layers, c.mlp_dim = 4 * o.embed;
  c.causal = !o.masked;
  auto model = std::make_unique<nn::Transformer>(c);
  if (o.init_from.empty()) {
    model->init_gpt2(static_cast<std::uint32_t>(o.seed));
    return model;
  }
  const std::vector<std::uint8_t> bytes = read_file(o.init_from);
  const auto start = io::load_transformer(bytes.data(), bytes.size());
  nn::TransformerConfig s = start->config();
  s.causal = c.causal;
  if (s.num_layers < c.num_layers && c.norm != nn::NormPlacement::kPre)
    throw std::invalid_argument("train: " + o.init_from +
                                " has fewer layers than this run; only a pre-LN model grows");
  if (s.vocab_size != c.vocab_size || s.max_positions != c.max_positions ||
      s.embed_dim != c.embed_dim || s.num_heads != c.num_heads || s.num_layers > c.num_layers ||
      s.num_layers < 1 || s.mlp_dim != c.mlp_dim || s.norm != c.norm ||
      s.positions != c.positions || s.tie_embeddings != c.tie_embeddings ||
      s.mlm_head != c.mlm_head || s.type_vocab_size != c.type_vocab_size)
    throw std::invalid_argument("train: " + o.init_from +
                                " has other dimensions than this run's options");
  // Extra layers: init_gpt2's weights, then their residual projections zeroed below, so each
  // adds 0 to the residual stream (pre-LN) and the run starts at the checkpoint's predictions.
  if (s.num_layers < c.num_layers) model->init_gpt2(static_cast<std::uint32_t>(o.seed));
  // Every tensor of the checkpoint by name (its layers are this run's first ones).
  for (const nn::TensorInfo& from : start->tensors()) {
    const auto to = std::find_if(model->tensors().begin(), model->tensors().end(),
                                 [&](const nn::TensorInfo& t) { return t.name == from.name; });
    if (to == model->tensors().end() || to->shape != from.shape)
      throw std::invalid_argument("train: " + o.init_from + " has a tensor " + from.name +
                                  " that this run's model lacks");
    std::copy_n(start->params() + from.offset, from.size, model->params() + to->offset);
  }
  for (const nn::TensorInfo& t : model->tensors()) {
    const bool extra = t.name.rfind("h.", 0) == 0 && std::stoi(t.name.substr(2)) >= s.num_layers;
    const bool residual = t.name.find(".attn.c_proj.") != std::string::npos ||
                          t.name.find(".mlp.c_proj.") != std::string::npos;
    if (extra && residual) std::fill_n(model->params() + t.offset, t.size, 0.0f);
  }
  return model;
}

}  // namespace

TrainReport train_language_model(const std::vector<int>& stream, int vocab_size,
                                 const TrainOptions& o, std::FILE* progress) {
  if (o.steps < 0 || o.batch < 1 || o.log_every < 1 || o.save_every < 1)
    throw std::invalid_argument("train: steps >= 0, batch, log_every, save_every >= 1");
  const int total = o.total_steps > 0 ? o.total_steps : o.steps;
  std::unique_ptr<nn::Transformer> model = start_model(vocab_size, o);
  train::AdamW opt(model->tensors());
  if (o.resume) load_optimizer(read_file(o.out + "/optimizer.safetensors"), opt);
  TrainReport report;
  report.first_step = opt.steps_taken();
  report.parameters = model->num_params();
  BatchSpec spec;
  spec.B = o.batch, spec.T = model->config().max_positions, spec.seed = o.seed;
  spec.masked = o.masked, spec.vocab_size = vocab_size;
  train::AdamWConfig config;
  config.weight_decay = o.weight_decay, config.clip_norm = o.clip;
  std::vector<std::string> log = kept_log(o.out + "/loss.tsv", report.first_step);
  std::vector<int> ids, targets;
  double interval = 0.0;
  const std::clock_t cpu0 = std::clock();
  const auto wall0 = std::chrono::steady_clock::now();
  for (int step = report.first_step; step < o.steps; ++step) {
    make_batch(stream, spec, step, ids, targets);
    config.lr = train::lr_warmup_cosine(step, o.warmup, total, o.lr, o.min_lr);
    nn::Batch batch;
    batch.ids = ids.data(), batch.B = spec.B, batch.T = spec.T;
    const auto r = train::train_step(*model, opt, batch, targets.data(), config);
    std::ostringstream line;
    line << step << '\t' << r.loss << '\t' << config.lr << '\t' << r.grad_norm;
    log.push_back(line.str());
    report.losses.push_back(r.loss);
    interval += r.loss;
    if ((step + 1) % o.log_every == 0 && progress) {
      const double s = double(std::clock() - cpu0) / CLOCKS_PER_SEC;
      std::fprintf(progress, "step %d loss %.4f lr %.2e  %.2f steps/s CPU\n", step + 1,
                   interval / o.log_every, config.lr, (step + 1 - report.first_step) / s);
      std::fflush(progress);
    }
    if ((step + 1) % o.log_every == 0) interval = 0.0;
    if ((step + 1) % o.save_every == 0) save(o.out, *model, opt, log);
  }
  save(o.out, *model, opt, log);
  report.cpu_seconds = double(std::clock() - cpu0) / CLOCKS_PER_SEC;
  report.wall_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
  return report;
}

}  // namespace attn::lm
