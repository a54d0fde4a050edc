// tasks: see tasks.h.
#include "train/tasks.h"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <tuple>
#include <utility>

namespace attn::train {
namespace {

constexpr int kInductionSymbols = 26;                      // shown as a..z
constexpr int kInductionMinHalf = 2, kInductionHalf = 12;  // n varies in [2, 12]
constexpr int kInductionLength = 24;  // the repeat starts after 0..20 distractors
constexpr int kDigits = 10;           // reverse, sort, copy: digits 0..9, then the separator
constexpr int kDigitHalf = 8;
constexpr int kBracketHalf = 16;  // brackets: '(' = 0, ')' = 1, '|' = 2, depth d = 3 + d
constexpr int kHeldOutClasses = 8;

struct TaskName {
  Task task;
  const char* name;
};
constexpr TaskName kNames[] = {{Task::kInduction, "induction"},
                               {Task::kReverse, "reverse"},
                               {Task::kSort, "sort"},
                               {Task::kCopy, "copy"},
                               {Task::kBrackets, "brackets"}};

// A balanced bracket string of length n (even): open when nothing is open, close when the
// rest must close everything, otherwise either with equal odds.
std::vector<int> balanced_brackets(int n, TaskRng& rng) {
  std::vector<int> out;
  int depth = 0;
  for (int i = 0; i < n; ++i) {
    const int left = n - i;
    const bool open = depth == 0 || (depth < left && rng.below(2) == 0);
    out.push_back(open ? 0 : 1);
    depth += open ? 1 : -1;
  }
  return out;
}

// n distinct random symbols of [0, symbols) (a partial Fisher-Yates shuffle).
std::vector<int> distinct_symbols(int n, int symbols, TaskRng& rng) {
  std::vector<int> pool(symbols);
  for (int i = 0; i < symbols; ++i) pool[i] = i;
  for (int i = 0; i < n; ++i) std::swap(pool[i], pool[i + rng.below(symbols - i)]);
  pool.resize(n);
  return pool;
}

// An induction example's repeat: {offset of its first copy, n} (the symbols seen twice).
std::pair<int, int> repeat_span(const std::vector<int>& tokens) {
  const auto twice = [&](int t) { return std::count(tokens.begin(), tokens.end(), t) == 2; };
  const int offset =
      static_cast<int>(std::find_if(tokens.begin(), tokens.end(), twice) - tokens.begin());
  return {offset, static_cast<int>(std::count_if(tokens.begin(), tokens.end(), twice)) / 2};
}

// The input part of an example: what precedes the separator (or the whole first half).
std::vector<int> draw_input(Task task, TaskRng& rng) {
  if (task == Task::kInduction) {
    // Varying length and offset: with either fixed, a head could find the earlier copy by
    // position alone (a constant distance back) instead of by content. Distractors (symbols
    // seen once) rather than a filler around the repeat: with a filler marking where the
    // sequence starts, "the earliest symbol not yet repeated" predicts the repeat without an
    // induction head, and a model settles there (about 55% held-out) instead of learning one.
    const int n = kInductionMinHalf + rng.below(kInductionHalf - kInductionMinHalf + 1);
    const int before = rng.below(kInductionLength - 2 * n + 1);
    const std::vector<int> s = distinct_symbols(kInductionLength - n, kInductionSymbols, rng);
    std::vector<int> x(s.begin(), s.begin() + before + n);
    x.insert(x.end(), s.begin() + before, s.begin() + before + n);
    x.insert(x.end(), s.begin() + before + n, s.end());
    return x;
  }
  if (task == Task::kBrackets) return balanced_brackets(kBracketHalf, rng);
  std::vector<int> x(kDigitHalf);
  for (int& v : x) v = rng.below(kDigits);
  return x;
}

// input part -> the whole example (separator and output half appended where the task has them).
Example complete(Task task, std::vector<int> tokens) {
  const TaskSpec spec = task_spec(task);
  if (task != Task::kInduction) {
    const std::vector<int> x = tokens;
    const int sep = task == Task::kBrackets ? 2 : kDigits;
    tokens.push_back(sep);
    if (task == Task::kReverse) tokens.insert(tokens.end(), x.rbegin(), x.rend());
    if (task == Task::kCopy) tokens.insert(tokens.end(), x.begin(), x.end());
    if (task == Task::kSort) {
      std::vector<int> sorted = x;
      std::sort(sorted.begin(), sorted.end());
      tokens.insert(tokens.end(), sorted.begin(), sorted.end());
    }
    if (task == Task::kBrackets) {
      int depth = 0;
      for (int b : x) tokens.push_back(3 + (depth += b == 0 ? 1 : -1));
    }
  }
  Example e;
  e.tokens = std::move(tokens);
  e.scored.assign(e.tokens.size(), 0);
  int from = spec.first_scored, to = spec.seq_len;
  if (task == Task::kInduction) {  // the repeat after its first token, not what follows it
    const auto [offset, n] = repeat_span(e.tokens);
    from = offset + n + 1;
    to = offset + 2 * n;
  }
  for (int i = from; i < to; ++i) e.scored[i] = 1;
  return e;
}

}  // namespace

Task parse_task(std::string_view name) {
  for (const TaskName& t : kNames)
    if (name == t.name) return t.task;
  throw std::invalid_argument("task must be 'induction', 'reverse', 'sort', 'copy' or " +
                              std::string("'brackets', got '") + std::string(name) + "'");
}

const char* task_name(Task task) {
  for (const TaskName& t : kNames)
    if (t.task == task) return t.name;
  return "?";
}

TaskSpec task_spec(Task task) {
  switch (task) {
    case Task::kInduction:
      // the first repeated token is unpredictable: scoring starts one after it (with no
      // distractor before it)
      return {task, kInductionSymbols, kInductionLength, kInductionMinHalf + 1, kInductionHalf};
    case Task::kBrackets:
      return {task, 3 + kBracketHalf / 2 + 1, 2 * kBracketHalf + 1, kBracketHalf + 1, kBracketHalf};
    default:
      return {task, kDigits + 1, 2 * kDigitHalf + 1, kDigitHalf + 1, kDigitHalf};
  }
}

std::uint64_t TaskRng::next() {
  std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

int TaskRng::below(int n) { return static_cast<int>(next() % static_cast<std::uint64_t>(n)); }

bool is_held_out(const TaskSpec& spec, const std::vector<int>& tokens) {
  // FNV-1a over the input part (induction: the repeated sequence, whatever surrounds it)
  int from = 0, used = spec.half;
  if (spec.task == Task::kInduction) std::tie(from, used) = repeat_span(tokens);
  std::uint64_t h = 1469598103934665603ull;
  for (int i = from; i < from + used && i < static_cast<int>(tokens.size()); ++i) {
    h ^= static_cast<std::uint64_t>(tokens[i] + 1);
    h *= 1099511628211ull;
  }
  // FNV's low bits depend only on the tokens' low bits: mix before taking the class
  h = (h ^ (h >> 33)) * 0xFF51AFD7ED558CCDull;
  h ^= h >> 33;
  return h % kHeldOutClasses == 0;
}

Example make_example(Task task, TaskRng& rng, Split split) {
  const TaskSpec spec = task_spec(task);
  for (;;) {
    std::vector<int> input = draw_input(task, rng);
    if (is_held_out(spec, input) == (split == Split::kHeldOut))
      return complete(task, std::move(input));
  }
}

std::vector<int> repeated_random_sequence(int n, int symbols, TaskRng& rng) {
  if (n < 1 || n > symbols)
    throw std::invalid_argument("repeated_random_sequence: need 1 <= n <= symbols");
  const std::vector<int> r = distinct_symbols(n, symbols, rng);
  std::vector<int> out = r;
  out.insert(out.end(), r.begin(), r.end());
  return out;
}

std::string token_text(Task task, int id) {
  if (task == Task::kInduction) return std::string(1, static_cast<char>('a' + id));
  if (task == Task::kBrackets) {
    if (id == 0) return "(";
    if (id == 1) return ")";
    if (id == 2) return "|";
    return std::to_string(id - 3);
  }
  return id == kDigits ? "|" : std::to_string(id);
}

void append_training_pair(const Example& example, std::vector<int>& inputs,
                          std::vector<int>& targets) {
  const std::size_t T = example.tokens.size();
  for (std::size_t i = 0; i + 1 < T; ++i) {
    inputs.push_back(example.tokens[i]);
    targets.push_back(example.scored[i + 1] ? example.tokens[i + 1] : -1);
  }
}

}  // namespace attn::train
