// multi_head: torch.nn.MultiheadAttention's forward pass for one batch (see multi_head.h).
// Projections go through kernels::linear. With weights or a trace, Q, K, V are projected whole
// and each head is a column block of them; output-only calls project head by head instead
// (output_only below), which bounds memory by the inputs and the output.
#include "attention/multi_head.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "attention/attention.h"
#include "attention/attention_tiled.h"
#include "attention/input_checks.h"
#include "attention/kernels.h"

namespace attn {
namespace {

constexpr const char* kWhere = "multi_head_attention";

int resolved(int dim, int e) { return dim == 0 ? e : dim; }

void check_vector(const char* name, const Vec& b, int n) {
  check_size(kWhere, name, b.size(), n);
  check_finite(kWhere, name, b.data(), b.size());
}

void check_weight(const char* name, const Mat& m, int rows, int cols) {
  check_shape(kWhere, name, m, rows, cols);
  check_finite(kWhere, name, m);
}

// W_q, W_k, W_v (each (E, in), contiguous) and their biases (E each, or null), whether the
// weights are packed PyTorch-style into in_proj_weight or given separately.
struct InputProjections {
  const float* wq;
  const float* wk;
  const float* wv;
  const float* bq;
  const float* bk;
  const float* bv;
};

InputProjections input_projections(const MultiHeadWeights& w) {
  const int e = w.embed_dim;
  const std::ptrdiff_t block = static_cast<std::ptrdiff_t>(e) * e;
  const bool packed = w.in_proj_weight.size() != 0;
  const float* bias = w.in_proj_bias.size() != 0 ? w.in_proj_bias.data() : nullptr;
  return {packed ? w.in_proj_weight.data() : w.q_proj_weight.data(),
          packed ? w.in_proj_weight.data() + block : w.k_proj_weight.data(),
          packed ? w.in_proj_weight.data() + 2 * block : w.v_proj_weight.data(),
          bias,
          bias ? bias + e : nullptr,
          bias ? bias + 2 * e : nullptr};
}

// y (T, out) = x (T, in) W^T + b for W (out, in) contiguous (out = y.cols()), b (out) or null.
void project_rows(const Eigen::Ref<const Mat>& x, const float* w, const float* b, Mat& y) {
  kernels::linear(static_cast<int>(x.rows()), static_cast<int>(x.cols()),
                  static_cast<int>(y.cols()), x.data(), static_cast<int>(x.outerStride()), w, b,
                  y.data(), static_cast<int>(y.cols()));
}

// y (T, E) = x (T, in) W^T + b, W (E, in) contiguous, b (E) or null.
Mat project(const Eigen::Ref<const Mat>& x, const float* w, const float* b, int e) {
  Mat y(x.rows(), e);
  project_rows(x, w, b, y);
  return y;
}

// concat + out_proj_bias (the output when out_proj_weight is the identity).
Mat add_out_bias(Mat concat, const MultiHeadWeights& w) {
  if (w.out_proj_bias.size() != 0) concat.rowwise() += w.out_proj_bias.transpose();
  return concat;
}

// Same with W packed by kernels::pack_b.
void project_rows_packed(const Eigen::Ref<const Mat>& x, const float* packed, const float* b,
                         Mat& y) {
  kernels::linear_packed(static_cast<int>(x.rows()), static_cast<int>(x.cols()),
                         static_cast<int>(y.cols()), x.data(), static_cast<int>(x.outerStride()),
                         packed, b, y.data(), static_cast<int>(y.cols()));
}

// Rows of the output projected per step in output_only (a (block, E) scratch).
constexpr int kOutputRowBlock = 64;

MaskSpec mask_spec_of(const MultiHeadOptions& o) {
  MaskSpec spec;
  spec.causal = o.causal;
  spec.key_padding = o.key_padding_mask;
  spec.explicit_mask = o.attn_mask;
  return spec;
}

// One head's attention output (Tq, hd) into out (leading dimension ldo) without keeping any
// (Tq, Tk) matrix: the tiled kernel when the mask is causal/padding only, else the row-blocked
// path. q (Tq, hd), k (Tk, hd), v (Tk, hd) are this head's projections.
void head_output_only(const Mat& q, const Mat& k, const Mat& v, const MaskSpec& mask, float scale,
                      Eigen::Ref<Mat> out) {
  if (mask.explicit_mask.size() != 0) {
    scaled_dot_product_output(q, k, v, mask, scale, out);
    return;
  }
  const int hd = static_cast<int>(q.cols());
  attention_tiled(static_cast<int>(q.rows()), static_cast<int>(k.rows()), hd, hd, q.data(), hd,
                  k.data(), hd, v.data(), hd, scale, mask.causal,
                  mask.key_padding.empty() ? nullptr : mask.key_padding.data(), out.data(),
                  static_cast<int>(out.outerStride()), nullptr);
}

// The output-only forward pass (no weights, no trace) in O((Tq + Tk)·E) memory: each head
// projects just its own Q_h, K_h, V_h ((T, hd) each: rows [h·hd, (h+1)·hd) of W_q, W_k, W_v),
// attends and writes its columns of concat; the output projection then runs in place, one
// block of rows at a time (row i of the output needs only row i of concat). Besides the
// inputs, the only large buffer is the (Tq, E) result itself, so n = 16,384 at E = 256 fits
// in a few tens of MB. The FLOPs are exactly those of projecting Q, K, V whole.
Mat output_only(const Eigen::Ref<const Mat>& query, const Eigen::Ref<const Mat>& key,
                const Eigen::Ref<const Mat>& value, const MultiHeadWeights& w,
                const MultiHeadPacked* packed_w, const MaskSpec& mask, float scale) {
  const int e = w.embed_dim, hd = e / w.num_heads;
  const int tq = static_cast<int>(query.rows()), tk = static_cast<int>(key.rows());
  const InputProjections p = input_projections(w);
  Mat q(tq, hd), k(tk, hd), v(tk, hd);
  Mat concat(tq, e);
  for (int h = 0; h < w.num_heads; ++h) {
    const std::ptrdiff_t r0 = static_cast<std::ptrdiff_t>(h) * hd;  // first weight row of head h
    if (packed_w) {
      project_rows_packed(query, packed_w->q[h].data(), p.bq ? p.bq + r0 : nullptr, q);
      project_rows_packed(key, packed_w->k[h].data(), p.bk ? p.bk + r0 : nullptr, k);
      project_rows_packed(value, packed_w->v[h].data(), p.bv ? p.bv + r0 : nullptr, v);
    } else {
      project_rows(query, p.wq + r0 * query.cols(), p.bq ? p.bq + r0 : nullptr, q);
      project_rows(key, p.wk + r0 * key.cols(), p.bk ? p.bk + r0 : nullptr, k);
      project_rows(value, p.wv + r0 * value.cols(), p.bv ? p.bv + r0 : nullptr, v);
    }
    head_output_only(q, k, v, mask, scale, concat.middleCols(r0, hd));
  }
  const float* out_bias = w.out_proj_bias.size() != 0 ? w.out_proj_bias.data() : nullptr;
  if (w.out_proj_identity) return add_out_bias(std::move(concat), w);
  Mat rows(std::min(tq, kOutputRowBlock), e);
  for (int i0 = 0; i0 < tq; i0 += kOutputRowBlock) {
    const int n = std::min(kOutputRowBlock, tq - i0);
    const float* x = concat.data() + static_cast<std::ptrdiff_t>(i0) * e;
    if (packed_w)
      kernels::linear_packed(n, e, e, x, e, packed_w->out.data(), out_bias, rows.data(), e);
    else
      kernels::linear(n, e, e, x, e, w.out_proj_weight.data(), out_bias, rows.data(), e);
    concat.middleRows(i0, n) = rows.topRows(n);
  }
  return concat;
}

// qk_rows / v_rows: empty, or H counts in [0, hd] beyond which head h's rows of the weight
// (W (E, in), contiguous) are all zero.
void check_rows_used_of(const char* name, const std::vector<int>& rows, const float* weight, int in,
                        const MultiHeadWeights& w) {
  if (rows.empty()) return;
  const int hd = w.embed_dim / w.num_heads;
  if (static_cast<int>(rows.size()) != w.num_heads) {
    throw ShapeError(std::string(kWhere) + ": " + name + " has " + std::to_string(rows.size()) +
                     " entries, expected num_heads = " + std::to_string(w.num_heads));
  }
  for (int h = 0; h < w.num_heads; ++h) {
    if (rows[h] < 0 || rows[h] > hd) {
      throw ShapeError(std::string(kWhere) + ": " + name + "[" + std::to_string(h) + "] is " +
                       std::to_string(rows[h]) + ", expected 0.." + std::to_string(hd));
    }
    const float* first = weight + (static_cast<std::ptrdiff_t>(h) * hd + rows[h]) * in;
    const float* last = weight + (static_cast<std::ptrdiff_t>(h) + 1) * hd * in;
    if (std::any_of(first, last, [](float x) { return x != 0.0f; })) {
      throw ShapeError(std::string(kWhere) + ": " + name + "[" + std::to_string(h) + "] is " +
                       std::to_string(rows[h]) + " but a later row of head " + std::to_string(h) +
                       " is not zero");
    }
  }
}

void check_rows_used(const MultiHeadWeights& w) {
  const int e = w.embed_dim;
  const InputProjections p = input_projections(w);
  const int qdim = resolved(w.qdim, e), kdim = resolved(w.kdim, e), vdim = resolved(w.vdim, e);
  check_rows_used_of("qk_rows (W_q)", w.qk_rows, p.wq, qdim, w);
  check_rows_used_of("qk_rows (W_k)", w.qk_rows, p.wk, kdim, w);
  check_rows_used_of("v_rows (W_v)", w.v_rows, p.wv, vdim, w);
}

// y (T, E) = x W^T + b like project(), but for each head h only its first rows[h] rows of W are
// multiplied (the others are zero, checked): the rest of the head's columns are the bias.
// rows empty: every row.
Mat project_heads(const Eigen::Ref<const Mat>& x, const float* w, const float* b, int e, int heads,
                  const std::vector<int>& rows) {
  if (rows.empty()) return project(x, w, b, e);
  const int hd = e / heads, t = static_cast<int>(x.rows()), in = static_cast<int>(x.cols());
  Mat y(t, e);
  if (b)  // the skipped columns' value, row by row (contiguous)
    y.rowwise() = Eigen::Map<const Eigen::RowVectorXf>(b, e);
  else
    y.setZero();
  for (int h = 0; h < heads; ++h) {
    const int c0 = h * hd;
    if (rows[h] > 0)
      kernels::linear(t, in, rows[h], x.data(), static_cast<int>(x.outerStride()),
                      w + static_cast<std::ptrdiff_t>(c0) * in, b ? b + c0 : nullptr, y.data() + c0,
                      e);
  }
  return y;
}

}  // namespace

void multi_head_weights_check(const MultiHeadWeights& w) {
  check_size(kWhere, "embed_dim", w.embed_dim, -1);
  check_size(kWhere, "num_heads", w.num_heads, -1);
  const int e = w.embed_dim;
  if (e % w.num_heads != 0) {
    throw ShapeError(std::string(kWhere) + ": embed_dim " + std::to_string(e) +
                     " is not divisible by num_heads " + std::to_string(w.num_heads) +
                     ", expected embed_dim % num_heads == 0");
  }
  if (w.qdim < 0) check_size(kWhere, "qdim", w.qdim, -1);
  if (w.kdim < 0) check_size(kWhere, "kdim", w.kdim, -1);
  if (w.vdim < 0) check_size(kWhere, "vdim", w.vdim, -1);
  const int qdim = resolved(w.qdim, e), kdim = resolved(w.kdim, e), vdim = resolved(w.vdim, e);
  if (w.in_proj_weight.size() != 0) {
    if (qdim != e || kdim != e || vdim != e) {
      throw ShapeError(
          std::string(kWhere) + ": in_proj_weight (packed) needs qdim == kdim == vdim == " +
          "embed_dim, given qdim " + std::to_string(qdim) + ", kdim " + std::to_string(kdim) +
          ", vdim " + std::to_string(vdim) + "; expected q/k/v_proj_weight instead");
    }
    check_weight("in_proj_weight", w.in_proj_weight, 3 * e, e);
  } else {
    check_weight("q_proj_weight", w.q_proj_weight, e, qdim);
    check_weight("k_proj_weight", w.k_proj_weight, e, kdim);
    check_weight("v_proj_weight", w.v_proj_weight, e, vdim);
  }
  if (w.in_proj_bias.size() != 0) check_vector("in_proj_bias", w.in_proj_bias, 3 * e);
  if (!(w.out_proj_identity && w.out_proj_weight.size() == 0))
    check_weight("out_proj_weight", w.out_proj_weight, e, e);
  if (w.out_proj_identity && w.out_proj_weight.size() != 0 && !w.out_proj_weight.isIdentity(0.0f)) {
    throw ShapeError(std::string(kWhere) +
                     ": out_proj_identity is set but out_proj_weight is not the identity");
  }
  if (w.out_proj_bias.size() != 0) check_vector("out_proj_bias", w.out_proj_bias, e);
  check_rows_used(w);
}

MultiHeadResult multi_head_attention(const Eigen::Ref<const Mat>& query,
                                     const Eigen::Ref<const Mat>& key,
                                     const Eigen::Ref<const Mat>& value, const MultiHeadWeights& w,
                                     const MultiHeadOptions& options) {
  // pass 0: every size and value is checked before any work
  if (!options.weights_checked) multi_head_weights_check(w);
  const int e = w.embed_dim, h_count = w.num_heads, hd = e / h_count;
  check_shape(kWhere, "query", query, -1, resolved(w.qdim, e));
  check_shape(kWhere, "key", key, -1, resolved(w.kdim, e));
  check_shape(kWhere, "value", value, key.rows(), resolved(w.vdim, e));
  check_finite(kWhere, "query", query);
  check_finite(kWhere, "key", key);
  check_finite(kWhere, "value", value);
  const int tq = static_cast<int>(query.rows()), tk = static_cast<int>(key.rows());
  const MaskSpec mask = mask_spec_of(options);
  mask_spec_check(kWhere, mask, tq, tk);
  const float scale = options.scale ? *options.scale : 1.0f / std::sqrt(static_cast<float>(hd));
  check_finite(kWhere, "scale", &scale, 1);

  if (!options.need_weights && !options.trace) {
    MultiHeadResult result;
    if (options.packed && options.packed->num_heads != w.num_heads)
      throw ShapeError(std::string(kWhere) + ": packed weights are for " +
                       std::to_string(options.packed->num_heads) + " heads, expected " +
                       std::to_string(w.num_heads));
    result.output = output_only(query, key, value, w, options.packed, mask, scale);
    return result;
  }

  // pass 1: input projections Q = query W_q^T + b_q, K, V (each (T, E))
  const InputProjections p = input_projections(w);
  const Mat q = project_heads(query, p.wq, p.bq, e, h_count, w.qk_rows);
  const Mat k = project_heads(key, p.wk, p.bk, e, h_count, w.qk_rows);
  const Mat v = project_heads(value, p.wv, p.bv, e, h_count, w.v_rows);

  // pass 2: each head on its column block, written into its columns of concat
  MultiHeadResult result;
  Mat concat(tq, e);
  if (options.need_weights) result.weights.resize(static_cast<Eigen::Index>(h_count) * tq, tk);
  if (options.trace) {
    result.trace.emplace();
    result.trace->heads.resize(h_count);
    result.trace->mask = mask_spec_materialize(mask, tq, tk);
    result.trace->row_fully_masked.assign(tq, 0);
    result.trace->scale = scale;
  }
  for (int h = 0; h < h_count; ++h) {
    const int c0 = h * hd;
    if (!options.trace) {  // weights only: softmax written straight into the result
      scaled_dot_product_weights(q.middleCols(c0, hd), k.middleCols(c0, hd), v.middleCols(c0, hd),
                                 mask, scale,
                                 result.weights.middleRows(static_cast<Eigen::Index>(h) * tq, tq),
                                 concat.middleCols(c0, hd));
      continue;
    }
    // Without input biases, Q/K columns past qk_rows[h] and V columns past v_rows[h] are zero:
    // they add nothing to a score and give zero outputs, so the head attends on the rest only.
    const bool narrow = w.in_proj_bias.size() == 0;
    const int qk_used = narrow && !w.qk_rows.empty() ? std::max(1, w.qk_rows[h]) : hd;
    const int v_used = narrow && !w.v_rows.empty() ? std::max(1, w.v_rows[h]) : hd;
    AttentionResult a = scaled_dot_product(q.middleCols(c0, qk_used), k.middleCols(c0, qk_used),
                                           v.middleCols(c0, v_used), mask, scale);
    if (v_used < hd) {
      Mat full = Mat::Zero(tq, hd);
      full.leftCols(v_used) = a.output;
      a.output = std::move(full);
    }
    concat.middleCols(c0, hd) = a.output;
    if (options.need_weights)
      result.weights.middleRows(static_cast<Eigen::Index>(h) * tq, tq) = a.weights;
    if (options.trace) {
      HeadTrace& t = result.trace->heads[h];
      t.q = q.middleCols(c0, hd);
      t.k = k.middleCols(c0, hd);
      t.v = v.middleCols(c0, hd);
      t.scores = std::move(a.scores);
      t.scaled = std::move(a.scaled);
      t.weights = std::move(a.weights);
      t.output = std::move(a.output);
      result.trace->row_fully_masked = a.row_fully_masked;  // the same for every head
    }
  }

  // pass 3: output projection
  if (w.out_proj_identity)
    result.output = add_out_bias(concat, w);
  else
    result.output = project(concat, w.out_proj_weight.data(),
                            w.out_proj_bias.size() != 0 ? w.out_proj_bias.data() : nullptr, e);
  if (options.trace) result.trace->concat = std::move(concat);
  return result;
}

MultiHeadPacked multi_head_pack(const MultiHeadWeights& w) {
  const int e = w.embed_dim, hd = e / w.num_heads;
  const int qdim = resolved(w.qdim, e), kdim = resolved(w.kdim, e), vdim = resolved(w.vdim, e);
  const InputProjections p = input_projections(w);
  auto pack = [](int rows, int cols, const float* m) {
    std::vector<float> out(kernels::packed_b_size(rows, cols));
    kernels::pack_b(rows, cols, m, cols, out.data());
    return out;
  };
  MultiHeadPacked result;
  result.num_heads = w.num_heads;
  for (int h = 0; h < w.num_heads; ++h) {
    const std::ptrdiff_t r0 = static_cast<std::ptrdiff_t>(h) * hd;
    result.q.push_back(pack(hd, qdim, p.wq + r0 * qdim));
    result.k.push_back(pack(hd, kdim, p.wk + r0 * kdim));
    result.v.push_back(pack(hd, vdim, p.wv + r0 * vdim));
  }
  if (!w.out_proj_identity) result.out = pack(e, e, w.out_proj_weight.data());
  return result;
}

MultiHeadResult self_attention(const Eigen::Ref<const Mat>& x, const MultiHeadWeights& w,
                               const MultiHeadOptions& options) {
  return multi_head_attention(x, x, x, w, options);
}

}  // namespace attn
