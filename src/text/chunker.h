// chunker: a small deterministic shallow parser over Universal POS tags. It finds noun
// phrases and their heads, prepositional phrases, verb groups, clauses (coordinated,
// subordinate and relative) and, inside each clause, which noun-phrase heads stand before
// the verb (subject position) and after it (object position).
//
// It exists so the hand-built heads (heads.h) can use phrase and clause structure as
// per-token features. It is a handful of left-to-right rules, not a parser: it does not build
// a tree, resolve attachment ambiguity, or look at meaning. Its mistakes are visible in the
// page because every feature it sets is named in the score breakdown.
#pragma once

#include <string>
#include <vector>

namespace attn {

struct ChunkInfo {
  int np_id = -1;                 // noun phrase index (0, 1, ...) or -1 outside any noun phrase
  bool np_head = false;           // last noun / name / pronoun of its noun phrase
  bool np_modifier = false;       // in a noun phrase but not its head (determiner, adjective, ...)
  bool in_pp = false;             // inside a prepositional phrase (the preposition's noun phrase)
  bool pp_object = false;         // head of a prepositional phrase's noun phrase
  int vg_id = -1;                 // verb group index or -1
  bool verb_head = false;         // last verb (or auxiliary when alone) of its verb group
  int clause_id = 0;              // clause index, 0 = the first main clause
  int clause_depth = 0;           // 0 main clause, 1 subordinate / relative, 2 deeper
  bool in_relative = false;       // inside a relative clause ("that I saw", "which was red")
  bool relative_pronoun = false;  // the word opening a relative clause
  bool main_verb = false;         // verb head of a depth-0 clause
  bool subject_position = false;  // noun-phrase head outside a PP, before its clause's verb
  bool object_position = false;   // noun-phrase head outside a PP, after its clause's verb
};

// tags: (T) Universal POS tags, lowers: (T) lower-cased words -> (T) ChunkInfo.
// Throws std::invalid_argument when the two sizes differ.
std::vector<ChunkInfo> chunk(const std::vector<std::string>& tags,
                             const std::vector<std::string>& lowers);

// True for he/she/it/they/... and possessives my/his/their/... (the words References asks from).
bool is_personal_pronoun(const std::string& lower);
// True for my/your/his/her/its/our/their (and French possessive determiners are not included).
bool is_possessive_pronoun(const std::string& lower);

}  // namespace attn
