import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Completeness } from '@gisurg/contracts/quality-completeness';
import { getCompleteness } from '../../src/features/quality/get-completeness.js';
import { createDemoDatabase, type DemoDatabase, demoContext } from './support/test-db.js';

let database: DemoDatabase;
let c: Completeness;
beforeAll(async () => {
  database = await createDemoDatabase();
  c = await getCompleteness(await demoContext(database, 'department_head'), { from: '2026-01-01', to: '2026-11-26' });
}, 180_000);
afterAll(async () => database.destroy());

describe('record completeness of the demo (issue 12)', () => {
  it('is realistic: most records complete, a few gaps a department would have', () => {
    expect(c.total).toBeGreaterThan(60);
    expect(c.rate!).toBeGreaterThan(0.7);
    expect(c.rate!).toBeLessThan(0.97);
    const missing = Object.fromEntries(c.missingByCode.map((m) => [m.code, m.count]));
    // Operations not discussed before surgery (unrecorded history, and this month's operations), stages left unknown.
    expect(missing.mdt_before_surgery).toBeGreaterThan(0);
    expect(missing.mdt_before_surgery).toBeLessThan(c.total * 0.2);
    expect(missing.clinical_stage).toBeGreaterThan(0);
    expect(c.worklist).toHaveLength(c.total - c.complete);
  });

  it('every surgeon has operations in the breakdown and the counts add up', () => {
    expect(c.bySurgeon.length).toBeGreaterThanOrEqual(2);
    expect(c.bySurgeon.reduce((n, s) => n + s.total, 0)).toBe(c.total);
    expect(c.bySurgeon.reduce((n, s) => n + s.complete, 0)).toBe(c.complete);
  });
});
