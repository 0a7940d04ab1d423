import { Issues, fail } from './validate.js';

/**
 * Wilson score interval for a binomial proportion (Wilson, JASA 1927;22:209; Newcombe, Stat Med
 * 1998;17:857, method 3), the interval quality registries report with a rate (it stays inside 0–1 and
 * behaves for small denominators and rates near 0 or 1, unlike the Wald interval):
 *   centre = (p + z²/2n) / (1 + z²/n),  half = z·√(p(1−p)/n + z²/4n²) / (1 + z²/n).
 * z = 1.959964 for 95 %. Returns null for n = 0 (no rate to bound).
 */
export function wilsonInterval(successes: number, n: number, z = 1.959964): { lower: number; upper: number } | null {
  const issues = new Issues();
  if (!Number.isInteger(n) || n < 0) issues.add('n', 'out_of_range', 'stats.option.outOfRange', { field: 'n', min: 0, max: 'Infinity' });
  if (!Number.isInteger(successes) || successes < 0)
    issues.add('successes', 'out_of_range', 'stats.option.outOfRange', { field: 'successes', min: 0, max: 'n' });
  if (!(z > 0) || !Number.isFinite(z)) issues.add('z', 'out_of_range', 'stats.option.outOfRange', { field: 'z', min: 0, max: 'Infinity' });
  issues.throwIfAny();
  if (successes > n) fail('successes', 'out_of_range', 'stats.option.outOfRange', { field: 'successes', min: 0, max: n });
  if (n === 0) return null;
  const p = successes / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return { lower: Math.max(0, centre - half), upper: Math.min(1, centre + half) };
}
