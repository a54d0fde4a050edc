// multi_head: torch.nn.MultiheadAttention's forward pass for one batch, and MultiHeadLayer
// (see multi_head.h). Projections go through kernels::linear. With weights or a trace, Q, K, V
// are projected whole and each head is a column block of them (traced below); output-only
// calls project head by head instead (output_only below), which bounds memory by the inputs
// and the output.
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

const float* out_bias(const MultiHeadWeights& w) {
  return w.out_proj_bias.size() != 0 ? w.out_proj_bias.data() : nullptr;
}

// y (T, out) = x (T, in) W^T + b for W (out, in) contiguous (out = y.cols()), b (out) or null.
// T may be 0 (no keys): nothing to do.
void project_rows(const Eigen::Ref<const Mat>& x, const float* w, const float* b, Mat& y) {
  if (x.rows() == 0) return;
  kernels::linear(static_cast<int>(x.rows()), static_cast<int>(x.cols()),
                  static_cast<int>(y.cols()), x.data(), static_cast<int>(x.outerStride()), w, b,
                  y.data(), static_cast<int>(y.cols()));
}

// Same with W packed by kernels::pack_b.
void project_rows_packed(const Eigen::Ref<const Mat>& x, const float* packed, const float* b,
                         Mat& y) {
  if (x.rows() == 0) return;
  kernels::linear_packed(static_cast<int>(x.rows()), static_cast<int>(x.cols()),
                         static_cast<int>(y.cols()), x.data(), static_cast<int>(x.outerStride()),
                         packed, b, y.data(), static_cast<int>(y.cols()));
}

// y (T, E) = x (T, in) W^T + b, W (E, in) contiguous, b (E) or null.
Mat project(const Eigen::Ref<const Mat>& x, const float* w, const float* b, int e) {
  Mat y(x.rows(), e);
  project_rows(x, w, b, y);
  return y;
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

// One head's attention output (Tq, hd) into out without keeping any (Tq, Tk) matrix: the tiled
// kernel when the mask is causal/padding only, else the row-blocked path (which also takes
// Tk = 0). q (Tq, hd), k (Tk, hd), v (Tk, hd) are this head's projections.
void head_output_only(const Mat& q, const Mat& k, const Mat& v, const MaskSpec& mask, float scale,
                      Eigen::Ref<Mat> out) {
  if (mask.explicit_mask.size() != 0 || k.rows() == 0) {
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
// in a few tens of MB. The FLOPs are exactly those of projecting Q, K, V whole. packed: the
// layer's packed projections, or null.
Mat output_only(const Eigen::Ref<const Mat>& query, const Eigen::Ref<const Mat>& key,
                const Eigen::Ref<const Mat>& value, const MultiHeadWeights& w,
                const MultiHeadLayer::Packed* packed, const MaskSpec& mask, float scale) {
  const int e = w.embed_dim, hd = e / w.num_heads;
  const int tq = static_cast<int>(query.rows()), tk = static_cast<int>(key.rows());
  const InputProjections p = input_projections(w);
  Mat q(tq, hd), k(tk, hd), v(tk, hd);
  Mat concat(tq, e);
  for (int h = 0; h < w.num_heads; ++h) {
    const std::ptrdiff_t r0 = static_cast<std::ptrdiff_t>(h) * hd;  // first weight row of head h
    const float* bq = p.bq ? p.bq + r0 : nullptr;
    const float* bk = p.bk ? p.bk + r0 : nullptr;
    const float* bv = p.bv ? p.bv + r0 : nullptr;
    if (packed) {
      project_rows_packed(query, packed->q[h].data(), bq, q);
      project_rows_packed(key, packed->k[h].data(), bk, k);
      project_rows_packed(value, packed->v[h].data(), bv, v);
    } else {
      project_rows(query, p.wq + r0 * query.cols(), bq, q);
      project_rows(key, p.wk + r0 * key.cols(), bk, k);
      project_rows(value, p.wv + r0 * value.cols(), bv, v);
    }
    head_output_only(q, k, v, mask, scale, concat.middleCols(r0, hd));
  }
  Mat rows(std::min(tq, kOutputRowBlock), e);
  for (int i0 = 0; i0 < tq; i0 += kOutputRowBlock) {
    const int n = std::min(kOutputRowBlock, tq - i0);
    const float* x = concat.data() + static_cast<std::ptrdiff_t>(i0) * e;
    if (packed)
      kernels::linear_packed(n, e, e, x, e, packed->out.data(), out_bias(w), rows.data(), e);
    else
      kernels::linear(n, e, e, x, e, w.out_proj_weight.data(), out_bias(w), rows.data(), e);
    concat.middleRows(i0, n) = rows.topRows(n);
  }
  return concat;
}

// The forward pass that keeps the weights (need_weights) and/or every head's intermediates
// (trace): Q, K, V projected whole, each head attends on its column block and writes its
// columns of concat, then the output projection.
MultiHeadResult traced(const Eigen::Ref<const Mat>& query, const Eigen::Ref<const Mat>& key,
                       const Eigen::Ref<const Mat>& value, const MultiHeadWeights& w,
                       const MaskSpec& mask, float scale, const MultiHeadOptions& options) {
  const int e = w.embed_dim, heads = w.num_heads, hd = e / heads;
  const int tq = static_cast<int>(query.rows()), tk = static_cast<int>(key.rows());
  // pass 1: input projections Q = query W_q^T + b_q, K, V (each (T, E))
  const InputProjections p = input_projections(w);
  const Mat q = project(query, p.wq, p.bq, e);
  const Mat k = project(key, p.wk, p.bk, e);
  const Mat v = project(value, p.wv, p.bv, e);

  // pass 2: each head on its column block, written into its columns of concat
  MultiHeadResult result;
  Mat concat(tq, e);
  if (options.need_weights) result.weights.resize(static_cast<Eigen::Index>(heads) * tq, tk);
  if (options.trace) {
    result.trace.emplace();
    result.trace->heads.resize(heads);
    result.trace->mask = mask_spec_materialize(mask, tq, tk);
    result.trace->scale = scale;
  }
  for (int h = 0; h < heads; ++h) {
    const int c0 = h * hd;
    const Eigen::Ref<const Mat> q_h = q.middleCols(c0, hd), k_h = k.middleCols(c0, hd),
                                v_h = v.middleCols(c0, hd);
    if (!options.trace) {  // weights only: softmax written straight into the result
      scaled_dot_product_weights(q_h, k_h, v_h, mask, scale,
                                 result.weights.middleRows(static_cast<Eigen::Index>(h) * tq, tq),
                                 concat.middleCols(c0, hd));
      continue;
    }
    AttentionResult a = scaled_dot_product(q_h, k_h, v_h, mask, scale);
    concat.middleCols(c0, hd) = a.output;
    if (options.need_weights)
      result.weights.middleRows(static_cast<Eigen::Index>(h) * tq, tq) = a.weights;
    if (h == 0) result.trace->row_fully_masked = a.row_fully_masked;  // the same for every head
    result.trace->heads[h] = {q_h,
                              k_h,
                              v_h,
                              std::move(a.scores),
                              std::move(a.scaled),
                              std::move(a.masked),
                              std::move(a.weights),
                              std::move(a.output)};
  }

  // pass 3: output projection
  result.output = project(concat, w.out_proj_weight.data(), out_bias(w), e);
  if (options.trace) result.trace->concat = std::move(concat);
  return result;
}

// multi_head_attention on weights already checked (packed: their packed projections or null).
MultiHeadResult forward_checked(const Eigen::Ref<const Mat>& query,
                                const Eigen::Ref<const Mat>& key,
                                const Eigen::Ref<const Mat>& value, const MultiHeadWeights& w,
                                const MultiHeadOptions& options,
                                const MultiHeadLayer::Packed* packed) {
  // pass 0: every input size and value is checked before any work
  const int e = w.embed_dim, hd = e / w.num_heads;
  check_shape(kWhere, "query", query, -1, e);
  check_shape_rows_may_be_zero(kWhere, "key", key, -1, resolved(w.kdim, e));
  check_shape_rows_may_be_zero(kWhere, "value", value, static_cast<int>(key.rows()),
                               resolved(w.vdim, e));
  check_finite(kWhere, "query", query);
  check_finite(kWhere, "key", key);
  check_finite(kWhere, "value", value);
  const int tq = static_cast<int>(query.rows()), tk = static_cast<int>(key.rows());
  const MaskSpec mask = mask_spec_of(options);
  mask_spec_check(kWhere, mask, tq, tk);
  const float scale = options.scale ? *options.scale : 1.0f / std::sqrt(static_cast<float>(hd));
  check_finite(kWhere, "scale", &scale, 1);
  if (options.need_weights || options.trace)
    return traced(query, key, value, w, mask, scale, options);
  MultiHeadResult result;
  result.output = output_only(query, key, value, w, packed, mask, scale);
  return result;
}

// kernels::pack_b of a (rows, cols) contiguous matrix.
std::vector<float> pack(int rows, int cols, const float* m) {
  std::vector<float> out(kernels::packed_b_size(rows, cols));
  kernels::pack_b(rows, cols, m, cols, out.data());
  return out;
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
  if (w.kdim < 0) check_size(kWhere, "kdim", w.kdim, -1);
  if (w.vdim < 0) check_size(kWhere, "vdim", w.vdim, -1);
  const int kdim = resolved(w.kdim, e), vdim = resolved(w.vdim, e);
  if (w.in_proj_weight.size() != 0) {
    if (kdim != e || vdim != e) {
      throw ShapeError(std::string(kWhere) + ": in_proj_weight (packed) needs kdim == vdim == " +
                       "embed_dim, given kdim " + std::to_string(kdim) + ", vdim " +
                       std::to_string(vdim) + "; expected q/k/v_proj_weight instead");
    }
    check_weight("in_proj_weight", w.in_proj_weight, 3 * e, e);
  } else {
    check_weight("q_proj_weight", w.q_proj_weight, e, e);
    check_weight("k_proj_weight", w.k_proj_weight, e, kdim);
    check_weight("v_proj_weight", w.v_proj_weight, e, vdim);
  }
  if (w.in_proj_bias.size() != 0) check_vector("in_proj_bias", w.in_proj_bias, 3 * e);
  check_weight("out_proj_weight", w.out_proj_weight, e, e);
  if (w.out_proj_bias.size() != 0) check_vector("out_proj_bias", w.out_proj_bias, e);
}

MultiHeadResult multi_head_attention(const Eigen::Ref<const Mat>& query,
                                     const Eigen::Ref<const Mat>& key,
                                     const Eigen::Ref<const Mat>& value, const MultiHeadWeights& w,
                                     const MultiHeadOptions& options) {
  multi_head_weights_check(w);
  return forward_checked(query, key, value, w, options, nullptr);
}

MultiHeadResult self_attention(const Eigen::Ref<const Mat>& x, const MultiHeadWeights& w,
                               const MultiHeadOptions& options) {
  return multi_head_attention(x, x, x, w, options);
}

MultiHeadLayer::MultiHeadLayer(MultiHeadWeights weights) : weights_(std::move(weights)) {
  multi_head_weights_check(weights_);
  const MultiHeadWeights& w = weights_;
  const int e = w.embed_dim, hd = e / w.num_heads;
  const int kdim = resolved(w.kdim, e), vdim = resolved(w.vdim, e);
  const InputProjections p = input_projections(w);
  for (int h = 0; h < w.num_heads; ++h) {
    const std::ptrdiff_t r0 = static_cast<std::ptrdiff_t>(h) * hd;
    packed_.q.push_back(pack(hd, e, p.wq + r0 * e));
    packed_.k.push_back(pack(hd, kdim, p.wk + r0 * kdim));
    packed_.v.push_back(pack(hd, vdim, p.wv + r0 * vdim));
  }
  packed_.out = pack(e, e, w.out_proj_weight.data());
}

MultiHeadResult MultiHeadLayer::forward(const Eigen::Ref<const Mat>& query,
                                        const Eigen::Ref<const Mat>& key,
                                        const Eigen::Ref<const Mat>& value,
                                        const MultiHeadOptions& options) const {
  return forward_checked(query, key, value, weights_, options, &packed_);
}

}  // namespace attn
