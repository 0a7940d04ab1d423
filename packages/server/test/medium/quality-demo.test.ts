import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeIndicators } from '../../src/features/quality/get-indicators.js';
import { computeVolumes } from '../../src/features/quality/get-volumes.js';
import { getLearningCurve } from '../../src/features/quality/get-learning-curve.js';
import { users } from '../../src/db/schema/index.js';
import { createDemoDatabase, type DemoDatabase, demoContext } from './support/test-db.js';

let database: DemoDatabase;
beforeAll(async () => {
  database = await createDemoDatabase();
}, 180_000);
afterAll(async () => database.destroy());

describe('quality demo data', () => {
  it('gives a year of indicators with targets set and the 4,000 laparoscopic baseline', async () => {
    const ind = await computeIndicators(database.db, { from: '2025-11-27', to: '2026-11-26' }, '2026-11-26');
    expect(ind.operations).toBeGreaterThan(60);
    for (const i of ind.indicators) {
      expect(i.denominator, i.code).toBeGreaterThan(0);
      expect(i.target, i.code).not.toBeNull();
    }
    const v = await computeVolumes(database.db, 2026, null);
    expect(v.laparoscopicBaseline).toBe(4000);
    expect(v.laparoscopicCumulative).toBeGreaterThan(4000 + v.laparoscopic - 1);
  });

  it("shows the new surgeon's learning curve: 30 laparoscopic colorectal cases, the conversion CUSUM crossing its limit", async () => {
    const all = await database.db.select().from(users);
    const ns = all.find((u) => u.username === 'newsurgeon')!;
    const ctx = await demoContext(database, 'department_head');
    const curve = await getLearningCurve(ctx, { surgeonId: ns.id, outcome: 'conversion', family: 'colorectal' });
    expect(curve.cases).toHaveLength(30);
    expect(curve.failure!.signalCase).not.toBeNull();
    expect(curve.failure!.signalCase!).toBeLessThanOrEqual(20);
    // Operative time falls: the CUSUM peaks inside the series (the end of the learning phase).
    expect(curve.operativeTime!.peakCase).toBeGreaterThan(5);
    expect(curve.operativeTime!.peakCase).toBeLessThan(28);
  });
});
