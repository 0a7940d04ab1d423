import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, mdtPlanItems } from '../../src/db/schema/index.js';
import { queryTrackedItems } from '../../src/features/mdt/find-tracked-items.js';
import { recordClinicalEvent } from '../../src/features/mdt/record-clinical-event.js';
import { aPatient } from './support/builders.js';
import { mdtClient } from './support/mdt.js';
import { actorOf, createTestWorld, type TestWorld } from './support/test-app.js';

type Item = {
  id: string;
  version: number;
  kind: string;
  status: string;
  overdue: boolean;
  deliveredVia: string | null;
  deliveredOn: string | null;
  evidence: string | null;
  notDeliveredReason: string | null;
  bookedFor: string | null;
  admittedAt: string | null;
};
type Row = Item & { caseId: string; patientId: string; dueDate: string; closedAt: string | null };
type Page = { items: Row[]; total: number; totalCapped: boolean };
type ErrorBody = { error: { code: string; details?: { fields?: { path: string }[] } } };

const meta = { requestId: 'test-clinical-event', clientIp: null, userAgent: null };

let w: TestWorld;
let m: ReturnType<typeof mdtClient>;
let board: string;
beforeAll(async () => {
  // 2026-11-26 10:00 in Shanghai.
  w = await createTestWorld({ startAt: '2026-11-26T02:00:00Z' });
  m = mdtClient(w);
  board = (await m.meeting()).id;
});
afterAll(async () => w.close());

async function decidedCase(items: Record<string, unknown>[]) {
  const patient = await aPatient(w.homeOrgId).build(w.db);
  const c = await m.submit(board, patient.id);
  const rec = await m.recommend(c.id, items);
  return { patientId: patient.id, caseId: c.id, items: rec.items };
}
const item = async (id: string) => (await w.db.select().from(mdtPlanItems).where(eq(mdtPlanItems.id, id)))[0]!;
const caseStatus = async (caseId: string) =>
  m.ok<{ status: string }>(await m.call('mdt_coordinator', 'GET', `/api/mdt/cases/${caseId}`)).status;
const event = (e: Parameters<typeof recordClinicalEvent>[3]) =>
  w.db.transaction((tx) => recordClinicalEvent(tx, meta, null, e, { now: w.clock.now() }));

describe('automatic delivery through recordClinicalEvent', () => {
  it('an operation recorded after the recommendation delivers the pending surgery item, audited, and completes the case', async () => {
    const c = await decidedCase([{ kind: 'surgery', dueDate: '2026-12-20', approach: 'laparoscopic' }]);
    const r = await event({
      type: 'operation_recorded',
      patientId: c.patientId,
      operationId: 'op-1',
      date: '2026-12-05',
      procedureCodes: ['gastrectomy_distal_d2'],
    });
    expect(r.delivered).toEqual([c.items[0]!.id]);
    expect(await item(c.items[0]!.id)).toMatchObject({
      status: 'delivered',
      deliveredVia: 'operation',
      deliveredOn: '2026-12-05',
      evidenceRef: 'op-1',
    });
    expect(await caseStatus(c.caseId)).toBe('completed');
    const audit = await w.db.select().from(auditLog).where(eq(auditLog.resourceId, c.items[0]!.id));
    expect(audit).toEqual([expect.objectContaining({ action: 'mdt.item.delivered', outcome: 'success', patientId: c.patientId })]);
    const tracked = m.ok<Page>(await m.call('mdt_coordinator', 'GET', `/api/mdt/tracking?status=delivered&patientId=${c.patientId}`));
    expect(tracked.items.map((i) => i.id)).toEqual([c.items[0]!.id]);
  });

  it('an operation before the decision date delivers nothing', async () => {
    const c = await decidedCase([{ kind: 'surgery', dueDate: '2026-12-20' }]);
    const r = await event({
      type: 'operation_recorded',
      patientId: c.patientId,
      operationId: 'op-old',
      date: '2026-11-20',
      procedureCodes: ['sigmoidectomy'],
    });
    expect(r.delivered).toEqual([]);
    expect((await item(c.items[0]!.id)).status).toBe('pending');
  });

  it('CRS+HIPEC is delivered only by an operation coded CRS or HIPEC; any operation delivers surgery', async () => {
    const c = await decidedCase([
      { kind: 'crs_hipec', dueDate: '2026-12-20' },
      { kind: 'surgery', dueDate: '2026-12-20' },
    ]);
    const plain = await event({
      type: 'operation_recorded',
      patientId: c.patientId,
      operationId: 'op-a',
      date: '2026-12-01',
      procedureCodes: ['loop_ileostomy'],
    });
    expect(plain.delivered).toEqual([c.items[1]!.id]);
    expect((await item(c.items[0]!.id)).status).toBe('pending');
    const crs = await event({
      type: 'operation_recorded',
      patientId: c.patientId,
      operationId: 'op-b',
      date: '2026-12-10',
      procedureCodes: ['crs', 'hipec', 'pelvic_peritonectomy'],
    });
    expect(crs.delivered).toEqual([c.items[0]!.id]);
    expect(await caseStatus(c.caseId)).toBe('completed');
  });

  it("does not touch another patient's items", async () => {
    const c = await decidedCase([{ kind: 'surgery', dueDate: '2026-12-20' }]);
    const other = await aPatient(w.homeOrgId).build(w.db);
    await event({
      type: 'operation_recorded',
      patientId: other.id,
      operationId: 'op-x',
      date: '2026-12-05',
      procedureCodes: ['appendectomy'],
    });
    expect((await item(c.items[0]!.id)).status).toBe('pending');
  });

  it('an admission delivers the items that need one, and is progress (not delivery) for surgery', async () => {
    const c = await decidedCase([
      { kind: 'chemotherapy', dueDate: '2026-12-15', requiresAdmission: true, timing: 'neoadjuvant' },
      { kind: 'imaging', dueDate: '2026-12-15' },
      { kind: 'surgery', dueDate: '2027-02-15' },
    ]);
    const r = await event({ type: 'admitted', patientId: c.patientId, admissionId: 'adm-1', at: '2026-12-02T01:30:00Z' });
    expect(r).toEqual({ delivered: [c.items[0]!.id], progressed: [c.items[2]!.id] });
    expect(await item(c.items[0]!.id)).toMatchObject({
      status: 'delivered',
      deliveredVia: 'admission',
      deliveredOn: '2026-12-02',
      evidenceRef: 'adm-1',
    });
    expect((await item(c.items[1]!.id)).status).toBe('pending');
    expect(await item(c.items[2]!.id)).toMatchObject({ status: 'pending', admissionRef: 'adm-1' });
    expect(await caseStatus(c.caseId)).toBe('decided');
  });

  it('an admission before the decision delivers nothing', async () => {
    const c = await decidedCase([{ kind: 'chemotherapy', dueDate: '2026-12-15', requiresAdmission: true }]);
    const r = await event({ type: 'admitted', patientId: c.patientId, admissionId: 'adm-old', at: '2026-11-01T01:00:00Z' });
    expect(r.delivered).toEqual([]);
  });

  it('a theatre booking is noted on pending surgery items', async () => {
    const c = await decidedCase([{ kind: 'surgery', dueDate: '2026-12-20' }]);
    const r = await event({
      type: 'booking_made',
      patientId: c.patientId,
      bookingId: 'bk-1',
      date: '2026-12-12',
      procedureCodes: ['right_hemicolectomy_cme'],
    });
    expect(r.progressed).toEqual([c.items[0]!.id]);
    const seen = m.ok<{ recommendation: { items: Item[] } }>(await m.call('surgeon', 'GET', `/api/mdt/cases/${c.caseId}`));
    expect(seen.recommendation.items[0]).toMatchObject({ status: 'pending', bookedFor: '2026-12-12' });
  });

  it('leaves items already closed by hand alone, without failing the clinical record', async () => {
    const c = await decidedCase([{ kind: 'surgery', dueDate: '2026-12-20' }]);
    m.ok(await m.call('mdt_coordinator', 'POST', `/api/mdt/tracking/${c.items[0]!.id}/not-delivered`, { reason: 'patient_choice' }));
    const r = await event({
      type: 'operation_recorded',
      patientId: c.patientId,
      operationId: 'op-late',
      date: '2026-12-05',
      procedureCodes: ['sigmoidectomy'],
    });
    expect(r).toEqual({ delivered: [], progressed: [] });
    expect(await item(c.items[0]!.id)).toMatchObject({ status: 'not_delivered', deliveredVia: null });
  });

  it('rolls back with the caller’s transaction', async () => {
    const c = await decidedCase([{ kind: 'surgery', dueDate: '2026-12-20' }]);
    await expect(
      w.db.transaction(async (tx) => {
        await recordClinicalEvent(tx, meta, null, {
          type: 'operation_recorded',
          patientId: c.patientId,
          operationId: 'op-r',
          date: '2026-12-05',
          procedureCodes: [],
        });
        throw new Error('operation insert failed');
      }),
    ).rejects.toThrow('operation insert failed');
    expect((await item(c.items[0]!.id)).status).toBe('pending');
  });
});

describe('manual delivery and closing as not delivered', () => {
  it('marks an item delivered with evidence and date', async () => {
    const c = await decidedCase([{ kind: 'radiotherapy', dueDate: '2026-12-20' }]);
    const res = await m.call('surgeon', 'POST', `/api/mdt/tracking/${c.items[0]!.id}/deliver`, {
      evidence: '放疗科治疗单 RT-2026-118',
      deliveredOn: '2026-11-26',
      version: 1,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json<Item>()).toMatchObject({
      status: 'delivered',
      deliveredVia: 'manual',
      deliveredOn: '2026-11-26',
      evidence: '放疗科治疗单 RT-2026-118',
    });
  });

  it('needs the evidence, and a date neither in the future nor before the decision (400)', async () => {
    const c = await decidedCase([{ kind: 'imaging', dueDate: '2026-12-20' }]);
    const url = `/api/mdt/tracking/${c.items[0]!.id}/deliver`;
    expect((await m.call('surgeon', 'POST', url, {})).statusCode).toBe(400);
    expect((await m.call('surgeon', 'POST', url, { evidence: '  ' })).statusCode).toBe(400);
    const future = await m.call('surgeon', 'POST', url, { evidence: 'CT', deliveredOn: '2027-01-01' });
    expect(future.statusCode).toBe(400);
    expect(future.json<ErrorBody>().error.details?.fields?.[0]?.path).toBe('deliveredOn');
    expect((await m.call('surgeon', 'POST', url, { evidence: 'CT', deliveredOn: '2026-11-01' })).statusCode).toBe(400);
    expect((await item(c.items[0]!.id)).status).toBe('pending');
  });

  it('closing as not delivered without a reason is 400 and changes nothing', async () => {
    const c = await decidedCase([{ kind: 'chemotherapy', dueDate: '2026-12-20' }]);
    const url = `/api/mdt/tracking/${c.items[0]!.id}/not-delivered`;
    expect((await m.call('mdt_coordinator', 'POST', url, {})).statusCode).toBe(400);
    expect((await m.call('mdt_coordinator', 'POST', url, { reason: 'forgot' })).statusCode).toBe(400);
    const other = await m.call('mdt_coordinator', 'POST', url, { reason: 'other' });
    expect(other.statusCode).toBe(400);
    expect(other.json<ErrorBody>().error.details?.fields?.[0]?.path).toBe('reasonText');
    expect(await item(c.items[0]!.id)).toMatchObject({ status: 'pending', notDeliveredReason: null });
  });

  it.each(['patient_choice', 'did_not_attend', 'clinical_change', 'comorbidity', 'died'])(
    'closes as not delivered with the reason %s',
    async (reason) => {
      const c = await decidedCase([{ kind: 'chemotherapy', dueDate: '2026-12-20' }]);
      const res = await m.call('mdt_coordinator', 'POST', `/api/mdt/tracking/${c.items[0]!.id}/not-delivered`, { reason });
      expect(res.statusCode).toBe(200);
      expect(res.json<Item>()).toMatchObject({ status: 'not_delivered', notDeliveredReason: reason });
      expect(await caseStatus(c.caseId)).toBe('completed');
    },
  );

  it('takes "other" with the reason in words', async () => {
    const c = await decidedCase([{ kind: 'trial', dueDate: '2026-12-20' }]);
    const res = await m.call('mdt_coordinator', 'POST', `/api/mdt/tracking/${c.items[0]!.id}/not-delivered`, {
      reason: 'other',
      reasonText: '试验已停止入组',
    });
    expect(res.json<Item & { notDeliveredText: string }>()).toMatchObject({
      notDeliveredReason: 'other',
      notDeliveredText: '试验已停止入组',
    });
  });

  it('a closed item cannot be closed again (409); a stale version is 409', async () => {
    const c = await decidedCase([
      { kind: 'follow_up', dueDate: '2026-12-20' },
      { kind: 'imaging', dueDate: '2026-12-20' },
    ]);
    m.ok(await m.call('surgeon', 'POST', `/api/mdt/tracking/${c.items[0]!.id}/deliver`, { evidence: '门诊复查' }));
    const again = await m.call('mdt_coordinator', 'POST', `/api/mdt/tracking/${c.items[0]!.id}/not-delivered`, { reason: 'died' });
    expect(again.statusCode).toBe(409);
    expect(again.json<ErrorBody>().error.code).toBe('INVALID_STATE');
    const stale = await m.call('surgeon', 'POST', `/api/mdt/tracking/${c.items[1]!.id}/deliver`, { evidence: 'CT', version: 7 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json<ErrorBody>().error.code).toBe('CONFLICT');
  });

  it('is refused to roles without mdt:track (403)', async () => {
    const c = await decidedCase([{ kind: 'imaging', dueDate: '2026-12-20' }]);
    for (const role of ['resident', 'external_doctor', 'nurse'] as const) {
      expect((await m.call(role, 'POST', `/api/mdt/tracking/${c.items[0]!.id}/deliver`, { evidence: 'x' })).statusCode).toBe(403);
    }
  });
});

describe('overdue items', () => {
  it('a pending item past its due date is overdue: on the worklist, first in the tracking list', async () => {
    const late = await decidedCase([{ kind: 'imaging', dueDate: '2026-11-30' }]);
    const later = await decidedCase([{ kind: 'imaging', dueDate: '2027-06-30' }]);
    const ids = (p: Page) => p.items.map((i) => i.id);
    expect(ids(m.ok<Page>(await m.call('mdt_coordinator', 'GET', '/api/mdt/tracking?status=overdue')))).not.toContain(late.items[0]!.id);
    // Due 30 November: still due on that day, overdue from 1 December (hospital calendar). Moving the
    // clock days ahead ends the cached sessions, so sign in again there.
    w.clock.set('2026-11-30T15:59:00Z');
    const cookie = await w.login(w.users.mdt_coordinator.username);
    const get = async <T>(url: string) => m.ok<T>(await w.app.inject({ method: 'GET', url, headers: { cookie } }));
    try {
      expect(ids(await get<Page>('/api/mdt/tracking?status=overdue'))).not.toContain(late.items[0]!.id);
      w.clock.set('2026-11-30T16:01:00Z');
      const overdue = await get<Page>('/api/mdt/tracking?status=overdue');
      expect(overdue.items.find((i) => i.id === late.items[0]!.id)).toMatchObject({
        status: 'overdue',
        overdue: true,
        caseId: late.caseId,
        patientId: late.patientId,
        dueDate: '2026-11-30',
      });
      expect(ids(await get<Page>('/api/mdt/tracking?status=pending'))).not.toContain(late.items[0]!.id);
      const all = await get<Page>('/api/mdt/tracking');
      const firstPending = all.items.findIndex((i) => i.status === 'pending');
      expect(all.items.findIndex((i) => i.id === late.items[0]!.id)).toBeLessThan(firstPending);
      expect(ids(all)).toContain(later.items[0]!.id);
      expect((await get<{ overdue: { id: string }[] }>('/api/mdt/worklist')).overdue.map((i) => i.id)).toContain(late.items[0]!.id);
      // Delivered late, it leaves the worklist.
      const delivered = await w.app.inject({
        method: 'POST',
        url: `/api/mdt/tracking/${late.items[0]!.id}/deliver`,
        headers: { cookie },
        payload: { evidence: '增强 CT 已完成' },
      });
      expect(delivered.statusCode).toBe(200);
      expect((await get<{ overdue: { id: string }[] }>('/api/mdt/worklist')).overdue.map((i) => i.id)).not.toContain(late.items[0]!.id);
    } finally {
      w.clock.set('2026-11-26T02:00:00Z');
    }
  });

  it('rejects an unknown status filter (400)', async () => {
    expect((await m.call('mdt_coordinator', 'GET', '/api/mdt/tracking?status=late')).statusCode).toBe(400);
  });
});

describe('external doctors follow their own cases', () => {
  it('see the status of each plan item in their case, and no tracking worklist (403)', async () => {
    const p = await aPatient(w.homeOrgId, { sourceOrganizationId: w.orgA }).build(w.db);
    const c = await m.submit(board, p.id, 'external_doctor');
    const rec = await m.recommend(c.id, [{ kind: 'surgery', dueDate: '2026-12-20' }]);
    await event({
      type: 'operation_recorded',
      patientId: p.id,
      operationId: 'op-ext',
      date: '2026-12-03',
      procedureCodes: ['gastrectomy_total_d2'],
    });
    const seen = m.ok<{ status: string; recommendation: { items: Item[] } }>(
      await m.call('external_doctor', 'GET', `/api/mdt/cases/${c.id}`),
    );
    expect(seen.status).toBe('completed');
    expect(seen.recommendation.items).toEqual([
      expect.objectContaining({ id: rec.items[0]!.id, status: 'delivered', deliveredVia: 'operation' }),
    ]);
    expect((await m.call('external_doctor', 'GET', '/api/mdt/tracking')).statusCode).toBe(403);
  });
});

describe('the tracking list in pages', () => {
  it('pages through overdue, pending and closed items in one order, each page with the same total', async () => {
    const c = await decidedCase([
      { kind: 'imaging', dueDate: '2026-12-10' },
      { kind: 'chemotherapy', dueDate: '2026-12-20' },
      { kind: 'biopsy', dueDate: '2026-12-15' },
      { kind: 'follow_up', dueDate: '2027-01-15' },
    ]);
    // Two overdue items: due dates in the past (the recommendation only takes dates from today on).
    await w.db.update(mdtPlanItems).set({ dueDate: '2026-11-01' }).where(eq(mdtPlanItems.id, c.items[2]!.id));
    await w.db.update(mdtPlanItems).set({ dueDate: '2026-10-15' }).where(eq(mdtPlanItems.id, c.items[3]!.id));
    m.ok(await m.call('mdt_coordinator', 'POST', `/api/mdt/tracking/${c.items[0]!.id}/deliver`, { evidence: '增强 CT 已完成' }));
    m.ok(await m.call('mdt_coordinator', 'POST', `/api/mdt/tracking/${c.items[1]!.id}/not-delivered`, { reason: 'patient_choice' }));
    const all = m.ok<Page>(await m.call('mdt_coordinator', 'GET', '/api/mdt/tracking?pageSize=200'));
    expect(all.total).toBe(all.items.length);
    expect(all.totalCapped).toBe(false);
    const runOf = (r: Row) => (r.status === 'overdue' ? 0 : r.status === 'pending' ? 1 : 2);
    // Overdue first (most overdue first), then pending by due date, then closed, latest first.
    for (let i = 1; i < all.items.length; i += 1) {
      const [a, b] = [all.items[i - 1]!, all.items[i]!];
      expect(runOf(a)).toBeLessThanOrEqual(runOf(b));
      if (runOf(a) === runOf(b) && runOf(a) < 2) expect(a.dueDate <= b.dueDate).toBe(true);
      if (runOf(a) === 2 && runOf(b) === 2 && a.closedAt && b.closedAt) expect(a.closedAt >= b.closedAt).toBe(true);
    }
    expect(all.items.findIndex((r) => r.id === c.items[3]!.id)).toBeLessThan(all.items.findIndex((r) => r.id === c.items[2]!.id));
    expect(new Set(all.items.map(runOf))).toEqual(new Set([0, 1, 2]));
    const paged: string[] = [];
    for (let page = 1; page <= Math.ceil(all.total / 3) + 1; page += 1) {
      const p = m.ok<Page>(await m.call('mdt_coordinator', 'GET', `/api/mdt/tracking?pageSize=3&page=${page}`));
      expect(p.total).toBe(all.total);
      paged.push(...p.items.map((r) => r.id));
    }
    expect(paged).toEqual(all.items.map((r) => r.id));
  });

  it('counts up to the cap and says so', async () => {
    const coordinator = actorOf(w, 'mdt_coordinator');
    const today = '2026-11-26';
    const exact = await queryTrackedItems(w.db, coordinator, { today, limit: 1 });
    expect(exact.total).toBeGreaterThan(3);
    expect(exact.totalCapped).toBe(false);
    expect(await queryTrackedItems(w.db, coordinator, { today, limit: 1, countCap: 3 })).toMatchObject({ total: 3, totalCapped: true });
    expect(await queryTrackedItems(w.db, coordinator, { today, limit: 1, countCap: exact.total })).toMatchObject({
      total: exact.total,
      totalCapped: false,
    });
  });
});
