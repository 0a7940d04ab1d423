import type { KaplanMeierResult } from './kaplan-meier.js';
import { Issues } from './validate.js';

export interface SurvivalAtResult {
  readonly time: number;
  readonly survival: number;
  /** Standard error of S(t); null where R reports NaN (after S has reached 0). */
  readonly stdErr: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
  /** Number still at risk at t (followed up to at least t). */
  readonly nRisk: number;
}

/**
 * The curve at time t, as R's `summary(fit, times = t, extend = TRUE)`: S is a right-continuous step
 * function (events at t are included); before the first observed time S = 1 with limits 1 (R's
 * `survfit0` row at time 0); after the last time the last values carry on. `nRisk` is the number
 * of patients with time ≥ t (R: `1 + findInterval(t, time, left.open = TRUE)`), 0 past the end.
 */
export function survivalAt(km: KaplanMeierResult, t: number): SurvivalAtResult {
  checkTime(t, 't');
  const times = km.time;
  const last = lastAtOrBefore(times, t);
  let firstAtOrAfter = last;
  if (last < 0 || times[last] !== t) firstAtOrAfter = last + 1;
  const nRisk = firstAtOrAfter < times.length ? km.nRisk[firstAtOrAfter]! : 0;
  if (last < 0) return { time: t, survival: 1, stdErr: 0, lower: 1, upper: 1, nRisk };
  return {
    time: t,
    survival: km.survival[last]!,
    stdErr: km.stdErr[last] ?? null,
    lower: km.lower[last] ?? null,
    upper: km.upper[last] ?? null,
    nRisk,
  };
}

export interface RestrictedMeanResult {
  /** The truncation time τ. */
  readonly tau: number;
  /** ∫₀^τ S(t) dt: mean survival time up to τ. */
  readonly rmean: number;
  /** Its standard error, R's `se(rmean)`. */
  readonly stdErr: number;
}

/**
 * Restricted mean survival time up to τ, as R's `print(fit, rmean = tau)` (`survmean`): the area under
 * the Kaplan–Meier curve from 0 to τ (the curve is extended flat past its last time), with variance
 * Σ_{event times t_i ≤ τ} A_i² · d_i / (n_i (n_i − d_i)), A_i = area under the curve between t_i and τ
 * (Klein & Moeschberger 2003, §4.5). Terms with n_i = d_i contribute 0, as in R.
 */
export function restrictedMeanSurvival(km: KaplanMeierResult, tau: number): RestrictedMeanResult {
  checkTime(tau, 'tau');
  const times = km.time;
  const keep = lastAtOrBefore(times, tau) + 1;
  // rectangles[j]: area of the step that starts at the j-th kept time (j = 0 is [0, t_0])
  const rect: number[] = [];
  let prevT = 0;
  let prevS = 1;
  for (let j = 0; j < keep; j += 1) {
    rect.push((times[j]! - prevT) * prevS);
    prevT = times[j]!;
    prevS = km.survival[j]!;
  }
  rect.push((tau - prevT) * prevS);
  let rmean = 0;
  for (const r of rect) rmean += r;
  let variance = 0;
  let tail = 0;
  for (let j = keep - 1; j >= 0; j -= 1) {
    tail += rect[j + 1]!;
    const nr = km.nRisk[j]!;
    const d = km.nEvent[j]!;
    const h = nr - d === 0 ? 0 : d / (nr * (nr - d));
    variance += tail * tail * h;
  }
  return { tau, rmean, stdErr: Math.sqrt(variance) };
}

function checkTime(t: number, field: string): void {
  const issues = new Issues();
  if (typeof t !== 'number' || !Number.isFinite(t)) issues.add(field, 'not_finite', 'stats.input.notFinite', { field });
  else if (t < 0) issues.add(field, 'negative', 'stats.input.negativeTime', { field });
  issues.throwIfAny();
}

/** Index of the last time ≤ t, or −1 (binary search on the ascending times). */
function lastAtOrBefore(times: readonly number[], t: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}
