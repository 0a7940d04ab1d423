import { normalQuantile } from '../stats/distributions.js';
import { Issues } from '../stats/validate.js';

/**
 * Funnel-plot control limits for a proportion (Spiegelhalter DJ. Funnel plots for comparing institutional
 * performance. Stat Med 2005;24:1185–1202): each unit (here a surgeon) plots its rate y/n against its
 * denominator n; the target θ (here the department's rate) is the centre line, and the limits at which an
 * in-control unit falls below or above with probability p form a funnel that narrows as n grows. The
 * paper draws two: 95 % (p = 0.025 / 0.975, "alert") and 99.8 % (p = 0.001 / 0.999, "alarm").
 *
 * - `exact` (default; Appendix A.1.1, binomial): r_p is the smallest r with P(R ≤ r) ≥ p for
 *   R ~ Binomial(n, θ); the discrete quantile is smoothed by interpolation,
 *   α = (P(R ≤ r_p) − p) / (P(R ≤ r_p) − P(R ≤ r_p − 1)), and the limit is (r_p − α) / n.
 *   Right for the small denominators of one surgeon's year.
 * - `normal` (normal approximation): θ + z_p √(θ(1 − θ) / n), z_p = Φ⁻¹(p) (±1.959964 for 95 %, ±3.090232
 *   for 99.8 %).
 *
 * Limits are proportions clamped to [0, 1]. A unit is outside when its rate is strictly below the lower or
 * strictly above the upper limit at its own denominator.
 */
export type FunnelMethod = 'exact' | 'normal';

/** The two-sided levels of the paper: 95 % and 99.8 %, as the lower / upper tail probabilities. */
export const FUNNEL_LEVELS = { p95: { lower: 0.025, upper: 0.975 }, p998: { lower: 0.001, upper: 0.999 } } as const;

export interface FunnelLimits {
  denominator: number;
  lower95: number;
  upper95: number;
  lower998: number;
  upper998: number;
}

function check(theta: number, n: number, p: number): void {
  const issues = new Issues();
  if (!(theta >= 0 && theta <= 1)) issues.add('theta', 'out_of_range', 'stats.option.outOfRange', { field: 'theta', min: 0, max: 1 });
  if (!Number.isInteger(n) || n < 1) issues.add('n', 'out_of_range', 'stats.option.outOfRange', { field: 'n', min: 1, max: 'Infinity' });
  if (!(p > 0 && p < 1)) issues.add('p', 'out_of_range', 'stats.option.outOfRange', { field: 'p', min: 0, max: 1 });
  issues.throwIfAny();
}

const clamp = (x: number) => Math.min(1, Math.max(0, x));

/** The p-limit (a proportion) of a funnel around target θ at denominator n. */
export function binomialControlLimit(theta: number, n: number, p: number, method: FunnelMethod = 'exact'): number {
  check(theta, n, p);
  if (theta === 0 || theta === 1) return theta;
  if (method === 'normal') return clamp(theta + normalQuantile(p) * Math.sqrt((theta * (1 - theta)) / n));
  // Binomial probabilities by the recurrence P(r + 1) = P(r) · (n − r)/(r + 1) · θ/(1 − θ), in logs (no underflow).
  const logOdds = Math.log(theta) - Math.log(1 - theta);
  let logPmf = n * Math.log(1 - theta);
  let below = 0; // P(R ≤ r − 1)
  for (let r = 0; r <= n; r += 1) {
    const pmf = Math.exp(logPmf);
    const cdf = below + pmf;
    if (cdf >= p || r === n) {
      const alpha = pmf > 0 ? (cdf - p) / pmf : 0;
      return clamp((r - alpha) / n);
    }
    below = cdf;
    logPmf += Math.log(n - r) - Math.log(r + 1) + logOdds;
  }
  return 1;
}

/** The 95 % and 99.8 % limits at one denominator. */
export function funnelLimits(theta: number, n: number, method: FunnelMethod = 'exact'): FunnelLimits {
  return {
    denominator: n,
    lower95: binomialControlLimit(theta, n, FUNNEL_LEVELS.p95.lower, method),
    upper95: binomialControlLimit(theta, n, FUNNEL_LEVELS.p95.upper, method),
    lower998: binomialControlLimit(theta, n, FUNNEL_LEVELS.p998.lower, method),
    upper998: binomialControlLimit(theta, n, FUNNEL_LEVELS.p998.upper, method),
  };
}

/** Whether a unit's rate lies outside the 95 % and 99.8 % limits at its denominator (n ≥ 1). */
export function funnelPosition(
  numerator: number,
  denominator: number,
  theta: number,
  method: FunnelMethod = 'exact',
): { outside95: boolean; outside998: boolean } {
  const l = funnelLimits(theta, denominator, method);
  const rate = numerator / denominator;
  return { outside95: rate < l.lower95 || rate > l.upper95, outside998: rate < l.lower998 || rate > l.upper998 };
}

/**
 * The limit lines to draw from denominator 1 to `maxDenominator`: every denominator up to `points`, then
 * `points` denominators spread evenly (always including the largest).
 */
export function funnelCurve(theta: number, maxDenominator: number, method: FunnelMethod = 'exact', points = 100): FunnelLimits[] {
  if (maxDenominator < 1) return [];
  const ns = new Set<number>();
  if (maxDenominator <= points) for (let n = 1; n <= maxDenominator; n += 1) ns.add(n);
  else for (let i = 0; i < points; i += 1) ns.add(Math.max(1, Math.round(1 + ((maxDenominator - 1) * i) / (points - 1))));
  return [...ns].sort((a, b) => a - b).map((n) => funnelLimits(theta, n, method));
}
