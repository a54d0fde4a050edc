// mask: which (query, key) pairs attention may not use. Convention everywhere (as PyTorch's
// boolean attn_mask / key_padding_mask): 1 = BLOCKED (masked out), 0 = allowed.
// Two forms:
//  - Mask, a materialized (Tq, Tk) uint8 matrix, for the page and the trace;
//  - MaskSpec, a description (causal flag + key padding + optional explicit matrix) that the
//    attention paths evaluate row by row, so a long causal/padded input never needs a Tq x Tk
//    matrix just for the mask.
// A row where every key is blocked is legal: attention gives it weights 0 and output 0.
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <vector>

namespace attn {

using Mask = Eigen::Matrix<std::uint8_t, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// -> (tq, tk) all zeros (nothing blocked).
Mask mask_none(int tq, int tk);

// -> (tq, tk) causal mask with the last query aligned to the last key: query i may see key j
// iff j <= i + (tk - tq). For tq == tk this is the usual lower triangle (diagonal allowed).
// For tq < tk (queries are the latest tokens) every query also sees the earlier keys; for
// tq > tk the first tq - tk queries see nothing (fully masked rows).
Mask mask_causal(int tq, int tk);

// key_padding: (tk) 1 = padded key -> (tq, tk) where every row blocks the padded keys.
Mask mask_padding(int tq, const std::vector<std::uint8_t>& key_padding);

// data: tq * tk values row-major, nonzero = blocked -> (tq, tk). Throws ShapeError when
// n != tq * tk or a size is 0.
Mask mask_from_bools(int tq, int tk, const std::uint8_t* data, long long n);

// a, b: (tq, tk) -> (tq, tk) blocked where either blocks. Throws ShapeError on size mismatch.
Mask mask_combine(const Mask& a, const Mask& b);

// True when every key of row r is blocked. m: (tq, tk).
bool mask_row_fully_blocked(const Mask& m, int r);

// A mask described without materializing it. Empty members mean "not used".
struct MaskSpec {
  bool causal = false;                    // mask_causal(tq, tk)
  std::vector<std::uint8_t> key_padding;  // empty or (tk), 1 = padded key
  Mask explicit_mask;                     // empty (0x0) or (tq, tk), 1 = blocked

  bool empty() const { return !causal && key_padding.empty() && explicit_mask.size() == 0; }
};

// Throws ShapeError unless spec's members fit (tq, tk). Called by every attention entry point.
void mask_spec_check(const char* where, const MaskSpec& spec, int tq, int tk);

// spec over (tq, tk) -> (tq, tk) combined Mask (all zeros for an empty spec).
Mask mask_spec_materialize(const MaskSpec& spec, int tq, int tk);

// Writes -inf into row[j] for every key j < cols that spec blocks for query i (row: (cols)
// floats; cols defaults to tk — a smaller cols serves callers that cut the row at the causal
// end). Returns the number of keys j < cols left unblocked.
int mask_spec_apply_row(const MaskSpec& spec, int i, int tq, int tk, float* row, int cols = -1);

// For the tiled path: the half-open key range [0, end) that causal masking leaves for query i
// (end = tk when not causal; may be 0).
int mask_spec_causal_end(const MaskSpec& spec, int i, int tq, int tk);

}  // namespace attn
