// bench_attention: native timing of the core's full multi-head self-attention forward
// (attn::self_attention with need_weights = false), for tests/bench/bench-attention.mjs.
//   bench_attention [--models 64x4,256x8] [--sizes 16,64,256] [--repeats 5] [--max-call-s 3]
// Prints a JSON array of {dModel, heads, n, ms (CPU), gflops, wallMs} (or skipped) to stdout.
// Same method as the JS benchmark: warm-up, then the median of `repeats` repeats of >= 25 ms of
// calls. FLOPs counted: 8·n·d² + 4·n²·d. Build with the native-release preset; a debug/ASan build
// gives meaningless figures.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "attention/matrix.h"
#include "attention/multi_head.h"

namespace {

struct Args {
  std::vector<std::pair<int, int>> models{{64, 4}, {256, 8}, {768, 12}};
  std::vector<int> sizes{16, 64, 256, 1024, 4096};
  int repeats = 5;
  double max_call_s = 3.0;
};

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> parts;
  std::stringstream in(s);
  for (std::string part; std::getline(in, part, sep);) parts.push_back(part);
  return parts;
}

Args parse(int argc, char** argv) {
  Args args;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string key = argv[i], value = argv[i + 1];
    if (key == "--models") {
      args.models.clear();
      for (const std::string& m : split(value, ','))
        args.models.emplace_back(std::stoi(m.substr(0, m.find('x'))),
                                 std::stoi(m.substr(m.find('x') + 1)));
    } else if (key == "--sizes") {
      args.sizes.clear();
      for (const std::string& n : split(value, ',')) args.sizes.push_back(std::stoi(n));
    } else if (key == "--repeats") {
      args.repeats = std::max(5, std::stoi(value));
    } else if (key == "--max-call-s") {
      args.max_call_s = std::stod(value);
    } else {
      std::fprintf(stderr, "bench_attention: unknown argument %s\n", key.c_str());
      std::exit(2);
    }
  }
  return args;
}

attn::Mat random_mat(int rows, int cols, float scale, std::mt19937& rng) {
  std::uniform_real_distribution<float> dist(-scale, scale);
  attn::Mat m(rows, cols);
  for (int i = 0; i < m.size(); ++i) m.data()[i] = dist(rng);
  return m;
}

double now_ms() {
  using clock = std::chrono::steady_clock;
  return std::chrono::duration<double, std::milli>(clock::now().time_since_epoch()).count();
}

double cpu_ms() { return 1000.0 * static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

struct Timing {
  double cpu_ms, wall_ms;
};

// Warm-up, then the median over repeats of the mean call time of >= 25 ms of calls, as
// process CPU time (unaffected by time spent descheduled on a loaded machine) and wall time.
template <class Run>
Timing time_calls(Run run, int repeats) {
  double t0 = now_ms();
  run();
  const double once = std::max(now_ms() - t0, 1e-3);
  const int calls = std::max(1, static_cast<int>(std::ceil(25.0 / once)));
  std::vector<double> cpu, wall;
  for (int r = 0; r < repeats; ++r) {
    const double c0 = cpu_ms();
    t0 = now_ms();
    for (int c = 0; c < calls; ++c) run();
    wall.push_back((now_ms() - t0) / calls);
    cpu.push_back((cpu_ms() - c0) / calls);
  }
  std::sort(cpu.begin(), cpu.end());
  std::sort(wall.begin(), wall.end());
  return {cpu[cpu.size() / 2], wall[wall.size() / 2]};
}

}  // namespace

int main(int argc, char** argv) {
  const Args args = parse(argc, argv);
  std::mt19937 rng(42);
  std::printf("[");
  bool first = true;
  for (const auto& [E, H] : args.models) {
    attn::MultiHeadWeights w;
    w.embed_dim = E;
    w.num_heads = H;
    w.in_proj_weight = random_mat(3 * E, E, 1.0f / std::sqrt(static_cast<float>(E)), rng);
    w.in_proj_bias = random_mat(3 * E, 1, 0.1f, rng);
    w.out_proj_weight = random_mat(E, E, 1.0f / std::sqrt(static_cast<float>(E)), rng);
    w.out_proj_bias = random_mat(E, 1, 0.1f, rng);
    attn::MultiHeadOptions options;
    options.need_weights = false;
    double rate = 0;  // GFLOP/s at the previous n
    for (int n : args.sizes) {
      const double flops = 8.0 * n * E * E + 4.0 * n * n * E;
      std::printf("%s\n  {\"dModel\": %d, \"heads\": %d, \"n\": %d, ", first ? "" : ",", E, H, n);
      first = false;
      const double predicted_s = rate > 0 ? flops / rate / 1e9 : 0;
      if (predicted_s > args.max_call_s) {
        std::printf("\"skipped\": \"predicted %.1f s per call > --max-call-s\"}", predicted_s);
        continue;
      }
      const attn::Mat x = random_mat(n, E, 1.0f, rng);
      const Timing t =
          time_calls([&] { return attn::self_attention(x, w, options); }, args.repeats);
      rate = flops / std::min(t.cpu_ms, t.wall_ms) / 1e6;
      std::printf("\"ms\": %.6f, \"gflops\": %.3f, \"wallMs\": %.6f}", t.cpu_ms,
                  flops / t.cpu_ms / 1e6, t.wall_ms);
      std::fflush(stdout);
    }
  }
  std::printf("\n]\n");
  return 0;
}
