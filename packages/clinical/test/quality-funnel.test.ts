import { describe, expect, it } from 'vitest';
import { binomialControlLimit, funnelCurve, funnelLimits, funnelPosition } from '../src/index.js';
import { issuesOf } from './helpers.js';

/**
 * Funnel-plot limits (Spiegelhalter, Stat Med 2005;24:1185, Appendix A.1.1), by hand.
 *
 * θ = 0.1, n = 10: P(R ≤ 0) = 0.9^10 = 0.3486784401, P(R = 1) = 0.387420489, P(R = 2) = 0.1937102445,
 * P(R = 3) = 0.057395628 → P(R ≤ 2) = 0.9298091736, P(R ≤ 3) = 0.9872048016.
 *  - upper 95 % (p = 0.975): r_p = 3, α = (0.9872048016 − 0.975) / 0.057395628 = 0.2126434, limit (3 − α)/10 = 0.2787357
 *  - lower 95 % (p = 0.025): r_p = 0, α = (0.3486784401 − 0.025) / 0.3486784401 = 0.928301, limit −0.0928 → 0
 * θ = 0.5, n = 10: P(R ≤ 1) = 11/1024, P(R ≤ 2) = 56/1024, P(R ≤ 7) = 968/1024, P(R ≤ 8) = 1013/1024, P(R = 2) = P(R = 8) = 45/1024.
 *  - lower 95 %: r_p = 2, α = (56 − 25.6)/45 = 0.675556, limit 0.1324444
 *  - upper 95 %: r_p = 8, α = (1013 − 998.4)/45 = 0.324444, limit 0.7675556
 * Normal approximation, θ = 0.1, n = 100: SE = 0.03; 95 %: 0.1 ∓ 1.959964 · 0.03 = 0.0412011 / 0.1587989;
 * 99.8 %: 0.1 ∓ 3.090232 · 0.03 = 0.0072930 / 0.1927070.
 */
describe('funnel-plot control limits', () => {
  it('exact binomial limits with interpolation, θ = 0.1, n = 10', () => {
    expect(binomialControlLimit(0.1, 10, 0.975)).toBeCloseTo(0.2787357, 6);
    expect(binomialControlLimit(0.1, 10, 0.025)).toBe(0);
  });

  it('exact binomial limits with interpolation, θ = 0.5, n = 10', () => {
    const l = funnelLimits(0.5, 10);
    expect(l.lower95).toBeCloseTo(0.1324444, 6);
    expect(l.upper95).toBeCloseTo(0.7675556, 6);
    expect(l.denominator).toBe(10);
    expect(l.lower998).toBeLessThan(l.lower95);
    expect(l.upper998).toBeGreaterThan(l.upper95);
  });

  it('normal-approximation limits, θ = 0.1, n = 100', () => {
    const l = funnelLimits(0.1, 100, 'normal');
    expect(l.lower95).toBeCloseTo(0.0412011, 6);
    expect(l.upper95).toBeCloseTo(0.1587989, 6);
    expect(l.lower998).toBeCloseTo(0.007293, 6);
    expect(l.upper998).toBeCloseTo(0.192707, 6);
  });

  it('exact and normal limits agree for a large denominator', () => {
    const exact = funnelLimits(0.2, 2000);
    const normal = funnelLimits(0.2, 2000, 'normal');
    expect(Math.abs(exact.upper95 - normal.upper95)).toBeLessThan(0.002);
    expect(Math.abs(exact.lower998 - normal.lower998)).toBeLessThan(0.002);
  });

  it('a unit is outside when its rate is beyond the limit at its own denominator', () => {
    // θ = 0.1, n = 10: 3/10 = 0.3 > 0.2787 (95 %) but < upper 99.8 % (r_p = 5, limit 0.4427); 5/10 beyond both.
    expect(funnelPosition(2, 10, 0.1)).toEqual({ outside95: false, outside998: false });
    expect(funnelPosition(3, 10, 0.1)).toEqual({ outside95: true, outside998: false });
    expect(funnelPosition(5, 10, 0.1)).toEqual({ outside95: true, outside998: true });
    expect(funnelPosition(0, 10, 0.1)).toEqual({ outside95: false, outside998: false });
  });

  it('a target of 0 or 1 has no spread; bad input is refused', () => {
    expect(funnelLimits(0, 20)).toMatchObject({ lower95: 0, upper95: 0, lower998: 0, upper998: 0 });
    expect(funnelLimits(1, 20)).toMatchObject({ lower95: 1, upper998: 1 });
    expect(issuesOf(() => binomialControlLimit(1.2, 10, 0.975)).map((i) => i.field)).toEqual(['theta']);
    expect(issuesOf(() => binomialControlLimit(0.1, 0, 0.975)).map((i) => i.field)).toEqual(['n']);
  });

  it('draws the curve at every denominator up to 100, then at 100 spread points including the largest', () => {
    expect(funnelCurve(0.1, 5).map((l) => l.denominator)).toEqual([1, 2, 3, 4, 5]);
    const wide = funnelCurve(0.1, 1000);
    expect(wide).toHaveLength(100);
    expect(wide[0]!.denominator).toBe(1);
    expect(wide.at(-1)!.denominator).toBe(1000);
    expect(funnelCurve(0.1, 0)).toEqual([]);
  });
});
