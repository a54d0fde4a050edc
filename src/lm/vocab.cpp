// vocab: see vocab.h.
#include "lm/vocab.h"

#include <algorithm>
#include <fstream>
#include <stdexcept>

namespace attn::lm {
namespace {

const char* const kSpecials[] = {"<unk>", "[MASK]", "</s>"};

std::runtime_error io_error(const std::string& what, const std::string& path) {
  return std::runtime_error(what + " " + path);
}

}  // namespace

Vocab::Vocab(std::vector<std::string> words) : words_(std::move(words)) {
  if (words_.size() < 3 || words_.size() > 65535)
    throw std::invalid_argument("vocab: needs 3 to 65,535 words");
  for (int i = 0; i < kFirstWord; ++i)
    if (words_[i] != kSpecials[i])
      throw std::invalid_argument(std::string("vocab: id ") + std::to_string(i) + " must be " +
                                  kSpecials[i]);
  for (std::size_t i = 0; i < words_.size(); ++i)
    if (!ids_.emplace(words_[i], static_cast<int>(i)).second)
      throw std::invalid_argument("vocab: duplicate word \"" + words_[i] + "\"");
}

int Vocab::id(const std::string& lookup_form) const {
  auto it = ids_.find(lookup_form);
  return it == ids_.end() ? kUnk : it->second;
}

Vocab most_frequent(std::vector<std::pair<std::string, long>> counts, int size) {
  std::sort(counts.begin(), counts.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  std::vector<std::string> words(std::begin(kSpecials), std::end(kSpecials));
  for (const auto& [word, count] : counts) {
    if (static_cast<int>(words.size()) >= size) break;
    if (word != kSpecials[0] && word != kSpecials[1] && word != kSpecials[2]) words.push_back(word);
  }
  return Vocab(std::move(words));
}

void write_vocab(const std::string& path, const Vocab& vocab) {
  std::ofstream out(path, std::ios::binary);
  for (const std::string& w : vocab.words()) out << w << '\n';
  if (!out) throw io_error("cannot write", path);
}

Vocab read_vocab(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw io_error("cannot read", path);
  std::vector<std::string> words;
  for (std::string line; std::getline(in, line);) words.push_back(line);
  return Vocab(std::move(words));
}

void write_ids(const std::string& path, const std::vector<int>& ids) {
  std::ofstream out(path, std::ios::binary);
  out.write("ATTNIDS1", 8);
  const std::uint32_t n = static_cast<std::uint32_t>(ids.size());
  const unsigned char count[4] = {static_cast<unsigned char>(n), static_cast<unsigned char>(n >> 8),
                                  static_cast<unsigned char>(n >> 16),
                                  static_cast<unsigned char>(n >> 24)};
  out.write(reinterpret_cast<const char*>(count), 4);
  for (int id : ids) {
    const unsigned char b[2] = {static_cast<unsigned char>(id),
                                static_cast<unsigned char>(id >> 8)};
    out.write(reinterpret_cast<const char*>(b), 2);
  }
  if (!out) throw io_error("cannot write", path);
}

std::vector<int> read_ids(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char magic[8] = {};
  unsigned char count[4] = {};
  in.read(magic, 8);
  in.read(reinterpret_cast<char*>(count), 4);
  if (!in || std::string(magic, 8) != "ATTNIDS1") throw io_error("not a token-id file:", path);
  const std::uint32_t n = count[0] | count[1] << 8 | count[2] << 16 | std::uint32_t(count[3]) << 24;
  std::vector<unsigned char> bytes(2 * static_cast<std::size_t>(n));
  in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  if (!in) throw io_error("truncated token-id file:", path);
  std::vector<int> ids(n);
  for (std::uint32_t i = 0; i < n; ++i) ids[i] = bytes[2 * i] | bytes[2 * i + 1] << 8;
  return ids;
}

}  // namespace attn::lm
