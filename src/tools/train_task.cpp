// train_task: trains one Train-mode task (src/train/trainer.h) natively and prints, every
// --every steps, the training loss, held-out accuracy and each head's previous-token and
// induction scores: the tool behind the per-task defaults (issue 19's learning targets).
//   train_task --task induction [--steps 3000] [--every 100] [--layers 2] [--heads 2]
//              [--embed 64] [--mlp 0|1] [--lr 1e-3] [--batch 32] [--seed 1]
//              [--positions learned|sinusoidal] [--warmup 0] [--wd 0] [--beta2 0.999]
//              [--init 1] [--stop 0.95]
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
  TrainerConfig c;
  c.task = parse_task(get("task", "induction"));
  c.layers = std::stoi(get("layers", "2"));
  c.heads = std::stoi(get("heads", "2"));
  c.embed_dim = std::stoi(get("embed", "64"));
  c.attention_only = get("mlp", "0") == "0";
  c.lr = std::stof(get("lr", "1e-3"));
  c.batch = std::stoi(get("batch", "32"));
  c.seed = static_cast<std::uint32_t>(std::stoul(get("seed", "1")));
  c.positions = attn::nn::parse_position_encoding(get("positions", "learned"));
  c.warmup = std::stoi(get("warmup", "0"));
  c.weight_decay = std::stof(get("wd", "0"));
  c.beta2 = std::stof(get("beta2", "0.999"));
  c.init_scale = std::stof(get("init", "1"));
  c.embed_scale = std::stof(get("embed-scale", "1"));
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
