import { eq, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admissions, bedStates, beds, bedStays, wards } from '../../src/db/schema/index.js';
import { queryRows } from '../../src/db/sql.js';
import { createDemoDatabase, type DemoDatabase } from './support/test-db.js';

let database: DemoDatabase;
beforeAll(async () => {
  database = await createDemoDatabase();
}, 120_000);
afterAll(async () => database.destroy());

describe('ward demo data', () => {
  it('fills most general beds, leaves a few awaiting cleaning, one blocked, and reserves an ICU bed', async () => {
    const rows = await database.db
      .select({ kind: wards.kind, state: bedStates.state, n: sql<number>`count(*)::int` })
      .from(bedStates)
      .innerJoin(beds, eq(beds.id, bedStates.bedId))
      .innerJoin(wards, eq(wards.id, beds.wardId))
      .groupBy(wards.kind, bedStates.state);
    const n = (kind: string, state: string) => rows.find((r) => r.kind === kind && r.state === state)?.n ?? 0;
    expect(n('general', 'occupied')).toBeGreaterThanOrEqual(50);
    expect(n('general', 'vacant_dirty')).toBeGreaterThanOrEqual(2);
    expect(n('general', 'blocked')).toBe(1);
    expect(n('icu', 'reserved')).toBe(1);
    expect(n('icu', 'occupied') + n('hdu', 'occupied')).toBe(4);
  });

  it('keeps the current state consistent with the history: each occupied bed holds an active admission with its open stay there', async () => {
    const occupied = await database.db.select().from(bedStates).where(eq(bedStates.state, 'occupied'));
    const open = await database.db.select().from(bedStays).where(isNull(bedStays.toAt));
    expect(open).toHaveLength(occupied.length);
    for (const s of occupied) expect(open.find((o) => o.admissionId === s.admissionId)?.bedId).toBe(s.bedId);
    const active = await database.db.select().from(admissions).where(eq(admissions.status, 'active'));
    expect(active).toHaveLength(occupied.length);
  });

  it('has about two months of discharges, never two overlapping stays of one patient', async () => {
    const discharged = await database.db.select().from(admissions).where(eq(admissions.status, 'discharged'));
    expect(discharged.length).toBeGreaterThan(200);
    const overlaps = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from admissions a join admissions b on a.patient_id = b.patient_id and a.id < b.id
          and a.admitted_at < coalesce(b.discharged_at, 'infinity') and b.admitted_at < coalesce(a.discharged_at, 'infinity')`,
    );
    expect(overlaps[0]!.n).toBe(0);
  });

  it('records the operations of surgical stays within the stay, so post-operative stay has figures', async () => {
    const rows = await queryRows<{ n: number; bad: number }>(
      database.db,
      sql`select count(*)::int as n,
                 count(*) filter (where o.operation_date < (a.admitted_at at time zone 'Asia/Shanghai')::date
                                     or o.operation_date > (a.discharged_at at time zone 'Asia/Shanghai')::date)::int as bad
          from operations o join admissions a on a.patient_id = o.patient_id and a.status = 'discharged'
          where o.discharge_date = (a.discharged_at at time zone 'Asia/Shanghai')::date`,
    );
    expect(rows[0]!.n).toBeGreaterThan(50);
    expect(rows[0]!.bad).toBe(0);
  });

  it("has operated discharges in the last 30 days too (the occupancy page's default period), not only in the first weeks", async () => {
    const [r] = await queryRows<{ n: number; operated: number }>(
      database.db,
      sql`select count(*)::int as n,
                 count(*) filter (where exists (
                   select 1 from operations o where o.patient_id = a.patient_id and o.deleted_at is null
                     and o.operation_date >= (a.admitted_at at time zone 'Asia/Shanghai')::date
                     and o.operation_date <= (a.discharged_at at time zone 'Asia/Shanghai')::date))::int as operated
          from admissions a
          where a.status = 'discharged' and a.discharged_at > (select max(discharged_at) from admissions) - interval '30 days'`,
    );
    expect(r!.n).toBeGreaterThan(100);
    expect(r!.operated).toBeGreaterThanOrEqual(15);
    expect(r!.operated / r!.n).toBeGreaterThan(0.08);
  });
});
