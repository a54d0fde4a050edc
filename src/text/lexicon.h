// lexicon: the French -> English word lexicon used for cross attention. A French token is
// looked up by its lower-cased form (accents kept: "été" and "ete" differ) and gets the English
// lemma it translates to (its gloss, whose word vector the page then uses) and a Universal POS
// tag. Unknown words are flagged known = false and keep their own lookup form as gloss.
// Numbers, punctuation, symbols and [MASK] are not words: they pass through unchanged.
// File format (src/data/lexicon_fr.tsv, UTF-8): '#' comment lines, then the header
//   form<TAB>gloss<TAB>tag<TAB>features
// then one row per form: form = lower-case lookup form, gloss = one English word (no spaces),
// tag = NOUN VERB AUX ADJ ADV DET PRON ADP CCONJ SCONJ NUM PART INTJ PROPN, features =
// UD-style features such as Masc|Plur or "_". Each form appears once.
// It does not do sense disambiguation, morphology for unlisted forms, or phrase translation.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace attn {

struct LexiconEntry {
  std::string gloss;     // English lemma, e.g. "cat" for "chats"
  std::string tag;       // Universal POS tag, e.g. "NOUN"
  std::string features;  // e.g. "Masc|Plur", "_" when none
};

struct Translation {
  std::string gloss;  // English lemma; the lookup form itself when unknown or not a word
  std::string
      tag;     // Universal POS; PUNCT / SYM / NUM for non-words, X for unknown words and [MASK]
  bool known;  // false only for words missing from the lexicon
};

class Lexicon {
 public:
  // bytes: the whole TSV file -> Lexicon. Throws std::invalid_argument("lexicon: line N: ...")
  // on invalid UTF-8, a missing header, a wrong field count, an unknown tag, an upper-case or
  // duplicate form, an empty gloss or a gloss with spaces, or a file without entries.
  static Lexicon parse(std::string_view bytes);

  // lower: lookup form -> entry, or nullptr when the form is not listed.
  const LexiconEntry* find(std::string_view lower) const;

  // token: any token string (surface or lookup form) -> its translation. An unlisted hyphenated
  // word (dit-il, est-ce) takes the entry of its part before the first hyphen.
  Translation translate(std::string_view token) const;

  std::size_t size() const { return entries_.size(); }

 private:
  std::unordered_map<std::string, LexiconEntry> entries_;
};

}  // namespace attn
