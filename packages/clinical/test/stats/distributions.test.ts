import { describe, expect, it } from 'vitest';
import { chiSquareUpperTail, normalQuantile, normalTwoSidedP } from '../../src/stats/distributions.js';
import { asArray, asObject, loadFixture, relativeError, rNumber } from './fixtures.js';

/** R's pchisq/qnorm/pnorm (fixtures/distributions.json); the library needs them to ~1e-13. */
const fx = loadFixture('distributions');

describe('distribution functions equal R', () => {
  it.each(asArray(fx.chiSquare).map(asObject))('pchisq($x, $df, lower.tail = FALSE)', (r) => {
    expect(relativeError(chiSquareUpperTail(rNumber(r.x)!, rNumber(r.df)!), rNumber(r.upper))).toBeLessThan(1e-12);
  });

  it.each(asArray(fx.normalQuantile).map(asObject))('qnorm($p)', (r) => {
    expect(relativeError(normalQuantile(rNumber(r.p)!), rNumber(r.q))).toBeLessThan(1e-14);
  });

  it.each(asArray(fx.normalTwoSided).map(asObject))('2 * pnorm(-|$z|)', (r) => {
    expect(relativeError(normalTwoSidedP(rNumber(r.z)!), rNumber(r.p))).toBeLessThan(1e-12);
  });
});
