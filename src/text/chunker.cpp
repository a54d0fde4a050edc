// chunker: noun phrases, prepositional phrases, verb groups and clauses by left-to-right rules
// (see chunker.h). Four passes over the tags, each small enough to read on its own.
#include "text/chunker.h"

#include <algorithm>
#include <stdexcept>
#include <string_view>

namespace attn {
namespace {

bool one_of(const std::string& word, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), word) != set.end();
}

bool is_time_word(const std::string& w) {
  // Taggers call these nouns; inside a sentence they behave like adverbs ("I saw John yesterday").
  return one_of(w, {"yesterday", "today", "tomorrow", "tonight", "now", "then"});
}

bool is_relative_word(const std::string& w) {
  return one_of(w, {"that", "which", "who", "whom", "whose", "qui", "que", "dont", "où"});
}

bool is_subordinator(const std::string& tag, const std::string& w) {
  return tag == "SCONJ" ||
         one_of(w, {"because", "although", "though", "while", "whereas", "when", "whenever",
                    "until", "unless", "if", "since", "parce", "quand", "si"});
}

struct Ctx {
  const std::vector<std::string>& tags;
  const std::vector<std::string>& words;
  std::vector<ChunkInfo>& out;
  int n() const { return static_cast<int>(tags.size()); }
  const std::string& tag(int i) const { return tags[static_cast<std::size_t>(i)]; }
  const std::string& word(int i) const { return words[static_cast<std::size_t>(i)]; }
  ChunkInfo& at(int i) { return out[static_cast<std::size_t>(i)]; }
  bool in_range(int i) const { return i >= 0 && i < n(); }
  bool nominal(int i) const {
    return in_range(i) && (tag(i) == "NOUN" || tag(i) == "PROPN") && !is_time_word(word(i));
  }
  bool is_verbal(int i) const { return in_range(i) && (tag(i) == "VERB" || tag(i) == "AUX"); }
};

// pass 1: noun phrases. [DET | possessive] (ADV? ADJ | NUM | NOUN | PROPN)* with the last
// noun as head; a lone personal pronoun is a noun phrase of its own.
void find_noun_phrases(Ctx& c) {
  int np = 0;
  for (int i = 0; i < c.n();) {
    const std::string& t = c.tag(i);
    const std::string& w = c.word(i);
    const bool prev_is_np_head = i > 0 && c.at(i - 1).np_head;
    if (is_relative_word(w) && prev_is_np_head && t != "DET") {
      c.at(i).relative_pronoun = true;  // "the cat that ...": opens a relative clause, not an NP
      ++i;
      continue;
    }
    if (is_relative_word(w) && i > 1 && c.tag(i - 1) == "PUNCT" && c.word(i - 1) == "," &&
        c.at(i - 2).np_head) {
      c.at(i).relative_pronoun = true;  // "the cat, which ..."
      ++i;
      continue;
    }
    const bool possessive = is_possessive_pronoun(w) &&
                            (c.nominal(i + 1) || (c.in_range(i + 1) && c.tag(i + 1) == "ADJ"));
    const bool starts = t == "DET" || possessive || t == "NUM" || t == "ADJ" || c.nominal(i);
    if (t == "PRON" && !possessive) {
      c.at(i).np_id = np++;
      c.at(i).np_head = true;
      ++i;
      continue;
    }
    if (!starts) {
      ++i;
      continue;
    }
    int j = i + 1;
    bool seen_noun = c.nominal(i);
    while (c.in_range(j)) {
      const std::string& u = c.tag(j);
      const bool adv_before_adj = u == "ADV" && c.in_range(j + 1) && c.tag(j + 1) == "ADJ";
      // After a noun only more nouns continue the phrase ("coffee cup"); an adjective or number
      // starts the next one ("a new car | last week").
      if (seen_noun && !c.nominal(j)) break;
      if (u == "ADJ" || u == "NUM" || c.nominal(j) || adv_before_adj) {
        seen_noun = seen_noun || c.nominal(j);
        ++j;
      } else {
        break;
      }
    }
    int head = -1;
    for (int k = i; k < j; ++k) {
      if (c.nominal(k)) head = k;
    }
    // A determiner or adjective without a noun ("this is", "the rich") heads itself only when it
    // is a single word; a predicative adjective after a verb is not a noun phrase at all.
    if (head < 0) {
      if (t == "ADJ" && i > 0 && c.is_verbal(i - 1)) {
        i = j;
        continue;
      }
      head = j - 1;
    }
    for (int k = i; k < j; ++k) {
      c.at(k).np_id = np;
      c.at(k).np_head = k == head;
      c.at(k).np_modifier = k != head;
    }
    ++np;
    i = j;
  }
}

// pass 2: a preposition followed by a noun phrase makes a prepositional phrase.
void find_prepositional_phrases(Ctx& c) {
  for (int i = 0; i + 1 < c.n(); ++i) {
    if (c.tag(i) != "ADP") continue;
    const int np = c.at(i + 1).np_id;
    if (np < 0) continue;
    for (int k = i + 1; k < c.n() && c.at(k).np_id == np; ++k) {
      c.at(k).in_pp = true;
      c.at(k).pp_object = c.at(k).np_head;
    }
  }
}

// pass 3: verb groups: runs of AUX / VERB with negations and adverbs inside ("has not been",
// "will quickly run"); an infinitive "to" starts a new group ("wants | to sleep").
void find_verb_groups(Ctx& c) {
  int vg = 0;
  for (int i = 0; i < c.n();) {
    if (!c.is_verbal(i) && !(c.word(i) == "to" && c.is_verbal(i + 1))) {
      ++i;
      continue;
    }
    int j = i + 1;
    int last_verb = c.is_verbal(i) ? i : -1;
    while (c.in_range(j)) {
      const bool negation = c.tag(j) == "PART" && (c.word(j) == "not" || c.word(j) == "n't");
      const bool inner_adv = c.tag(j) == "ADV" && c.is_verbal(j + 1);
      // Auxiliaries come before the main verb, so a verb after a main verb starts a new group:
      // "was stolen | called the police", "the police arrested | was innocent".
      bool has_main = false;
      for (int k = i; k < j; ++k) has_main = has_main || c.tag(k) == "VERB";
      if (c.is_verbal(j) && !has_main) {
        last_verb = j;
        ++j;
      } else if (negation || inner_adv) {
        ++j;
      } else {
        break;
      }
    }
    // The head is the last main verb; an auxiliary heads only a group without one ("is").
    int head = last_verb;
    for (int k = i; k < j; ++k) {
      if (c.tag(k) == "VERB") head = k;
    }
    for (int k = i; k < j; ++k) c.at(k).vg_id = vg;
    if (head >= 0) c.at(head).verb_head = true;
    ++vg;
    i = j;
  }
}

struct Clause {
  int id;
  int depth;
  bool relative;
  int verb_groups;
  bool aux_only;  // its only verb group so far is auxiliaries ("did", "is"): a question
};

// pass 4: clauses with a stack: relative pronouns and subordinators open a deeper clause, a
// coordinator before a new verb opens a sibling, a comma or a second verb group closes a
// relative clause, and sentence punctuation starts a new main clause.
void find_clauses(Ctx& c) {
  int next_id = 1;
  std::vector<Clause> stack{{0, 0, false, 0, false}};
  auto open = [&](bool relative, int depth) {
    stack.push_back({next_id++, depth, relative, 0, false});
  };
  for (int i = 0; i < c.n(); ++i) {
    const std::string& t = c.tag(i);
    const std::string& w = c.word(i);
    const bool vg_start = c.at(i).vg_id >= 0 && (i == 0 || c.at(i - 1).vg_id != c.at(i).vg_id);
    if (t == "PUNCT" && one_of(w, {".", "?", "!", ";", ":"})) {
      stack.assign(1, {next_id++, 0, false, 0, false});
    } else if (t == "PUNCT" && w == "," && stack.size() > 1 && stack.back().verb_groups > 0) {
      stack.pop_back();
    } else if (c.at(i).relative_pronoun) {
      open(true, std::min(stack.back().depth + 1, 2));
    } else if (is_subordinator(t, w) && i + 1 < c.n()) {
      open(false, std::min(stack.back().depth + 1, 2));
    } else if (t == "CCONJ" && stack.back().verb_groups > 0) {
      // "and slept" or "and the dog barked": a new clause when a verb follows soon.
      int k = i + 1;
      while (c.in_range(k) && c.at(k).np_id >= 0) ++k;
      if (c.is_verbal(k) || (c.in_range(k) && c.word(k) == "to")) {
        Clause sibling = stack.back();
        stack.back() = {next_id++, sibling.depth, sibling.relative, 0, false};
      }
    } else if (vg_start) {
      Clause& top = stack.back();
      bool np_between = false;
      for (int k = i - 1; k >= 0 && c.at(k).vg_id < 0; --k) {
        if (c.at(k).np_head && !c.at(k).in_pp && !c.at(k).relative_pronoun) np_between = true;
      }
      if (top.relative && top.verb_groups > 0 && stack.size() > 1) {
        stack.pop_back();  // "the cat that I saw | was sleeping": back to the outer clause
      } else if (top.verb_groups > 0 && np_between && !top.aux_only) {
        open(false, std::min(top.depth + 1, 2));  // "I think | the cat sleeps"
        // The subject before this verb belongs to the new clause too.
        for (int k = i - 1; k >= 0 && c.at(k).vg_id < 0 && c.tag(k) != "PUNCT"; --k) {
          c.at(k).clause_id = stack.back().id;
          c.at(k).clause_depth = stack.back().depth;
        }
      }
    }
    Clause& top = stack.back();
    if (vg_start) {
      bool aux_only = true;
      for (int k = i; k < c.n() && c.at(k).vg_id == c.at(i).vg_id; ++k) {
        if (c.tag(k) == "VERB") aux_only = false;
      }
      top.aux_only = top.verb_groups == 0 && aux_only;
      ++top.verb_groups;
    }
    c.at(i).clause_id = top.id;
    c.at(i).clause_depth = top.depth;
    c.at(i).in_relative = top.relative;
  }
}

// Subject / object position: noun-phrase heads outside PPs before / after their clause's
// first main verb (or first verb when the clause has only auxiliaries).
void find_roles(Ctx& c) {
  for (int i = 0; i < c.n(); ++i) {
    ChunkInfo& info = c.at(i);
    if (info.verb_head && info.clause_depth == 0) info.main_verb = true;
    if (!info.np_head || info.in_pp) continue;
    int first_verb = -1, first_any = -1;
    for (int k = 0; k < c.n(); ++k) {
      if (c.at(k).clause_id != info.clause_id || !c.is_verbal(k)) continue;
      if (first_any < 0) first_any = k;
      if (first_verb < 0 && c.tag(k) == "VERB") first_verb = k;
    }
    const int verb = first_verb >= 0 ? first_verb : first_any;
    if (verb < 0) continue;
    info.subject_position = i < verb;
    info.object_position = i > verb;
  }
}

}  // namespace

bool is_possessive_pronoun(const std::string& w) {
  return one_of(w, {"my", "your", "his", "her", "its", "our", "their", "whose"});
}

bool is_personal_pronoun(const std::string& w) {
  return is_possessive_pronoun(w) ||
         one_of(w, {"he",     "him",        "she",  "it",     "they", "them", "himself", "herself",
                    "itself", "themselves", "hers", "theirs", "i",    "me",   "we",      "us",
                    "you",    "mine",       "ours", "yours",  "il",   "elle", "ils",     "elles",
                    "lui",    "leur",       "son",  "sa",     "ses"});
}

std::vector<ChunkInfo> chunk(const std::vector<std::string>& tags,
                             const std::vector<std::string>& lowers) {
  if (tags.size() != lowers.size()) {
    throw std::invalid_argument("chunk: tags has " + std::to_string(tags.size()) +
                                " entries but lowers has " + std::to_string(lowers.size()));
  }
  std::vector<ChunkInfo> out(tags.size());
  Ctx c{tags, lowers, out};
  find_noun_phrases(c);
  find_prepositional_phrases(c);
  find_verb_groups(c);
  find_clauses(c);
  find_roles(c);
  return out;
}

}  // namespace attn
