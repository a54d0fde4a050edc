// The Train mode's task generators (src/train/tasks.h): each task's stated structure, its
// scored positions, the held-out split, and determinism from the seed.
#include "train/tasks.h"

#include <algorithm>
#include <catch.hpp>
#include <set>
#include <vector>

using attn::train::Example;
using attn::train::Split;
using attn::train::Task;
using attn::train::TaskRng;

namespace {

std::vector<int> slice(const std::vector<int>& v, int from, int to) {
  return std::vector<int>(v.begin() + from, v.begin() + to);
}

// Checks what every task shares: length, vocabulary, scored region, then returns the example.
Example checked(Task task, TaskRng& rng, Split split = Split::kTrain) {
  const attn::train::TaskSpec spec = attn::train::task_spec(task);
  Example e = attn::train::make_example(task, rng, split);
  REQUIRE(static_cast<int>(e.tokens.size()) == spec.seq_len);
  REQUIRE(e.scored.size() == e.tokens.size());
  for (int i = 0; i < spec.seq_len; ++i) {
    CHECK(e.tokens[i] >= 0);
    CHECK(e.tokens[i] < spec.vocab_size);
    if (task != Task::kInduction) CHECK(e.scored[i] == (i >= spec.first_scored ? 1 : 0));
  }
  CHECK(attn::train::is_held_out(spec, e.tokens) == (split == Split::kHeldOut));
  return e;
}

}  // namespace

TEST_CASE(
    "tasks: induction is n distinct symbols repeated among distractors seen once, at a varying "
    "offset, scored from the second repeated token",
    "[train][tasks]") {
  TaskRng rng(7);
  const attn::train::TaskSpec spec = attn::train::task_spec(Task::kInduction);
  std::set<int> offsets, lengths;
  for (int k = 0; k < 2000; ++k) {  // enough for every offset (20 only comes with n = 2)
    const Example e = checked(Task::kInduction, rng);
    // Every symbol appears once (a distractor) or twice (the repeat), nothing more.
    std::vector<int> count(spec.vocab_size, 0);
    for (int t : e.tokens) ++count[t];
    int o = 0;
    while (count[e.tokens[o]] != 2) ++o;
    const int n = static_cast<int>(
        std::count_if(e.tokens.begin(), e.tokens.end(), [&](int t) { return count[t] == 2; }) / 2);
    offsets.insert(o);
    lengths.insert(n);
    REQUIRE(o + 2 * n <= spec.seq_len);
    const std::vector<int> first = slice(e.tokens, o, o + n);
    CHECK(first == slice(e.tokens, o + n, o + 2 * n));
    for (int i = 0; i < spec.seq_len; ++i) {
      CHECK(count[e.tokens[i]] <= 2);
      const bool in_repeat = i > o + n && i < o + 2 * n;
      CHECK(e.scored[i] == (in_repeat ? 1 : 0));
      if (i < o || i >= o + 2 * n) CHECK(count[e.tokens[i]] == 1);
    }
  }
  CHECK(lengths == std::set<int>{2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
  CHECK(offsets.size() == static_cast<std::size_t>(spec.seq_len - 2 * 2 + 1));
  CHECK(spec.vocab_size == 26);
  CHECK(attn::train::token_text(Task::kInduction, 25) == "z");
}

TEST_CASE("tasks: reverse, sort and copy put the transformed input after the separator",
          "[train][tasks]") {
  TaskRng rng(11);
  const int n = attn::train::task_spec(Task::kReverse).half;
  for (int k = 0; k < 50; ++k) {
    const Example r = checked(Task::kReverse, rng);
    std::vector<int> x = slice(r.tokens, 0, n);
    CHECK(r.tokens[n] == 10);  // '|'
    CHECK(std::vector<int>(x.rbegin(), x.rend()) == slice(r.tokens, n + 1, 2 * n + 1));
    const Example s = checked(Task::kSort, rng);
    x = slice(s.tokens, 0, n);
    std::sort(x.begin(), x.end());
    CHECK(x == slice(s.tokens, n + 1, 2 * n + 1));
    const Example c = checked(Task::kCopy, rng);
    CHECK(slice(c.tokens, 0, n) == slice(c.tokens, n + 1, 2 * n + 1));
  }
}

TEST_CASE("tasks: brackets are balanced and followed by their depths", "[train][tasks]") {
  TaskRng rng(3);
  const int n = attn::train::task_spec(Task::kBrackets).half;
  for (int k = 0; k < 50; ++k) {
    const Example e = checked(Task::kBrackets, rng);
    int depth = 0;
    for (int i = 0; i < n; ++i) {
      REQUIRE(e.tokens[i] <= 1);  // '(' or ')'
      depth += e.tokens[i] == 0 ? 1 : -1;
      CHECK(depth >= 0);
      CHECK(e.tokens[n + 1 + i] == 3 + depth);
    }
    CHECK(depth == 0);
    CHECK(attn::train::token_text(Task::kBrackets, e.tokens[n]) == "|");
  }
}

TEST_CASE("tasks: held-out examples are never drawn for training, and seeds repeat",
          "[train][tasks]") {
  for (Task task : {Task::kInduction, Task::kReverse, Task::kSort, Task::kCopy, Task::kBrackets}) {
    TaskRng a(5), b(5), held(9);
    int held_out_seen = 0;
    for (int k = 0; k < 200; ++k) {
      const Example x = checked(task, a);
      CHECK(x.tokens == attn::train::make_example(task, b, Split::kTrain).tokens);
      held_out_seen += attn::train::is_held_out(attn::train::task_spec(task), x.tokens);
    }
    CHECK(held_out_seen == 0);
    for (int k = 0; k < 20; ++k) checked(task, held, Split::kHeldOut);
  }
  // The split is a real fraction of the input space (about 1 in 8), not empty or everything.
  TaskRng rng(1);
  int held = 0;
  const attn::train::TaskSpec spec = attn::train::task_spec(Task::kReverse);
  for (int k = 0; k < 4000; ++k) {
    std::vector<int> x(spec.half);
    for (int& v : x) v = rng.below(10);
    held += attn::train::is_held_out(spec, x);
  }
  CHECK(held > 350);
  CHECK(held < 650);
}

TEST_CASE("tasks: pairs are causal next tokens, -1 where nothing is scored", "[train][tasks]") {
  TaskRng rng(2);
  const Example e = checked(Task::kCopy, rng);
  std::vector<int> inputs, targets;
  attn::train::append_training_pair(e, inputs, targets);
  REQUIRE(inputs.size() == e.tokens.size() - 1);
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    CHECK(inputs[i] == e.tokens[i]);
    CHECK(targets[i] == (e.scored[i + 1] ? e.tokens[i + 1] : -1));
  }
  CHECK_THROWS_AS(attn::train::parse_task("sorting"), std::invalid_argument);
  CHECK(attn::train::parse_task("brackets") == Task::kBrackets);
}
