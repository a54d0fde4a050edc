// checkpoint_bindings: Embind registrations for opening Hugging Face GPT-2 / BERT checkpoints
// (src/io/hub_checkpoint.h) slice by slice, tracing one head of a run, and the exact model
// tokenizers (src/text/gpt2_bpe.h, bert_wordpiece.h). The JS API (web/lib/api-checkpoint.js)
// reads the file in slices and calls open -> allocate -> feed... -> finish(handle); the model
// then lives in a TransformerHandle (transformer_handle.h), so run, trainStep and save are the
// engine's. Every call returns {error} instead of throwing (convert.h's guarded).
#include <emscripten/bind.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "convert.h"
#include "io/hub_checkpoint.h"
#include "nn/head_trace.h"
#include "nn/top_tokens.h"
#include "text/bert_wordpiece.h"
#include "text/gpt2_bpe.h"
#include "transformer_handle.h"

namespace attn::wasm {
namespace {

using emscripten::val;

// -> {length} of the header, or {error} (past the end, over the limit).
val header_length_js(const val& first8, double file_size) {
  return guarded([&] {
    std::vector<std::uint8_t> bytes;
    copy_in(first8, bytes, 8);
    val out = val::object();
    out.set("length", static_cast<double>(io::safetensors_header_length(
                          bytes.data(), static_cast<std::uint64_t>(file_size))));
    return out;
  });
}

class CheckpointLoader {
 public:
  // header: Uint8Array of the JSON header; {numHeads, layerNormEps} (0 = not given) ->
  // {family, config, float32Bytes, tensors: [{index, name, begin, end, elementSize}]} listing
  // only the tensors to read, in file order.
  val open(const val& header, double data_size, const val& overrides) {
    return guarded([&] {
      std::vector<std::uint8_t> text;
      copy_in(header, text, length_of(header));
      io::HubOverrides o;
      o.num_heads = overrides["numHeads"].as<int>();
      o.layer_norm_eps = overrides["layerNormEps"].as<float>();
      loader_.emplace(std::string_view(reinterpret_cast<const char*>(text.data()), text.size()),
                      static_cast<std::uint64_t>(data_size), o);
      val out = val::object();
      out.set("family", std::string(io::hub_family_name(loader_->family())));
      out.set("config", config_js(loader_->config(), loader_->float32_bytes() / 4));
      out.set("float32Bytes", static_cast<double>(loader_->float32_bytes()));
      val tensors = val::array();
      for (std::size_t i = 0; i < loader_->tensors().size(); ++i) {
        const io::HubTensor& t = loader_->tensors()[i];
        if (!t.load) continue;
        val e = val::object();
        e.set("index", static_cast<double>(i));
        e.set("name", t.name);
        e.set("begin", static_cast<double>(t.begin));
        e.set("end", static_cast<double>(t.end));
        e.set("elementSize", static_cast<double>(t.element_size()));
        tensors.call<void>("push", e);
      }
      out.set("tensors", tensors);
      return out;
    });
  }
  val allocate() {
    return guarded([&] {
      loader().allocate();
      return val::object();
    });
  }
  // bytes: the next slice of tensor `index`, starting at byte `at` of that tensor.
  val feed(double index, double at, const val& bytes) {
    return guarded([&] {
      copy_in(bytes, slice_, length_of(bytes));  // capacity kept: one slice-sized buffer
      loader().feed(static_cast<std::size_t>(index), static_cast<std::uint64_t>(at), slice_.data(),
                    slice_.size());
      return val::object();
    });
  }
  // Moves the finished model into target -> its {config}.
  val finish(TransformerHandle& target) {
    return guarded([&] {
      val config = target.adopt(loader().finish());
      loader_.reset();
      std::vector<std::uint8_t>().swap(slice_);
      return config;
    });
  }

 private:
  io::HubLoader& loader() {
    if (!loader_) throw std::logic_error("checkpoint: open() first");
    return *loader_;
  }
  std::optional<io::HubLoader> loader_;
  std::vector<std::uint8_t> slice_;
};

// The last run's head (layer, head) -> {q, k, v (T·hs), scores, scaled, weights (T·T), output
// (T·hs), headDim}.
val trace_head_js(TransformerHandle& handle, int layer, int head) {
  return guarded([&] {
    const nn::HeadTrace t = nn::trace_head(handle.model(), layer, head);
    val out = val::object();
    out.set("headDim", t.head_dim);
    out.set("q", to_float32_array(t.q.data(), t.q.size()));
    out.set("k", to_float32_array(t.k.data(), t.k.size()));
    out.set("v", to_float32_array(t.v.data(), t.v.size()));
    out.set("scores", to_float32_array(t.scores.data(), t.scores.size()));
    out.set("scaled", to_float32_array(t.scaled.data(), t.scaled.size()));
    out.set("weights", to_float32_array(t.weights.data(), t.weights.size()));
    out.set("output", to_float32_array(t.output.data(), t.output.size()));
    return out;
  });
}

// The last run's logits at position t -> [{id, probability}] for the k most probable tokens.
val top_tokens_js(TransformerHandle& handle, int t, int k) {
  return guarded([&] {
    nn::Transformer& m = handle.model();
    if (t < 0 || t >= m.seq_len())
      throw std::invalid_argument("top: position " + std::to_string(t) + " is outside the run");
    const int V = m.config().vocab_size;
    val out = val::array();
    for (const nn::TokenProbability& p :
         nn::top_tokens(m.logits() + static_cast<std::size_t>(t) * V, V, k)) {
      val e = val::object();
      e.set("id", p.id);
      e.set("probability", p.probability);
      out.call<void>("push", e);
    }
    return out;
  });
}

// tokens -> {ids, starts, ends (UTF-16 offsets)} as Int32Arrays.
val tokens_js(const std::vector<SubwordToken>& tokens) {
  std::vector<std::int32_t> ids, starts, ends;
  for (const SubwordToken& t : tokens) {
    ids.push_back(t.id);
    starts.push_back(static_cast<std::int32_t>(t.utf16_start));
    ends.push_back(static_cast<std::int32_t>(t.utf16_end));
  }
  val out = val::object();
  out.set("ids", to_typed_array(ids.data(), ids.size()));
  out.set("starts", to_typed_array(starts.data(), starts.size()));
  out.set("ends", to_typed_array(ends.data(), ends.size()));
  return out;
}

// One of the two exact tokenizers, chosen by load call.
class ModelTokenizer {
 public:
  val load_gpt2(const std::string& encoder_json, const std::string& merges) {
    return guarded([&] {
      gpt2_ = std::make_unique<Gpt2Tokenizer>(Gpt2Tokenizer::from_data(encoder_json, merges));
      return val::object();
    });
  }
  val load_wordpiece(const std::string& vocab_txt, bool lower_case) {
    return guarded([&] {
      WordPieceOptions o;
      o.lower_case = lower_case;
      wordpiece_ =
          std::make_unique<WordPieceTokenizer>(WordPieceTokenizer::from_vocab(vocab_txt, o));
      return val::object();
    });
  }
  val encode(const std::string& text) {
    return guarded([&] {
      if (gpt2_) return tokens_js(gpt2_->encode(text));
      if (wordpiece_) return tokens_js(wordpiece_->encode(text));
      throw std::logic_error("tokenizer: no vocabulary loaded");
    });
  }
  // id -> the token's text: WordPiece's vocabulary entry, GPT-2's bytes as a Uint8Array.
  val token(int id) {
    return guarded([&] {
      if (wordpiece_) return val(wordpiece_->token(id));
      if (!gpt2_) throw std::logic_error("tokenizer: no vocabulary loaded");
      const std::string& bytes = gpt2_->token_bytes(id);
      return to_typed_array(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
    });
  }
  int id_of(const std::string& token) const { return wordpiece_ ? wordpiece_->id_of(token) : -1; }
  int vocab_size() const {
    return static_cast<int>(gpt2_        ? gpt2_->vocab_size()
                            : wordpiece_ ? wordpiece_->vocab_size()
                                         : 0);
  }

 private:
  std::unique_ptr<Gpt2Tokenizer> gpt2_;
  std::unique_ptr<WordPieceTokenizer> wordpiece_;
};

}  // namespace
}  // namespace attn::wasm

EMSCRIPTEN_BINDINGS(attn_checkpoint) {
  using namespace attn::wasm;
  emscripten::function("checkpointHeaderLength", &header_length_js);
  emscripten::function("checkpointTraceHead", &trace_head_js);
  emscripten::function("checkpointTopTokens", &top_tokens_js);
  emscripten::class_<CheckpointLoader>("CheckpointLoader")
      .constructor<>()
      .function("open", &CheckpointLoader::open)
      .function("allocate", &CheckpointLoader::allocate)
      .function("feed", &CheckpointLoader::feed)
      .function("finish", &CheckpointLoader::finish);
  emscripten::class_<ModelTokenizer>("ModelTokenizer")
      .constructor<>()
      .function("loadGpt2", &ModelTokenizer::load_gpt2)
      .function("loadWordPiece", &ModelTokenizer::load_wordpiece)
      .function("encode", &ModelTokenizer::encode)
      .function("token", &ModelTokenizer::token)
      .function("idOf", &ModelTokenizer::id_of)
      .function("vocabSize", &ModelTokenizer::vocab_size);
}
