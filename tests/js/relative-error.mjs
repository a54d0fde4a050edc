// relative-error: the engine tests' error measure, max_i |ours_i - ref_i| / max_i |ref_i| over a
// whole tensor (normwise: an elementwise ratio is meaningless for entries near 0).
export function relativeError(ours, ref) {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < ref.length; ++i) {
    diff = Math.max(diff, Math.abs(ours[i] - ref[i]));
    scale = Math.max(scale, Math.abs(ref[i]));
  }
  return diff / scale;
}
