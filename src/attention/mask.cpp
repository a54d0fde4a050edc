// mask: building, combining and evaluating masks (1 = blocked). Cheap loops; no kernels.
#include "attention/mask.h"

#include <algorithm>
#include <limits>
#include <string>

#include "attention/input_checks.h"

namespace attn {
namespace {

void check_dims(const char* where, int tq, int tk) {
  check_size(where, "tq", tq, -1);
  check_size(where, "tk", tk, -1);
}

// Last key query i may see under causal alignment of the last query to the last key, plus 1.
int causal_end(int i, int tq, int tk) { return std::clamp(i + (tk - tq) + 1, 0, tk); }

}  // namespace

Mask mask_none(int tq, int tk) {
  check_dims("mask_none", tq, tk);
  return Mask::Zero(tq, tk);
}

Mask mask_causal(int tq, int tk) {
  check_dims("mask_causal", tq, tk);
  Mask m(tq, tk);
  for (int i = 0; i < tq; ++i) {
    const int end = causal_end(i, tq, tk);
    for (int j = 0; j < tk; ++j) m(i, j) = j >= end ? 1 : 0;
  }
  return m;
}

Mask mask_padding(int tq, const std::vector<std::uint8_t>& key_padding) {
  const int tk = static_cast<int>(key_padding.size());
  check_size("mask_padding", "key_padding", tk, -1);
  check_size("mask_padding", "tq", tq, -1);
  Mask m(tq, tk);
  for (int i = 0; i < tq; ++i) {
    for (int j = 0; j < tk; ++j) m(i, j) = key_padding[j] ? 1 : 0;
  }
  return m;
}

Mask mask_from_bools(int tq, int tk, const std::uint8_t* data, long long n) {
  check_dims("mask_from_bools", tq, tk);
  check_size("mask_from_bools", "mask", n, static_cast<long long>(tq) * tk);
  Mask m(tq, tk);
  for (long long i = 0; i < n; ++i) m.data()[i] = data[i] ? 1 : 0;
  return m;
}

Mask mask_combine(const Mask& a, const Mask& b) {
  if (a.rows() != b.rows() || a.cols() != b.cols()) {
    throw ShapeError("mask_combine: b is (" + std::to_string(b.rows()) + ", " +
                     std::to_string(b.cols()) + "), expected the shape of a (" +
                     std::to_string(a.rows()) + ", " + std::to_string(a.cols()) + ")");
  }
  Mask m(a.rows(), a.cols());
  for (Eigen::Index i = 0; i < a.size(); ++i) m.data()[i] = (a.data()[i] || b.data()[i]) ? 1 : 0;
  return m;
}

bool mask_row_fully_blocked(const Mask& m, int r) {
  for (Eigen::Index j = 0; j < m.cols(); ++j) {
    if (!m(r, j)) return false;
  }
  return true;
}

void mask_spec_check(const char* where, const MaskSpec& spec, int tq, int tk) {
  if (!spec.key_padding.empty()) {
    check_size(where, "key_padding_mask", static_cast<long long>(spec.key_padding.size()), tk);
  }
  if (spec.explicit_mask.size() != 0 &&
      (spec.explicit_mask.rows() != tq || spec.explicit_mask.cols() != tk)) {
    throw ShapeError(std::string(where) + ": attn_mask is (" +
                     std::to_string(spec.explicit_mask.rows()) + ", " +
                     std::to_string(spec.explicit_mask.cols()) + "), expected (" +
                     std::to_string(tq) + ", " + std::to_string(tk) + ")");
  }
}

Mask mask_spec_materialize(const MaskSpec& spec, int tq, int tk) {
  mask_spec_check("mask_spec_materialize", spec, tq, tk);
  Mask m(tq, tk);
  for (int i = 0; i < tq; ++i) {
    const int end = mask_spec_causal_end(spec, i, tq, tk);
    for (int j = 0; j < tk; ++j) {
      const bool blocked = j >= end || (!spec.key_padding.empty() && spec.key_padding[j]) ||
                           (spec.explicit_mask.size() != 0 && spec.explicit_mask(i, j));
      m(i, j) = blocked ? 1 : 0;
    }
  }
  return m;
}

int mask_spec_apply_row(const MaskSpec& spec, int i, int tq, int tk, float* row, int cols) {
  constexpr float kMasked = -std::numeric_limits<float>::infinity();
  const int end = mask_spec_causal_end(spec, i, tq, tk);
  const bool padding = !spec.key_padding.empty();
  const bool explicit_mask = spec.explicit_mask.size() != 0;
  if (cols < 0 || cols > tk) cols = tk;
  int open = 0;
  for (int j = 0; j < cols; ++j) {
    const bool blocked =
        j >= end || (padding && spec.key_padding[j]) || (explicit_mask && spec.explicit_mask(i, j));
    if (blocked) {
      row[j] = kMasked;
    } else {
      ++open;
    }
  }
  return open;
}

int mask_spec_causal_end(const MaskSpec& spec, int i, int tq, int tk) {
  return spec.causal ? causal_end(i, tq, tk) : tk;
}

}  // namespace attn
