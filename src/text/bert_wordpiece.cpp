// bert_wordpiece: vocab.txt loading, special-token split, greedy longest-match WordPiece.
#include "text/bert_wordpiece.h"

#include "text/bert_basic.h"
#include "text/utf8.h"

namespace attn {
namespace {

std::uint32_t utf16_units(std::string_view s) {
  std::uint32_t units = 0;
  for (std::size_t pos = 0; pos < s.size();) {
    std::size_t length = 0;
    units += utf8::utf16_length(utf8::decode(s, pos, length));
    pos += length;
  }
  return units;
}

}  // namespace

WordPieceTokenizer WordPieceTokenizer::from_vocab(std::string_view vocab_txt,
                                                  WordPieceOptions options) {
  if (vocab_txt.empty()) throw TokenizerDataError("BERT vocab.txt: empty file");
  WordPieceTokenizer t;
  t.options_ = options;
  for (std::size_t pos = 0; pos < vocab_txt.size();) {
    std::size_t eol = vocab_txt.find_first_of("\r\n", pos);
    if (eol == std::string_view::npos) eol = vocab_txt.size();
    const std::string_view line = vocab_txt.substr(pos, eol - pos);
    if (!utf8::is_valid(line))
      throw TokenizerDataError("BERT vocab.txt line " + std::to_string(t.tokens_.size() + 1) +
                               ": not valid UTF-8");
    t.tokens_.emplace_back(line);
    t.ids_[t.tokens_.back()] = static_cast<std::int32_t>(t.tokens_.size() - 1);
    pos = eol + (vocab_txt.substr(eol, 2) == "\r\n" ? 2 : 1);
  }
  t.unk_id_ = t.id_of("[UNK]");
  if (t.unk_id_ < 0) throw TokenizerDataError("BERT vocab.txt: no [UNK] token");
  for (const char* special : {"[CLS]", "[SEP]", "[MASK]", "[PAD]", "[UNK]"})
    if (const std::int32_t id = t.id_of(special); id >= 0) t.specials_.emplace_back(special, id);
  return t;
}

std::int32_t WordPieceTokenizer::id_of(std::string_view token) const {
  const auto it = ids_.find(std::string(token));
  return it == ids_.end() ? -1 : it->second;
}

const std::string& WordPieceTokenizer::token(std::int32_t id) const {
  if (id < 0 || static_cast<std::size_t>(id) >= tokens_.size())
    throw TokenIdError("BERT tokenizer: token id " + std::to_string(id) + " outside 0.." +
                       std::to_string(tokens_.size() - 1));
  return tokens_[id];
}

std::vector<SubwordToken> WordPieceTokenizer::encode(std::string_view text) const {
  std::vector<SubwordToken> out;
  std::size_t segment = 0;
  std::uint32_t segment_units = 0;
  for (std::size_t pos = 0; pos < text.size();) {
    std::size_t matched = 0;
    std::int32_t id = -1;
    for (const auto& [special, special_id] : specials_)
      if (text.substr(pos, special.size()) == special) matched = special.size(), id = special_id;
    if (matched == 0) {
      ++pos;
      continue;
    }
    const std::string_view before = text.substr(segment, pos - segment);
    encode_text(before, static_cast<std::uint32_t>(segment), segment_units, out);
    const std::uint32_t start_units = segment_units + utf16_units(before);
    out.push_back({id, static_cast<std::uint32_t>(pos), static_cast<std::uint32_t>(pos + matched),
                   start_units, start_units + static_cast<std::uint32_t>(matched)});
    pos += matched;
    segment = pos;
    segment_units = start_units + static_cast<std::uint32_t>(matched);
  }
  encode_text(text.substr(segment), static_cast<std::uint32_t>(segment), segment_units, out);
  return out;
}

void WordPieceTokenizer::encode_text(std::string_view text, std::uint32_t byte_offset,
                                     std::uint32_t utf16_offset,
                                     std::vector<SubwordToken>& out) const {
  const BasicTokenizerOptions basic{options_.lower_case,
                                    options_.strip_accents.value_or(options_.lower_case),
                                    options_.split_cjk};
  for (const SourcedWord& word : bert_basic_tokenize(text, basic)) {
    const auto piece = [&](std::int32_t id, std::size_t first, std::size_t last) {
      out.push_back({id, byte_offset + word[first].byte_start, byte_offset + word[last].byte_end,
                     utf16_offset + word[first].utf16_start, utf16_offset + word[last].utf16_end});
    };
    if (word.size() > options_.max_chars_per_word) {
      piece(unk_id_, 0, word.size() - 1);
      continue;
    }
    // UTF-8 of the normalized word and where each character starts in it.
    std::string utf8_word;
    std::vector<std::size_t> at;
    for (const SourcedChar& sc : word)
      at.push_back(utf8_word.size()), utf8::append(utf8_word, sc.cp);
    at.push_back(utf8_word.size());
    const std::size_t first_out = out.size();
    for (std::size_t start = 0; start < word.size();) {
      std::size_t end = word.size();
      std::int32_t id = -1;
      for (; end > start; --end) {  // longest match first
        const std::string candidate =
            (start > 0 ? "##" : "") + utf8_word.substr(at[start], at[end] - at[start]);
        if ((id = id_of(candidate)) >= 0) break;
      }
      if (id < 0) {  // no cover: the whole word is [UNK]
        out.resize(first_out);
        piece(unk_id_, 0, word.size() - 1);
        break;
      }
      piece(id, start, end - 1);
      start = end;
    }
  }
}

}  // namespace attn
