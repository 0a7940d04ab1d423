import { validateResidentId } from '@gisurg/clinical';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beds, operations, patients, users, wards } from '../../src/db/schema/index.js';
import { ROLES } from '../../src/auth/permissions.js';
import { DEMO_ACCOUNTS, seedDemo } from '../../src/seed/demo/index.js';
import { verifyPassword } from '../../src/auth/passwords.js';
import { createDemoDatabase, DEMO_NOW, type DemoDatabase } from './support/test-db.js';

let database: DemoDatabase;
const now = DEMO_NOW;
beforeAll(async () => {
  database = await createDemoDatabase();
});
afterAll(async () => database.destroy());

describe('demo data', () => {
  it('has one account per role, username = role, with the demo password (admin excepted)', async () => {
    const rows = await database.db.select().from(users);
    // plus the quality demo's new surgeon (seed/demo/quality.ts) and the teaching demo's two supervisors and
    // four trainees (seed/demo/education.ts)
    const extra = ['newsurgeon', 'xuming', 'hewei', 'linke', 'guoan', 'maxiao', 'huangxin'];
    expect(rows.map((u) => u.username).sort()).toEqual([...ROLES, ...extra].sort());
    const surgeon = rows.find((u) => u.username === 'surgeon')!;
    expect(await verifyPassword(surgeon.passwordHash, 'Demo-Passw0rd')).toBe(true);
  });

  it('gives every account its own password hash (own salt), each verifying the demo password', async () => {
    const rows = (await database.db.select().from(users)).filter((u) => u.username !== 'admin');
    // A first start hashes this many passwords ahead (seedDemo): one per demo account, none wasted.
    expect(rows).toHaveLength(DEMO_ACCOUNTS);
    expect(new Set(rows.map((u) => u.passwordHash)).size).toBe(rows.length);
    expect(new Set(rows.map((u) => u.passwordHash.split('$')[4])).size).toBe(rows.length);
    for (const u of rows.slice(0, 3)) expect(await verifyPassword(u.passwordHash, 'Demo-Passw0rd')).toBe(true);
  });

  it('has three general wards holding 65 beds, plus ICU and HDU beds', async () => {
    const counts = await database.db
      .select({ kind: wards.kind, n: sql<number>`count(*)::int` })
      .from(beds)
      .innerJoin(wards, eq(wards.id, beds.wardId))
      .groupBy(wards.kind);
    expect(Object.fromEntries(counts.map((c) => [c.kind, c.n]))).toEqual({ general: 65, icu: 4, hdu: 4 });
    expect((await database.db.select().from(wards).where(eq(wards.kind, 'general'))).length).toBe(3);
  });

  it('has 200 synthetic patients with valid resident IDs that agree with birth date and sex, and unique inpatient numbers', async () => {
    // The 200 demo patients of the foundation step carry an inpatient number; later steps may add referrals
    // registered by a primary hospital (consultations), which have none yet.
    // The quality step adds the new surgeon's learning-curve series: 30 whole stories of their own, admitted too.
    const newSurgeon = (await database.db.select().from(users)).find((u) => u.username === 'newsurgeon')!;
    const series = new Set(
      (await database.db.select().from(operations)).filter((o) => o.surgeonId === newSurgeon.id).map((o) => o.patientId),
    );
    expect(series.size).toBe(30);
    const rows = (await database.db.select().from(patients)).filter((p) => p.inpatientNo !== null && !series.has(p.id));
    expect(rows).toHaveLength(200);
    for (const p of rows) {
      const r = validateResidentId(p.idNumber!, { today: '2026-11-26' });
      expect(r.valid, p.idNumber!).toBe(true);
      expect(r.birthDate).toBe(p.birthDate);
      expect(r.sex).toBe(p.sex);
    }
    expect(new Set(rows.map((p) => p.inpatientNo)).size).toBe(200);
    expect(rows.some((p) => p.sourceOrganizationId !== null)).toBe(true);
  });

  it('seeds once: a second start adds nothing', async () => {
    const before = (await database.db.select({ n: sql<number>`count(*)::int` }).from(patients))[0]!.n;
    const r = await seedDemo(database.db, {
      homeOrganizationId: '',
      departmentId: '',
      demoPassword: undefined,
      patients: 200,
      now,
      timeZone: 'Asia/Shanghai',
    });
    expect(r.seeded).toBe(false);
    expect((await database.db.select({ n: sql<number>`count(*)::int` }).from(patients))[0]!.n).toBe(before);
  });
});
