// attention_tiled: FlashAttention-style single-head attention (see attention_tiled.h).
// For each block of kTiledBlockQ queries we keep, per query row, the running max m, the
// running sum l of exp(score - m) and an unnormalized output accumulated in `out` itself;
// each block of kTiledBlockK keys rescales them by exp(m_old - m_new). Only one score block
// (BlockQ x BlockK floats) and two BlockQ vectors are allocated. Scores go through the same
// kernels (gemm_nt, exp, gemm_nn) as the untiled path, which is why the results agree to 1e-5.
#include "attention_tiled.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "kernels.h"

namespace attn {
namespace {

constexpr float kNegInf = -std::numeric_limits<float>::infinity();

void check_arguments(int Tq, int Tk, int d, int dv, const float* q, int ldq, const float* k,
                     int ldk, const float* v, int ldv, const float* out, int ldo) {
  auto need = [](bool ok, const std::string& what) {
    if (!ok) throw std::invalid_argument("attention_tiled: " + what);
  };
  need(Tq >= 1, "Tq expected >= 1, given " + std::to_string(Tq));
  need(Tk >= 1, "Tk expected >= 1, given " + std::to_string(Tk));
  need(d >= 1, "d expected >= 1, given " + std::to_string(d));
  need(dv >= 1, "dv expected >= 1, given " + std::to_string(dv));
  need(ldq >= d, "ldq expected >= d = " + std::to_string(d) + ", given " + std::to_string(ldq));
  need(ldk >= d, "ldk expected >= d = " + std::to_string(d) + ", given " + std::to_string(ldk));
  need(ldv >= dv, "ldv expected >= dv = " + std::to_string(dv) + ", given " + std::to_string(ldv));
  need(ldo >= dv, "ldo expected >= dv = " + std::to_string(dv) + ", given " + std::to_string(ldo));
  need(q && k && v && out, "q, k, v and out must not be null");
}

// Blocks scores s (rows, cols) of queries i0.. against keys j0.. that the masks forbid.
void apply_masks(int rows, int cols, int i0, int j0, int causal_offset, bool causal,
                 const std::uint8_t* key_padding, float* s, int lds) {
  for (int r = 0; r < rows; ++r) {
    float* row = s + r * lds;
    if (causal) {
      // keys j > i + offset are in the future of query i
      const int first_blocked = std::max(0, i0 + r + causal_offset + 1 - j0);
      for (int c = first_blocked; c < cols; ++c) row[c] = kNegInf;
    }
    if (key_padding)
      for (int c = 0; c < cols; ++c)
        if (key_padding[j0 + c]) row[c] = kNegInf;
  }
}

}  // namespace

void attention_tiled(int Tq, int Tk, int d, int dv, const float* q, int ldq, const float* k,
                     int ldk, const float* v, int ldv, float scale, bool causal,
                     const std::uint8_t* key_padding, float* out, int ldo,
                     std::uint8_t* row_has_any) {
  check_arguments(Tq, Tk, d, dv, q, ldq, k, ldk, v, ldv, out, ldo);
  const int causal_offset = Tk - Tq;
  const int lds = kTiledBlockK;
  std::vector<float> scores(static_cast<std::size_t>(kTiledBlockQ) * lds);
  std::vector<float> run_max(kTiledBlockQ), run_sum(kTiledBlockQ), correction(kTiledBlockQ);

  for (int i0 = 0; i0 < Tq; i0 += kTiledBlockQ) {
    const int rows = std::min(kTiledBlockQ, Tq - i0);
    float* o = out + static_cast<std::ptrdiff_t>(i0) * ldo;
    std::fill(run_max.begin(), run_max.end(), kNegInf);
    std::fill(run_sum.begin(), run_sum.end(), 0.0f);
    for (int r = 0; r < rows; ++r) std::fill(o + r * ldo, o + r * ldo + dv, 0.0f);
    // Causal: the last query of this block sees keys up to (i0 + rows - 1 + offset).
    const int key_end = causal ? std::min(Tk, i0 + rows + causal_offset) : Tk;

    for (int j0 = 0; j0 < key_end; j0 += kTiledBlockK) {
      const int cols = std::min(kTiledBlockK, key_end - j0);
      // pass 1: scores block = scale * q_blk k_blk^T, then masks
      kernels::gemm_nt(rows, cols, d, q + static_cast<std::ptrdiff_t>(i0) * ldq, ldq,
                       k + static_cast<std::ptrdiff_t>(j0) * ldk, ldk, scores.data(), lds, scale,
                       false);
      apply_masks(rows, cols, i0, j0, causal_offset, causal, key_padding, scores.data(), lds);
      // pass 2: online softmax update; p = exp(s - m_new) overwrites the scores, and the
      // output rows accumulated so far are rescaled to the new maxima
      const int bad_row = kernels::online_softmax_block(rows, cols, scores.data(), lds,
                                                        run_max.data(), run_sum.data(),
                                                        correction.data());
      if (bad_row >= 0)
        throw std::invalid_argument("attention_tiled: query row " + std::to_string(i0 + bad_row) +
                                    " has a NaN or +inf score");
      for (int r = 0; r < rows; ++r) {
        const float c = correction[r];
        if (c != 1.0f)
          for (int j = 0; j < dv; ++j) o[r * ldo + j] *= c;
      }
      // pass 3: out_blk += p v_blk
      kernels::gemm_nn(rows, dv, cols, scores.data(), lds,
                       v + static_cast<std::ptrdiff_t>(j0) * ldv, ldv, o, ldo, 1.0f, true);
    }
    // pass 4: normalize; rows that never saw a key stay zero
    for (int r = 0; r < rows; ++r) {
      const bool any = run_sum[r] > 0.0f;
      if (any) {
        const float inv = 1.0f / run_sum[r];
        for (int c = 0; c < dv; ++c) o[r * ldo + c] *= inv;
      }
      if (row_has_any) row_has_any[i0 + r] = any ? 1 : 0;
    }
  }
}

}  // namespace attn
