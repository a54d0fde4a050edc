// attention_tiled: FlashAttention-style single-head attention (see attention_tiled.h).
// For each block of kTiledBlockQ queries we keep, per query, the running max m, the running
// sum l of exp(score - m) and an unnormalized output accumulated in `out` itself; each block
// of kTiledBlockK keys rescales them by exp(m_old - m_new). Besides one score block (BlockK x
// BlockQ floats) and a few BlockQ vectors, K is copied once into the kernels' tile layout
// (O(Tk*d)). Scores use the same register tile and exp as the untiled path, which is why the
// results agree to 1e-5.
#include "attention/attention_tiled.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "attention/kernels.h"

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

// Blocks the transposed scores st (keys, queries) of keys j0.. against queries i0.. that the
// masks forbid: key j is in the future of query i when j > i + causal_offset.
void apply_masks_transposed(int keys, int queries, int i0, int j0, int causal_offset, bool causal,
                            const std::uint8_t* key_padding, float* st, int ld) {
  for (int c = 0; c < keys; ++c) {
    float* row = st + static_cast<std::ptrdiff_t>(c) * ld;
    if (key_padding && key_padding[j0 + c]) {
      std::fill(row, row + queries, kNegInf);
      continue;
    }
    if (causal) {
      // queries r < j0 + c - causal_offset - i0 do not see this key
      const int first_seeing = std::min(queries, std::max(0, j0 + c - causal_offset - i0));
      std::fill(row, row + first_seeing, kNegInf);
    }
  }
}

int round_up(int n, int m) { return (n + m - 1) / m * m; }

}  // namespace

void attention_tiled(int Tq, int Tk, int d, int dv, const float* q, int ldq, const float* k,
                     int ldk, const float* v, int ldv, float scale, bool causal,
                     const std::uint8_t* key_padding, float* out, int ldo,
                     std::uint8_t* row_has_any) {
  check_arguments(Tq, Tk, d, dv, q, ldq, k, ldk, v, ldv, out, ldo);
  const int causal_offset = Tk - Tq;
  // K is packed once into the kernels' A layout (4-key panels), each query block once into the
  // B layout: the inner loop packs nothing. Scores are kept transposed, st (keys, queries),
  // so that P = softmax(S) is already in A layout for P·V (4 queries adjacent per key) and V's
  // rows are B's panels as they are (when dv % 8 == 0; else each V block is copied padded).
  std::vector<float> k_tiles(kernels::packed_a_size(Tk, d));
  kernels::pack_a(Tk, d, k, ldk, k_tiles.data());
  std::vector<float> q_tiles(kernels::packed_b_panels_size(kTiledBlockQ, d));
  const int ldst = kTiledBlockQ;
  std::vector<float> st(static_cast<std::size_t>(kTiledBlockK) * ldst);
  const int ldvp = round_up(dv, 8);
  std::vector<float> v_padded(dv % 8 != 0 ? static_cast<std::size_t>(kTiledBlockK) * ldvp : 0);
  std::vector<float> run_max(kTiledBlockQ), run_sum(kTiledBlockQ), correction(kTiledBlockQ);

  for (int i0 = 0; i0 < Tq; i0 += kTiledBlockQ) {
    const int rows = std::min(kTiledBlockQ, Tq - i0);
    const int rows4 = round_up(rows, 4);  // padded queries (scores 0) keep the lanes full
    float* o = out + static_cast<std::ptrdiff_t>(i0) * ldo;
    kernels::pack_b_panels(rows, d, q + static_cast<std::ptrdiff_t>(i0) * ldq, ldq, q_tiles.data());
    std::fill(run_max.begin(), run_max.end(), kNegInf);
    std::fill(run_sum.begin(), run_sum.end(), 0.0f);
    for (int r = 0; r < rows; ++r) std::fill(o + r * ldo, o + r * ldo + dv, 0.0f);
    // Causal: the last query of this block sees keys up to (i0 + rows - 1 + offset).
    const int key_end = causal ? std::min(Tk, i0 + rows + causal_offset) : Tk;

    for (int j0 = 0; j0 < key_end; j0 += kTiledBlockK) {
      const int keys = std::min(kTiledBlockK, key_end - j0);
      // pass 1: st (keys, rows4) = scale * k_blk q_blk^T, then masks
      kernels::gemm_tiles(keys, rows4, d, k_tiles.data() + static_cast<std::size_t>(j0) * d, 4 * d,
                          4, q_tiles.data(), 8 * d, 8, st.data(), ldst, scale, false);
      apply_masks_transposed(keys, rows4, i0, j0, causal_offset, causal, key_padding, st.data(),
                             ldst);
      // pass 2: online softmax down each query's column; p = exp(s - m_new) overwrites st,
      // and the output rows accumulated so far are rescaled to the new maxima
      const int bad = kernels::online_softmax_columns(keys, rows4, st.data(), ldst, run_max.data(),
                                                      run_sum.data(), correction.data());
      if (bad >= 0)
        throw std::invalid_argument("attention_tiled: query row " + std::to_string(i0 + bad) +
                                    " has a NaN or +inf score");
      for (int r = 0; r < rows; ++r) {
        const float c = correction[r];
        if (c != 1.0f)
          for (int j = 0; j < dv; ++j) o[r * ldo + j] *= c;
      }
      // pass 3: o (rows, dv) += p v_blk, with p read from st as it is
      const float* vb = v + static_cast<std::ptrdiff_t>(j0) * ldv;
      int vstep = ldv;
      if (!v_padded.empty()) {
        for (int c = 0; c < keys; ++c) {
          float* dst = v_padded.data() + static_cast<std::size_t>(c) * ldvp;
          std::copy(vb + static_cast<std::ptrdiff_t>(c) * ldv,
                    vb + static_cast<std::ptrdiff_t>(c) * ldv + dv, dst);
          std::fill(dst + dv, dst + ldvp, 0.0f);
        }
        vb = v_padded.data();
        vstep = ldvp;
      }
      kernels::gemm_tiles(rows, dv, keys, st.data(), 4, ldst, vb, 8, vstep, o, ldo, 1.0f, true);
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
