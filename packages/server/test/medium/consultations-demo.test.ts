import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  admissions,
  bedStays,
  consultationReferrals,
  consultations,
  exchangeVisits,
  organizations,
  outreachActivities,
  partnerAgreements,
} from '../../src/db/schema/index.js';
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

  it('has outreach, agreements and exchange visits with the four primary hospitals over the past year', async () => {
    const primaries = (await database.db.select().from(organizations).where(eq(organizations.kind, 'primary'))).map((o) => o.id);
    expect(primaries).toHaveLength(4);
    const visits = await database.db.select().from(outreachActivities);
    const yearAgo = new Date(now.getTime() - 366 * 24 * 3_600_000).toISOString().slice(0, 10);
    const today = now.toISOString().slice(0, 10);
    expect(visits.every((v) => v.date >= yearAgo && v.date <= today)).toBe(true);
    for (const id of primaries) {
      expect(visits.filter((v) => v.kind === 'visit' && v.organizationIds.includes(id)).length, id).toBeGreaterThanOrEqual(3);
      expect(
        visits.some((v) => v.kind === 'tele_session' && v.organizationIds.includes(id)),
        id,
      ).toBe(true);
    }
    expect(visits.filter((v) => v.kind === 'visit').every((v) => v.activity !== null && v.surgeonIds.length > 0)).toBe(true);
    const weekdays = visits.map((v) => new Date(`${v.date}T00:00:00Z`).getUTCDay());
    expect(weekdays.every((d) => d !== 0 && d !== 6)).toBe(true);
    const agreements = await database.db.select().from(partnerAgreements);
    for (const id of primaries)
      expect(
        agreements.some((a) => a.organizationId === id && a.startDate <= today && (a.endDate ?? '9999') >= today),
        id,
      ).toBe(true);
    const exchange = await database.db.select().from(exchangeVisits);
    expect(new Set(exchange.map((e) => e.direction))).toEqual(new Set(['in', 'out']));
    expect(exchange.every((e) => e.fromDate <= e.toDate && e.toDate <= today)).toBe(true);
  });

  it('has a referral admitted and sent back, its stay outside every other stay of its bed', async () => {
    const [ref] = await database.db
      .select()
      .from(consultationReferrals)
      .where(sql`${consultationReferrals.dischargedAt} is not null`);
    expect(ref).toBeDefined();
    const [stay] = await database.db.select().from(admissions).where(eq(admissions.id, ref!.admissionId!));
    expect(stay).toMatchObject({ status: 'discharged', source: 'transfer_in', disposition: 'transfer_hospital' });
    expect(ref!.dischargedAt!.getTime()).toBe(stay!.dischargedAt!.getTime());
    expect(ref!.dischargeNote).toBeTruthy();
    const [c] = await database.db.select().from(consultations).where(eq(consultations.id, ref!.consultationId));
    expect(c).toMatchObject({ status: 'closed', recommendation: 'transfer' });
    expect(c!.answeredAt!.getTime()).toBeLessThan(stay!.admittedAt.getTime());
    const [own] = await database.db.select().from(bedStays).where(eq(bedStays.admissionId, stay!.id));
    const others = (await database.db.select().from(bedStays).where(eq(bedStays.bedId, own!.bedId))).filter((b) => b.id !== own!.id);
    const overlapping = others.filter((b) => b.fromAt < own!.toAt! && (b.toAt ?? now) > own!.fromAt);
    expect(overlapping).toEqual([]);
  });
});
