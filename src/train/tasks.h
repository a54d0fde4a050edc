// tasks: seeded generators of the small sequence tasks a transformer is trained on live in the
// playground's Train mode (issue 19). Each example is one token sequence (T tokens) and a
// per-position flag saying which tokens the task makes predictable; a causal model reads tokens
// [0, T-1) and is scored only on the flagged tokens it predicts. The tasks:
//   induction  d..d r1..rn r1..rn d..d (n in [2, 12] random symbols repeated, among distractors
//              d: every symbol distinct, so each appears once or twice; the repeat starts at a
//              random offset, so only content, not position, finds the earlier copy): the
//              repeat from its second token on (its first cannot be known: nothing says it starts)
//   reverse    x1..xn | xn..x1      sort  x1..xn | sorted(x)      copy  x1..xn | x1..xn
//   brackets   b1..bn | d1..dn, b a balanced bracket string, di its nesting depth after bi
// (x drawn with replacement; '|' is a separator token). The output half is scored in all four.
//
// Held-out examples: the example space is split by a hash of the example's input part (the
// tokens before the scored region), so an evaluation example is one no training draw can be:
// training draws reject held-out inputs, evaluation draws accept only them.
// Deliberately not here: variable lengths, padding, curriculum.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace attn::train {

enum class Task { kInduction, kReverse, kSort, kCopy, kBrackets };

Task parse_task(std::string_view name);  // "induction" | "reverse" | ... ; invalid_argument else
const char* task_name(Task task);

struct TaskSpec {
  Task task;
  int vocab_size;    // V: every token id is in [0, V)
  int seq_len;       // T: tokens per example
  int first_scored;  // the scored region is [first_scored, T) (induction: its earliest start;
                     // Example::scored is exact)
  int half;          // n: the input part's length (induction: the random sequence's longest)
};

// The fixed sizes of each task (small enough to learn in a minute in a browser).
TaskSpec task_spec(Task task);

struct Example {
  std::vector<int> tokens;           // (T)
  std::vector<std::uint8_t> scored;  // (T) 1 = a token the task makes predictable
};

// A small deterministic generator (SplitMix64): the same seed gives the same stream anywhere.
class TaskRng {
 public:
  explicit TaskRng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next();
  int below(int n);  // uniform in [0, n), n >= 1
 private:
  std::uint64_t state_;
};

enum class Split { kTrain, kHeldOut };

// One random example of the task from rng, drawn until its input part falls in split.
Example make_example(Task task, TaskRng& rng, Split split);

// True when the example's input part (its first n tokens; induction: its random sequence) is in
// the held-out class (about 1 in 8 of the input space).
bool is_held_out(const TaskSpec& spec, const std::vector<int>& tokens);

// n distinct random symbols of [0, symbols) (n <= symbols) repeated: (2n) tokens, the
// sequence the induction score is measured on (see head_scores.h).
std::vector<int> repeated_random_sequence(int n, int symbols, TaskRng& rng);

// What token id shows as: letters for induction symbols, digits, '(' ')' and '|'.
std::string token_text(Task task, int id);

// Causal next-token training pairs for one example: inputs (T-1) = tokens[0, T-1), targets
// (T-1) = tokens[1, T) where scored, else -1. Appended to the given vectors.
void append_training_pair(const Example& example, std::vector<int>& inputs,
                          std::vector<int>& targets);

}  // namespace attn::train
