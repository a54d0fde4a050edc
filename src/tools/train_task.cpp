// train_task: trains one Train-mode task (src/train/trainer.h) natively and prints, every
// --every steps, the training loss, held-out accuracy and each head's previous-token and
// induction scores: the tool behind the per-task defaults (issue 19's learning targets).
// Unset flags take the task's defaults (task_defaults, what the page uses); seed 1 unless set.
//   train_task --task induction [--steps 3000] [--every 100] [--layers N] [--heads N]
//              [--embed N] [--mlp 0|1] [--lr X] [--batch N] [--seed 1]
//              [--positions learned|sinusoidal] [--warmup N] [--wd X] [--beta2 X]
//              [--init X] [--embed-scale X] [--tie 0|1] [--stop 0.95]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>

#include "train/trainer.h"

int main(int argc, char** argv) {
  std::map<std::string, std::string> a;
  for (int i = 1; i + 1 < argc; i += 2) a[std::string(argv[i]).substr(2)] = argv[i + 1];
  auto get = [&](const char* k, const char* d) { return a.count(k) ? a[k] : std::string(d); };
  using namespace attn::train;
  // The task's defaults (what the page opens with), then whatever the flags say.
  TrainerConfig c = task_defaults(parse_task(get("task", "induction")));
  auto set = [&](const char* k, auto& field, auto parse) {
    if (a.count(k)) field = parse(a[k]);
  };
  const auto to_int = [](const std::string& v) { return std::stoi(v); };
  const auto to_float = [](const std::string& v) { return std::stof(v); };
  const auto yes = [](const std::string& v) { return v != "0"; };
  set("layers", c.layers, to_int);
  set("heads", c.heads, to_int);
  set("embed", c.embed_dim, to_int);
  if (a.count("mlp")) c.attention_only = a["mlp"] == "0";
  set("lr", c.lr, to_float);
  set("batch", c.batch, to_int);
  c.seed = static_cast<std::uint32_t>(std::stoul(get("seed", "1")));
  if (a.count("positions")) c.positions = attn::nn::parse_position_encoding(a["positions"]);
  set("warmup", c.warmup, to_int);
  set("wd", c.weight_decay, to_float);
  set("beta2", c.beta2, to_float);
  set("init", c.init_scale, to_float);
  set("embed-scale", c.embed_scale, to_float);
  set("tie", c.tie_embeddings, yes);
  const int steps = std::stoi(get("steps", "3000")), every = std::stoi(get("every", "100"));
  const float stop = std::stof(get("stop", "0.95"));
  Trainer t(c);
  const auto t0 = std::chrono::steady_clock::now();
  for (int s = 0; s < steps; s += every) {
    const TrainProgress p = t.train(every);
    const float acc = t.evaluate(256);
    const Probe probe = t.probe();
    const double sec = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("step %5d %6.1fs loss %.3f train %.3f held-out %.3f |", p.step, sec, p.loss,
                p.accuracy, acc);
    for (std::size_t l = 0; l < probe.layers.size(); ++l)
      for (std::size_t h = 0; h < probe.layers[l].size(); ++h)
        std::printf(" L%zuH%zu %.2f/%.2f", l + 1, h + 1, probe.layers[l][h].previous_token,
                    probe.layers[l][h].induction);
    std::printf("\n");
    std::fflush(stdout);
    if (acc >= stop) break;
  }
  for (const HeadEvent& e : t.events())
    std::printf("event: step %d L%dH%d %s\n", e.step, e.layer + 1, e.head + 1, e.label.c_str());
}
