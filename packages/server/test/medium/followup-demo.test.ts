import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/auth/actor.js';
import { permissionsOf } from '../../src/auth/permissions.js';
import { ManualClock } from '../../src/clock.js';
import { followUpContacts, followUpPlans, oncologyDiagnoses, operations, proResponses, users } from '../../src/db/schema/index.js';
import { survival } from '../../src/features/followup/analyze-survival.js';
import { getWorklist } from '../../src/features/followup/get-worklist.js';
import { createDemoDatabase, DEMO_NOW, type DemoDatabase } from './support/test-db.js';

let database: DemoDatabase;
let actor: Actor;
const now = DEMO_NOW;
const ctx = () => ({
  db: database.db,
  actor,
  meta: { requestId: 'test', clientIp: null, userAgent: null },
  locale: 'zh-CN' as const,
  clock: new ManualClock(now.toISOString()),
  timeZone: 'Asia/Shanghai',
});
beforeAll(async () => {
  database = await createDemoDatabase();
  const boot = database.boot;
  const [u] = await database.db.select().from(users).where(eq(users.username, 'surgeon'));
  actor = {
    userId: u!.id,
    username: 'surgeon',
    displayName: u!.displayName,
    role: 'surgeon',
    organizationId: boot.homeOrganizationId,
    organizationKind: 'home',
    permissions: permissionsOf('surgeon'),
    sessionId: null,
  };
}, 180_000);
afterAll(async () => database.destroy());

describe('follow-up demo data', () => {
  it('gives every discharged patient after a curative colorectal or gastric operation a plan', async () => {
    const operated = await database.db
      .selectDistinct({ patientId: oncologyDiagnoses.patientId })
      .from(oncologyDiagnoses)
      .innerJoin(operations, eq(operations.diagnosisId, oncologyDiagnoses.id))
      .where(
        and(
          sql`${oncologyDiagnoses.site} in ('colon', 'rectum', 'stomach')`,
          eq(operations.intent, 'curative'),
          isNotNull(operations.dischargeDate),
          isNull(operations.deletedAt),
          sql`coalesce(${oncologyDiagnoses.clinicalStage}, '') not in ('', 'unknown', '0')`,
        ),
      );
    const planned = new Set((await database.db.select({ p: followUpPlans.patientId }).from(followUpPlans)).map((r) => r.p));
    expect(operated.length).toBeGreaterThan(40);
    expect(operated.filter((o) => !planned.has(o.patientId))).toEqual([]);
  });

  it('has years of contacts with deaths and recurrences, overdue visits on the worklist and one open questionnaire alert', async () => {
    const [c] = await database.db
      .select({
        n: sql<number>`count(*)::int`,
        dead: sql<number>`count(*) filter (where ${followUpContacts.status} = 'dead')::int`,
        rec: sql<number>`count(${followUpContacts.recurrenceDate})::int`,
        span: sql<number>`(max(${followUpContacts.contactDate}) - min(${followUpContacts.contactDate}))::int`,
      })
      .from(followUpContacts);
    expect(c!.n).toBeGreaterThan(300);
    expect(c!.dead).toBeGreaterThan(5);
    expect(c!.rec).toBeGreaterThan(5);
    expect(c!.span).toBeGreaterThan(3 * 365);
    const overdue = await getWorklist(ctx(), { due: 'overdue' });
    expect(overdue.total).toBeGreaterThan(0);
    // The worklist's other cases: a patient with failed contact attempts, and one not seen for longer than the plan allows.
    expect(overdue.items.some((i) => i.failedAttempts === 2)).toBe(true);
    const notSeen = await getWorklist(ctx(), { due: 'not_seen' });
    expect(notSeen.total).toBeGreaterThan(0);
    expect(notSeen.items.every((i) => i.allowedGapDays !== null && i.overdueDays > 0)).toBe(true);
    const open = await database.db.select().from(proResponses).where(eq(proResponses.alertStatus, 'open'));
    expect(open).toHaveLength(1);
    expect(open[0]!.alertReasons).toContain('pain');
  });

  it('shows survival curves that separate by stage (log-rank p < 0.05, stage IV below stage I at 3 years)', async () => {
    const res = await survival(ctx(), { cohort: {}, endpoint: 'os', groupBy: 'stage' });
    expect(res.n).toBeGreaterThan(60);
    expect(res.logRank!.pValue).toBeLessThan(0.05);
    const s3 = (k: string) => res.groups.find((g) => g.key === k)?.landmarks[1]?.survival ?? null;
    expect(s3('IV')).not.toBeNull();
    expect(s3('I')! - s3('IV')!).toBeGreaterThan(0.2);
    const dfs = await survival(ctx(), { cohort: {}, endpoint: 'dfs' });
    expect(dfs.events).toBeGreaterThan(res.events);
  });
});
