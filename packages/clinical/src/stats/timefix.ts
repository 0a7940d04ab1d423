/**
 * R's `aeqSurv` (survival ≥ 2.39; applied by survfit, survdiff and coxph through `timefix = TRUE`):
 * times that differ only by floating-point error are made equal, so that 0.1 + 0.2 and 0.3 are one
 * tied time, exactly as R treats them.
 *
 * Over the sorted unique times y, two neighbours are tied when `diff ≤ tol` or
 * `diff / mean(|y|) ≤ tol`, tol = sqrt(.Machine$double.eps). Each time is replaced by the smallest
 * time of its chain of ties (R: `cuts <- y[c(TRUE, !tied)]`, `cuts[findInterval(x, cuts)]`).
 *
 * `time` is modified in place; `order` must sort it ascending and stays valid afterwards.
 */
export const TIMEFIX_TOLERANCE = Math.sqrt(2.220446049250313e-16);

export function applyTimefix(time: Float64Array, order: Uint32Array): void {
  const n = order.length;
  if (n < 2) return;
  let sumAbs = 0;
  let unique = 0;
  let prev = NaN;
  for (let i = 0; i < n; i += 1) {
    const t = time[order[i]!]!;
    if (t !== prev) {
      sumAbs += Math.abs(t);
      unique += 1;
      prev = t;
    }
  }
  const meanAbs = sumAbs / unique;
  let cut = time[order[0]!]!;
  prev = cut;
  for (let i = 1; i < n; i += 1) {
    const idx = order[i]!;
    const t = time[idx]!;
    if (t !== prev) {
      const dy = t - prev;
      const tied = dy <= TIMEFIX_TOLERANCE || dy / meanAbs <= TIMEFIX_TOLERANCE;
      if (!tied) cut = t;
      prev = t;
    }
    time[idx] = cut;
  }
}
