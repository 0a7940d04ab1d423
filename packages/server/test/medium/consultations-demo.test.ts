import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admissions, consultationReferrals, consultations, organizations } from '../../src/db/schema/index.js';
import { createDemoDatabase, DEMO_NOW, type DemoDatabase } from './support/test-db.js';

let database: DemoDatabase;
const now = DEMO_NOW;
beforeAll(async () => {
  database = await createDemoDatabase();
}, 180_000);
afterAll(async () => database.destroy());

describe('consultation demo data', () => {
  it('has consultations from the four primary hospitals in every state over the past year', async () => {
    const rows = await database.db
      .select({ org: organizations.name, status: consultations.status, submittedAt: consultations.submittedAt })
      .from(consultations)
      .innerJoin(organizations, eq(organizations.id, consultations.organizationId));
    expect(new Set(rows.map((r) => r.org)).size).toBe(4);
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['submitted', 'assigned', 'info_requested', 'answered', 'closed']));
    const oldest = Math.min(...rows.map((r) => r.submittedAt.getTime()));
    expect(now.getTime() - oldest).toBeGreaterThan(300 * 24 * 3_600_000);
    expect(rows.every((r) => r.submittedAt.getTime() <= now.getTime())).toBe(true);
    const [overdue] = await database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(consultations)
      .where(sql`${consultations.status} in ('submitted','assigned','info_requested') and ${consultations.dueAt} < ${now}`);
    expect(overdue!.n).toBeGreaterThanOrEqual(1);
  });

  it('has a transfer with its referral and held bed; an admitted one is recorded as a transfer in', async () => {
    const refs = await database.db.select().from(consultationReferrals);
    expect(refs.length).toBeGreaterThanOrEqual(1);
    expect(refs.every((r) => r.bedId !== null)).toBe(true);
    for (const r of refs.filter((x) => x.status === 'admitted')) {
      const [a] = await database.db.select().from(admissions).where(eq(admissions.id, r.admissionId!));
      expect(a!.source).toBe('transfer_in');
    }
  });
});
