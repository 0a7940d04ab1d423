import { and, desc, eq, inArray, isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  mdtAttachments,
  mdtCases,
  mdtMeetings,
  mdtParticipants,
  mdtPlanItems,
  organizations,
  patients,
  users,
} from '../../src/db/schema/index.js';
import { loadClinicalSnapshot, loadSnapshotRecords, snapshotOf } from '../../src/features/mdt/clinical-snapshot.js';
import { createDemoDatabase, DEMO_NOW, type DemoDatabase } from './support/test-db.js';

let database: DemoDatabase;
const now = DEMO_NOW;
beforeAll(async () => {
  database = await createDemoDatabase();
});
afterAll(async () => database.destroy());

describe('tumor-board demo data', () => {
  it('has a past board, closed, whose decided cases were delivered, partly delivered, not delivered (with reasons) or are overdue', async () => {
    const db = database.db;
    // The latest closed board: the weekly boards before it are the history of seed/demo/mdt-history.ts.
    const [past] = await db.select().from(mdtMeetings).where(eq(mdtMeetings.status, 'closed')).orderBy(desc(mdtMeetings.startsAt)).limit(1);
    expect(past).toMatchObject({ tumorGroup: 'gastric', kind: 'intra' });
    const cases = await db.select().from(mdtCases).where(eq(mdtCases.meetingId, past!.id));
    expect(cases.length).toBeGreaterThanOrEqual(4);
    expect(cases.every((c) => c.status === 'decided' || c.status === 'completed')).toBe(true);
    const items = await db
      .select()
      .from(mdtPlanItems)
      .where(
        inArray(
          mdtPlanItems.caseId,
          cases.map((c) => c.id),
        ),
      );
    expect(items.filter((i) => i.status === 'delivered').length).toBeGreaterThanOrEqual(2);
    const notDelivered = items.filter((i) => i.status === 'not_delivered');
    expect(notDelivered.length).toBeGreaterThanOrEqual(1);
    expect(notDelivered.every((i) => i.notDeliveredReason && i.notDeliveredText)).toBe(true);
    expect(items.some((i) => i.status === 'pending' && i.dueDate < '2026-11-26')).toBe(true);
    const attended = await db.select().from(mdtParticipants).where(eq(mdtParticipants.meetingId, past!.id));
    expect(attended.filter((p) => p.checkedInAt).length).toBeGreaterThanOrEqual(5);
  });

  it('has an upcoming board whose agenda includes a case the external doctor of 富春县人民医院 submitted for a referred patient', async () => {
    const db = database.db;
    const upcoming = (await db.select().from(mdtMeetings).where(eq(mdtMeetings.kind, 'inter'))).find((m) => m.startsAt > now)!;
    expect(upcoming).toMatchObject({ status: 'scheduled', tumorGroup: 'peritoneal' });
    const rows = await db
      .select({ c: mdtCases, submitter: users.username, org: organizations.name, source: patients.sourceOrganizationId })
      .from(mdtCases)
      .innerJoin(users, eq(users.id, mdtCases.submittedBy))
      .innerJoin(organizations, eq(organizations.id, mdtCases.submittingOrganizationId))
      .innerJoin(patients, eq(patients.id, mdtCases.patientId))
      .where(eq(mdtCases.meetingId, upcoming.id));
    const external = rows.find((r) => r.submitter === 'external_doctor')!;
    expect(external).toMatchObject({ org: '富春县人民医院', c: { status: 'scheduled', urgency: 'urgent' } });
    expect(external.source).toBe(external.c.submittingOrganizationId);
    expect(rows.filter((r) => r.c.status === 'scheduled').length).toBeGreaterThanOrEqual(3);
    expect(rows.some((r) => r.c.status === 'submitted')).toBe(true);
    expect(await db.select().from(mdtAttachments).where(eq(mdtAttachments.caseId, external.c.id))).toHaveLength(1);
  });

  it('has a weekly colorectal series', async () => {
    const series = await database.db
      .select()
      .from(mdtMeetings)
      .where(and(eq(mdtMeetings.tumorGroup, 'colorectal'), isNotNull(mdtMeetings.seriesId)));
    expect(series).toHaveLength(4);
    expect(new Set(series.map((s) => s.seriesId)).size).toBe(1);
  });

  it('takes the same snapshots from records read together as from one patient at a time', async () => {
    const db = database.db;
    const all = await db.select({ id: patients.id, deletedAt: patients.deletedAt }).from(patients);
    const ids = all.map((p) => p.id);
    const records = await loadSnapshotRecords(db, [...ids, ids[0]!]);
    expect(records.size).toBe(all.filter((p) => p.deletedAt === null).length);
    const at = new Date('2025-03-04T08:00:00Z');
    for (const id of ids.slice(0, 60)) {
      const loaded = records.get(id);
      if (!loaded) continue;
      expect(snapshotOf(loaded.row, loaded.record, { now: at, timeZone: 'Asia/Shanghai' })).toEqual(
        await loadClinicalSnapshot(db, id, { now: at, timeZone: 'Asia/Shanghai' }),
      );
    }
    // Patients with operations, pathology and PCI are among them (the demo's peritoneal and colorectal stories).
    const snaps = [...records.values()].map((r) => snapshotOf(r.row, r.record, { now: at }));
    expect(snaps.some((s) => s.pci !== null && s.pathology !== null && s.operations.length > 0)).toBe(true);
    expect((await loadSnapshotRecords(db, [])).size).toBe(0);
  });
});
