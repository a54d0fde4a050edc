// brown: see brown.h.
#include "lm/brown.h"

#include <algorithm>
#include <filesystem>
#include <stdexcept>

#include "text/tokenizer.h"

namespace attn::lm {
namespace {

// "word/tag" -> "word" (the last '/' starts the tag: "1/2/cd" is the word 1/2).
std::string strip_tag(std::string_view tagged) {
  const std::size_t slash = tagged.rfind('/');
  std::string word(slash == std::string_view::npos ? tagged : tagged.substr(0, slash));
  if (word == "``" || word == "''") word = "\"";
  return word;
}

// One corpus line -> its words without tags, joined by spaces (the text a person would type).
std::string sentence_text(std::string_view line) {
  std::string text;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) ++i;
    std::size_t j = i;
    while (j < line.size() && line[j] != ' ' && line[j] != '\t' && line[j] != '\r') ++j;
    if (j > i) {
      if (!text.empty()) text += ' ';
      text += strip_tag(line.substr(i, j - i));
    }
    i = j;
  }
  return text;
}

std::vector<std::string> sentence_tokens(const std::string& text) {
  TokenizeOptions options;
  options.max_tokens = kMaxTokensLimit;
  std::vector<std::string> out;
  for (const Token& t : tokenize(text, options).tokens) out.push_back(t.lower);
  return out;
}

}  // namespace

std::vector<std::string> brown_sentence_texts(std::string_view document) {
  std::vector<std::string> texts;
  std::size_t start = 0;
  while (start < document.size()) {
    std::size_t end = document.find('\n', start);
    if (end == std::string_view::npos) end = document.size();
    std::string text = sentence_text(document.substr(start, end - start));
    if (!sentence_tokens(text).empty()) texts.push_back(std::move(text));
    start = end + 1;
  }
  return texts;
}

std::vector<std::vector<std::string>> brown_sentences(std::string_view document) {
  std::vector<std::vector<std::string>> sentences;
  for (const std::string& text : brown_sentence_texts(document))
    sentences.push_back(sentence_tokens(text));
  return sentences;
}

std::vector<std::string> brown_documents(const std::string& directory) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(directory)) {
    const std::string name = entry.path().filename().string();
    const bool ok = name.size() == 4 && name[0] == 'c' && name[1] >= 'a' && name[1] <= 'r' &&
                    std::isdigit(static_cast<unsigned char>(name[2])) &&
                    std::isdigit(static_cast<unsigned char>(name[3]));
    if (ok) names.push_back(name);
  }
  if (names.empty())
    throw std::runtime_error("no Brown corpus documents (ca01 ...) in " + directory);
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace attn::lm
