// lexicon: the committed French lexicon (ATTN_DATA_DIR/lexicon_fr.tsv) covers the tutorial
// sentences and the inflection classes it promises; the loader rejects corrupt files clearly.
#include "text/lexicon.h"

#include <catch.hpp>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "text/tokenizer.h"

namespace {

std::string read_lexicon_file() {
  std::ifstream in(std::string(ATTN_DATA_DIR) + "/lexicon_fr.tsv", std::ios::binary);
  REQUIRE(in.good());
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

const attn::Lexicon& lexicon() {
  static const attn::Lexicon instance = attn::Lexicon::parse(read_lexicon_file());
  return instance;
}

// "gloss/TAG" per token of a French sentence, "?" for unknown words.
std::vector<std::string> glosses(const std::string& sentence) {
  attn::TokenizeOptions options;
  options.lang = attn::Lang::kFrench;
  std::vector<std::string> out;
  for (const attn::Token& token : attn::tokenize(sentence, options).tokens) {
    const attn::Translation t = lexicon().translate(token.text);
    out.push_back(t.known ? t.gloss + "/" + t.tag : "?" + t.gloss);
  }
  return out;
}

using V = std::vector<std::string>;
const std::string kHeader = "form\tgloss\ttag\tfeatures\n";

}  // namespace

TEST_CASE("lexicon: the committed file loads with at least 2,000 forms", "[lexicon]") {
  CHECK(lexicon().size() >= 2000);
}

TEST_CASE("lexicon: tutorial sentences are fully covered", "[lexicon]") {
  CHECK(glosses("Le chat dort") == V{"the/DET", "cat/NOUN", "sleep/VERB"});
  CHECK(glosses("Les enfants jouent dans le jardin.") ==
        V{"the/DET", "child/NOUN", "play/VERB", "in/ADP", "the/DET", "garden/NOUN", "./PUNCT"});
  CHECK(glosses("J'aime les pommes rouges") ==
        V{"I/PRON", "love/VERB", "the/DET", "apple/NOUN", "red/ADJ"});
  CHECK(glosses("La petite fille mange une pomme verte.") == V{"the/DET", "small/ADJ", "girl/NOUN",
                                                               "eat/VERB", "a/DET", "apple/NOUN",
                                                               "green/ADJ", "./PUNCT"});
  CHECK(glosses("L'homme n'est pas là aujourd'hui") ==
        V{"the/DET", "man/NOUN", "not/PART", "be/AUX", "not/ADV", "there/ADV", "today/ADV"});
  CHECK(glosses("Nous avons vu un beau chien noir") ==
        V{"we/PRON", "have/AUX", "see/VERB", "a/DET", "beautiful/ADJ", "dog/NOUN", "black/ADJ"});
}

TEST_CASE("lexicon: every person of the present tense, regular and irregular", "[lexicon]") {
  const std::vector<std::pair<std::string, std::vector<std::string>>> verbs = {
      {"eat", {"mange", "manges", "mangeons", "mangez", "mangent", "manger"}},
      {"finish", {"finis", "finit", "finissons", "finissez", "finissent"}},
      {"sell", {"vends", "vend", "vendons", "vendez", "vendent"}},
      {"be", {"suis", "es", "est", "sommes", "êtes", "sont"}},
      {"have", {"ai", "as", "a", "avons", "avez", "ont"}},
      {"go", {"vais", "vas", "va", "allons", "allez", "vont"}},
      {"begin", {"commence", "commençons", "commencent"}},
      {"buy", {"achète", "achetons", "achètent"}},
  };
  for (const auto& [gloss, forms] : verbs) {
    for (const std::string& form : forms) {
      INFO(form);
      const attn::LexiconEntry* entry = lexicon().find(form);
      REQUIRE(entry != nullptr);
      CHECK(entry->gloss == gloss);
    }
  }
}

TEST_CASE("lexicon: nouns and adjectives with gender and number", "[lexicon]") {
  const attn::LexiconEntry* cheval = lexicon().find("chevaux");
  REQUIRE(cheval != nullptr);
  CHECK(cheval->gloss == "horse");
  CHECK(cheval->features == "Masc|Plur");
  REQUIRE(lexicon().find("yeux") != nullptr);
  CHECK(lexicon().find("yeux")->gloss == "eye");
  CHECK(lexicon().find("maison")->features == "Fem|Sing");
  for (const char* form :
       {"beau", "belle", "beaux", "belles", "heureux", "heureuse", "heureuses", "blanche"}) {
    INFO(form);
    const attn::LexiconEntry* entry = lexicon().find(form);
    REQUIRE(entry != nullptr);
    CHECK(entry->tag == "ADJ");
  }
}

TEST_CASE("lexicon: translation of case, non-words, unknown and hyphenated words", "[lexicon]") {
  CHECK(lexicon().translate("CHAT").gloss == "cat");
  CHECK(lexicon().translate("\xC3\x89t\xC3\xA9").gloss ==
        "be");  // Été: lookup is lower-cased, accents kept
  const attn::Translation unknown = lexicon().translate("ordinateurz");
  CHECK_FALSE(unknown.known);
  CHECK(unknown.gloss == "ordinateurz");
  CHECK(unknown.tag == "X");
  CHECK(lexicon().translate("42").tag == "NUM");
  CHECK(lexicon().translate("!").tag == "PUNCT");
  CHECK(lexicon().translate("[MASK]").gloss == "[MASK]");
  CHECK(lexicon().translate("dit-il").gloss == "say");
  CHECK(lexicon().translate("peut-\xC3\xAAtre").gloss == "maybe");
}

TEST_CASE("lexicon: glosses are single common English words", "[lexicon]") {
  // The word-vector vocabulary is lower-case GloVe; "I" is looked up lower-cased too.
  std::istringstream in(read_lexicon_file());
  std::string line;
  std::size_t rows = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#' || line.rfind("form\t", 0) == 0) continue;
    const std::string gloss = line.substr(
        line.find('\t') + 1, line.find('\t', line.find('\t') + 1) - line.find('\t') - 1);
    INFO(line);
    CHECK(gloss.find_first_not_of("abcdefghijklmnopqrstuvwxyzI") == std::string::npos);
    ++rows;
  }
  CHECK(rows == lexicon().size());
}

TEST_CASE("lexicon: corrupt files fail with a clear message", "[lexicon]") {
  using attn::Lexicon;
  CHECK_THROWS_WITH(Lexicon::parse(""), Catch::Contains("no header"));
  CHECK_THROWS_WITH(Lexicon::parse("# only a comment\n"), Catch::Contains("no header"));
  CHECK_THROWS_WITH(Lexicon::parse("chat\tcat\tNOUN\t_\n"),
                    Catch::Contains("line 1: expected the header"));
  CHECK_THROWS_WITH(Lexicon::parse(kHeader), Catch::Contains("no entries"));
  CHECK_THROWS_WITH(Lexicon::parse(kHeader + "chat\tcat\tNOUN\n"),
                    Catch::Contains("line 2: expected 4"));
  CHECK_THROWS_WITH(Lexicon::parse(kHeader + "chat\tcat\tNOM\t_\n"),
                    Catch::Contains("unknown tag 'NOM'"));
  CHECK_THROWS_WITH(Lexicon::parse(kHeader + "Chat\tcat\tNOUN\t_\n"),
                    Catch::Contains("lower-case"));
  CHECK_THROWS_WITH(Lexicon::parse(kHeader + "chat\tcat\tNOUN\t_\nchat\tcat\tNOUN\t_\n"),
                    Catch::Contains("line 3: duplicate form 'chat'"));
  CHECK_THROWS_WITH(Lexicon::parse(kHeader + "chat\tbig cat\tNOUN\t_\n"),
                    Catch::Contains("one word"));
  CHECK_THROWS_WITH(Lexicon::parse(kHeader + "ch\xFF"
                                             "at\tcat\tNOUN\t_\n"),
                    Catch::Contains("not valid UTF-8"));
  // A file cut in the middle of a row.
  const std::string full = read_lexicon_file();
  const std::size_t cut = full.find('\t', full.size() / 2);
  CHECK_THROWS_WITH(Lexicon::parse(full.substr(0, cut)),
                    Catch::Contains("expected 4 tab-separated fields"));
  CHECK(Lexicon::parse(kHeader + "chat\tcat\tNOUN\t_\r\n").find("chat")->features == "_");
}
