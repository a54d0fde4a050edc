// tasks: see tasks.h.
#include "train/tasks.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace attn::train {
namespace {

constexpr int kInductionSymbols = 26;                      // shown as a..z; id 26 is the filler '.'
constexpr int kInductionMinHalf = 5, kInductionHalf = 10;  // n varies in [5, 10]
constexpr int kInductionLength = 24;                       // the repeat starts after 0..14 fillers
constexpr int kDigits = 10;  // reverse, sort, copy: digits 0..9, then the separator
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

// The input part of an example: what precedes the separator (or the whole first half).
std::vector<int> draw_input(Task task, TaskRng& rng) {
  if (task == Task::kInduction) {
    // Varying length and offset: with either fixed, a head could find the earlier copy by
    // position alone (a constant distance back) instead of by content.
    const int n = kInductionMinHalf + rng.below(kInductionHalf - kInductionMinHalf + 1);
    std::vector<int> x(rng.below(kInductionLength - 2 * n + 1), kInductionSymbols);
    const std::vector<int> r = repeated_random_sequence(n, kInductionSymbols, rng);
    x.insert(x.end(), r.begin(), r.end());
    x.resize(kInductionLength, kInductionSymbols);
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
  if (task == Task::kInduction) {  // the repeat after its first token, not the fillers after it
    const auto is_symbol = [](int t) { return t != kInductionSymbols; };
    const int offset = static_cast<int>(std::find_if(e.tokens.begin(), e.tokens.end(), is_symbol) -
                                        e.tokens.begin());
    const int n = static_cast<int>(std::count_if(e.tokens.begin(), e.tokens.end(), is_symbol)) / 2;
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
      // the first repeated token is unpredictable: scoring starts one after it (with no filler)
      return {task, kInductionSymbols + 1, kInductionLength, kInductionMinHalf + 1, kInductionHalf};
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
  std::uint64_t h = 1469598103934665603ull;  // FNV-1a over the input part (fillers skipped)
  int used = 0;
  for (std::size_t i = 0; i < tokens.size() && used < spec.half; ++i) {
    if (spec.task == Task::kInduction && tokens[i] == kInductionSymbols) continue;
    h ^= static_cast<std::uint64_t>(tokens[i] + 1);
    h *= 1099511628211ull;
    ++used;
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
  std::vector<int> pool(symbols);
  for (int i = 0; i < symbols; ++i) pool[i] = i;
  for (int i = 0; i < n; ++i) std::swap(pool[i], pool[i + rng.below(symbols - i)]);  // Fisher-Yates
  std::vector<int> out(pool.begin(), pool.begin() + n);
  out.insert(out.end(), pool.begin(), pool.begin() + n);
  return out;
}

std::string token_text(Task task, int id) {
  if (task == Task::kInduction)
    return id == kInductionSymbols ? "." : std::string(1, static_cast<char>('a' + id));
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
