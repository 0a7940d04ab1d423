import { describe, expect, it } from 'vitest';
import { CLAVIEN_DINDO_GRADES, isMajorComplication, resectionSite, wilsonInterval } from '../src/index.js';

describe('resectionSite (issue 12: the population of ln_adequacy and r0)', () => {
  it('takes the first radical procedure: gastric → stomach, colorectal and appendiceal → colorectal', () => {
    expect(resectionSite(['gastrectomy_distal_d2'])).toBe('stomach');
    expect(resectionSite(['diagnostic_laparoscopy', 'sigmoidectomy', 'loop_ileostomy'])).toBe('colorectal');
    expect(resectionSite(['right_hemicolectomy_appendix'])).toBe('colorectal');
    expect(resectionSite(['crs', 'gastrectomy_total_d2', 'sigmoidectomy'])).toBe('stomach');
  });
  it('is null without a radical resection (bypass, diagnostic, CRS alone, unknown codes)', () => {
    expect(resectionSite(['gastrojejunostomy'])).toBeNull();
    expect(resectionSite(['crs', 'hipec'])).toBeNull();
    expect(resectionSite(['appendectomy', 'no_such_code'])).toBeNull();
    expect(resectionSite([])).toBeNull();
  });
});

describe('wilsonInterval (Wilson 1927; Newcombe 1998 method 3)', () => {
  it('8/10 by hand: centre 0.99208/1.38415 = 0.71674, half 1.96·√0.025604/1.38415 = 0.22658', () => {
    const ci = wilsonInterval(8, 10)!;
    expect(ci.lower).toBeCloseTo(0.4902, 4);
    expect(ci.upper).toBeCloseTo(0.9433, 4);
  });
  it('0/10: lower 0, upper z²/(n + z²) = 3.8415/13.8415 = 0.2775', () => {
    const ci = wilsonInterval(0, 10)!;
    expect(ci.lower).toBe(0);
    expect(ci.upper).toBeCloseTo(0.2775, 4);
  });
  it("Newcombe's example 81/263 → 0.2553–0.3662", () => {
    const ci = wilsonInterval(81, 263)!;
    expect(ci.lower).toBeCloseTo(0.2553, 4);
    expect(ci.upper).toBeCloseTo(0.3662, 4);
  });
  it('no interval without a denominator; refuses impossible counts', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
    expect(() => wilsonInterval(3, 2)).toThrow();
    expect(() => wilsonInterval(-1, 2)).toThrow();
    expect(() => wilsonInterval(1.5, 2)).toThrow();
  });
});

describe('cd3plus grade rule (SQL `grade ~ ^(III|IV|V)`) equals isMajorComplication', () => {
  it('agrees for every Clavien–Dindo grade with and without the d suffix', () => {
    for (const g of CLAVIEN_DINDO_GRADES)
      for (const grade of g === 'V' ? [g] : [g, `${g}d`]) expect(/^(III|IV|V)/.test(grade), grade).toBe(isMajorComplication(grade));
  });
});
