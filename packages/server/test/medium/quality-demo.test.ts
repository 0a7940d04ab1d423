import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { permissionsOf } from '../../src/auth/permissions.js';
import type { UseCaseContext } from '../../src/core/context.js';
import { users } from '../../src/db/schema/index.js';
import { computeIndicators } from '../../src/features/quality/get-indicators.js';
import { getLearningCurve } from '../../src/features/quality/get-learning-curve.js';
import { computeVolumes } from '../../src/features/quality/get-volumes.js';
import { bootstrap } from '../../src/seed/bootstrap.js';
import { seedDemo } from '../../src/seed/demo/index.js';
import { createTestDatabase, type TestDatabase } from './support/test-db.js';

let database: TestDatabase;
let ctx: UseCaseContext;
const now = new Date('2026-11-26T02:00:00Z');
beforeAll(async () => {
  database = await createTestDatabase();
  const boot = await bootstrap(database.db, { adminPassword: undefined, now });
  await seedDemo(database.db, { ...boot, demoPassword: 'Demo-Passw0rd', patients: 200, now, timeZone: 'Asia/Shanghai' });
  const [head] = await database.db.select().from(users).where(eq(users.username, 'department_head'));
  ctx = {
    db: database.db,
    actor: {
      userId: head!.id,
      username: head!.username,
      displayName: head!.displayName,
      role: 'department_head',
      organizationId: head!.organizationId,
      organizationKind: 'home',
      permissions: permissionsOf('department_head'),
      sessionId: null,
    },
    meta: { requestId: 'demo-test', clientIp: null, userAgent: null },
    locale: 'zh-CN',
    clock: { now: () => now },
    timeZone: 'Asia/Shanghai',
  };
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

  it('has a new surgeon whose risk-adjusted conversion CUSUM crosses the control limit', async () => {
    const [s] = await database.db.select().from(users).where(eq(users.username, 'newsurgeon'));
    const c = await getLearningCurve(ctx, { surgeonId: s!.id, outcome: 'conversion', family: 'gastric' });
    // 52 cases when the demo has that many patients without an operation (42 with 200 demo patients)
    expect(c.cases.length).toBeGreaterThanOrEqual(40);
    expect(c.failure!.signalCase).not.toBeNull();
    expect(c.failure!.signalCase!).toBeLessThanOrEqual(22);
    expect(c.operativeTime!.peakCase).toBeGreaterThan(5);
  });
});
