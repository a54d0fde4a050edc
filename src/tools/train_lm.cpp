// train_lm: trains one of the learned models (issue 18) with the project's engine on the token
// streams prep_brown wrote, deterministically from --seed (the loop: src/lm/trainer.h).
//   train_lm --kind causal|masked --data build/learned --out build/learned/causal
//            [--steps N] [--total-steps S] [--seed 1] [--resume] [--batch 16] [--context 64]
//            [--embed 96] [--heads 4] [--layers 2] [--lr 3e-3] [--min-lr 3e-4] [--warmup 100]
//            [--weight-decay 0.01] [--clip 1] [--save-every 100] [--log-every 25]
//            [--init-from checkpoint.safetensors]
// The learning rate follows warmup + cosine over --total-steps (default --steps); the run stops
// after step --steps. --resume continues from the checkpoint in --out: with the same options,
// N steps straight and N/2 + resume to N give the same weights. Both models: pre-LN blocks,
// GELU (tanh), tied embeddings, learned positions, MLP 4·embed; masked = bidirectional
// attention trained with BERT's 15% / 80-10-10 masking. --init-from may name a checkpoint with
// fewer layers: the extra layers start as the identity (lm/trainer.h).
#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

#include "lm/trainer.h"
#include "lm/vocab.h"

namespace {

struct Args {
  int argc;
  char** argv;
  std::string str(const std::string& name, const std::string& fallback) const {
    for (int i = 1; i + 1 < argc; ++i)
      if (argv[i] == name) return argv[i + 1];
    return fallback;
  }
  int num(const std::string& name, int fallback) const {
    return std::stoi(str(name, std::to_string(fallback)));
  }
  float real(const std::string& name, float fallback) const {
    const std::string s = str(name, "");
    return s.empty() ? fallback : std::stof(s);
  }
  bool flag(const std::string& name) const {
    for (int i = 1; i < argc; ++i)
      if (argv[i] == name) return true;
    return false;
  }
};

}  // namespace

int main(int argc, char** argv) {
  try {
    const Args a{argc, argv};
    const std::string kind = a.str("--kind", "causal"), data = a.str("--data", "build/learned");
    if (kind != "causal" && kind != "masked")
      throw std::invalid_argument("--kind must be causal or masked");
    attn::lm::TrainOptions o;
    o.masked = kind == "masked", o.out = a.str("--out", data + "/" + kind);
    o.steps = a.num("--steps", o.steps), o.total_steps = a.num("--total-steps", o.steps);
    o.seed = static_cast<std::uint64_t>(a.num("--seed", 1));
    o.batch = a.num("--batch", o.batch), o.context = a.num("--context", o.context);
    o.embed = a.num("--embed", o.embed), o.heads = a.num("--heads", o.heads);
    o.layers = a.num("--layers", o.layers);
    o.lr = a.real("--lr", o.lr), o.min_lr = a.real("--min-lr", o.min_lr);
    o.weight_decay = a.real("--weight-decay", o.weight_decay), o.clip = a.real("--clip", o.clip);
    o.warmup = a.num("--warmup", o.warmup), o.save_every = a.num("--save-every", o.save_every);
    o.log_every = a.num("--log-every", o.log_every), o.resume = a.flag("--resume");
    o.init_from = a.str("--init-from", "");
    const attn::lm::Vocab vocab = attn::lm::read_vocab(data + "/vocab.txt");
    const std::vector<int> stream = attn::lm::read_ids(data + "/train.ids");
    std::fprintf(stderr, "train_lm %s: %zu training tokens, to step %d of %d\n", kind.c_str(),
                 stream.size(), o.steps, o.total_steps);
    const auto r = attn::lm::train_language_model(stream, vocab.size(), o, stdout);
    std::printf("done: steps %d..%d, %.1f s CPU, %.1f s wall (%zu parameters)\n", r.first_step,
                o.steps, r.cpu_seconds, r.wall_seconds, r.parameters);
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "train_lm: %s\n", e.what());
    return 1;
  }
}
