// bert_wordpiece: BERT's WordPiece tokenizer, exact as Hugging Face's BertTokenizer: special
// tokens ([CLS] [SEP] [MASK] [PAD] [UNK], when in the vocabulary) are cut out of the text first
// (case-sensitive, as HF's added-token trie does), the rest goes through the basic tokenizer
// (bert_basic.h) and each word through greedy longest-match-first WordPiece: the longest prefix
// in the vocabulary, then the longest "##"-prefixed continuation, and so on; a word with no
// full cover, or longer than max_chars_per_word characters, becomes one [UNK].
// The vocabulary is a vocab.txt text: one token per line, id = line index (a duplicated token
// keeps its last line's id, as HF's dict does; "\r\n" and "\r" end lines like Python's text
// mode). encode() returns the text's tokens only: adding [CLS] ... [SEP] is the model's job.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "text/subword.h"

namespace attn {

struct WordPieceOptions {
  bool lower_case = true;                // uncased models (bert-base-uncased); false: cased
  std::optional<bool> strip_accents;     // unset: strip exactly when lower_case (HF's None)
  bool split_cjk = true;                 // tokenize_chinese_chars
  std::size_t max_chars_per_word = 100;  // max_input_chars_per_word
};

class WordPieceTokenizer {
 public:
  // vocab_txt: vocab.txt text -> tokenizer. Throws TokenizerDataError on an empty file, a line
  // that is not valid UTF-8 (naming the line) or a vocabulary without "[UNK]".
  static WordPieceTokenizer from_vocab(std::string_view vocab_txt, WordPieceOptions options = {});

  // text: any bytes (UTF-8 expected) -> tokens in order. Offsets: the input characters a
  // token's characters came from (a piece of "Café" lower-cased and stripped to "cafe" still
  // points at "é"); [UNK] covers its whole word.
  std::vector<SubwordToken> encode(std::string_view text) const;

  // id -> token text; throws TokenIdError outside [0, vocab_size()).
  const std::string& token(std::int32_t id) const;
  // token -> id, or -1 when absent.
  std::int32_t id_of(std::string_view token) const;
  std::size_t vocab_size() const { return tokens_.size(); }
  std::int32_t unk_id() const { return unk_id_; }

 private:
  void encode_text(std::string_view text, std::uint32_t byte_offset, std::uint32_t utf16_offset,
                   std::vector<SubwordToken>& out) const;

  WordPieceOptions options_;
  std::vector<std::string> tokens_;                             // id -> token
  std::unordered_map<std::string, std::int32_t> ids_;           // token -> id (last line wins)
  std::vector<std::pair<std::string, std::int32_t>> specials_;  // present special tokens
  std::int32_t unk_id_ = -1;
};

}  // namespace attn
