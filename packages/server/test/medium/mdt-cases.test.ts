import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, mdtCases } from '../../src/db/schema/index.js';
import { aDiagnosis, aMarker, anOperation, aPatient, aPerformanceStatus } from './support/builders.js';
import { mdtClient } from './support/mdt.js';
import { createTestWorld, type TestWorld } from './support/test-app.js';

type Case = {
  id: string;
  version: number;
  status: string;
  statusReason: string | null;
  agendaOrder: number | null;
  question: string;
  urgency: string;
  meeting: { id: string };
  submittingOrganization: { id: string };
  snapshot: {
    source: string;
    patient: { name: string };
    diagnoses: unknown[];
    operations: unknown[];
    pci: unknown;
    markers: unknown[];
    ecog: unknown;
  };
  snapshotAt: string;
  events: { action: string }[];
};
type ErrorBody = { error: { code: string; message: string; details?: { fields?: { path: string }[]; currentVersion?: number } } };

let w: TestWorld;
let m: ReturnType<typeof mdtClient>;
let inter: string;
let intra: string;
beforeAll(async () => {
  w = await createTestWorld();
  m = mdtClient(w);
  inter = (await m.meeting({ kind: 'inter' })).id;
  intra = (await m.meeting({ kind: 'intra' })).id;
});
afterAll(async () => w.close());

const countCases = async () => (await w.db.select({ n: sql<number>`count(*)::int` }).from(mdtCases))[0]!.n;

describe('POST /api/mdt/meetings/:id/cases', () => {
  it('takes the contract body, waits for triage and carries the clinical snapshot taken now', async () => {
    const p = await aPatient(w.homeOrgId, { name: '周静怡' }).build(w.db);
    await aDiagnosis(p.id).build(w.db);
    await anOperation(p.id).build(w.db);
    await aMarker(p.id, { marker: 'CEA', value: 8.1, upperLimit: 5 }).build(w.db);
    await aMarker(p.id, { marker: 'CEA', value: 3.1, sampledOn: '2025-12-01' }).build(w.db);
    await aPerformanceStatus(p.id, { ecog: 1 }).build(w.db);
    const res = await m.call('surgeon', 'POST', `/api/mdt/meetings/${intra}/cases`, { patientId: p.id, question: '腹腔镜还是开腹？' });
    expect(res.statusCode).toBe(201);
    const c = res.json<Case>();
    expect(c).toMatchObject({
      id: expect.any(String),
      status: 'submitted',
      urgency: 'routine',
      submittingOrganization: { id: w.homeOrgId },
    });
    // Pulled from the oncology record, no retyping: stage, operation, the latest value of each marker, ECOG.
    expect(c.snapshot).toMatchObject({
      source: 'oncology_record',
      patient: { name: '周静怡' },
      diagnoses: [{ icd10: 'C16.3', clinicalStage: { t: 'cT3', n: 'cN1', m: 'cM0', group: 'III', edition: 'AJCC 8' } }],
      operations: [{ date: '2026-02-01', approach: 'laparoscopic', procedureCodes: ['gastrectomy_distal_d2'] }],
      pci: null,
      markers: [{ name: 'CEA', value: 8.1, upperLimit: 5 }],
      ecog: { score: 1 },
    });
    expect(c.snapshotAt).toBe(w.clock.now().toISOString());
  });

  it("lets an external doctor submit their own hospital's patient to an inter-hospital board", async () => {
    const p = await aPatient(w.homeOrgId, { sourceOrganizationId: w.orgA }).build(w.db);
    const c = await m.submit(inter, p.id, 'external_doctor', { urgency: 'urgent' });
    expect(c.status).toBe('submitted');
  });

  it('hides intra-hospital boards from external doctors (404)', async () => {
    const p = await aPatient(w.homeOrgId, { sourceOrganizationId: w.orgA }).build(w.db);
    const res = await m.call('external_doctor', 'POST', `/api/mdt/meetings/${intra}/cases`, { patientId: p.id, question: '?' });
    expect(res.statusCode).toBe(404);
  });

  it("refuses another hospital's patient as if it did not exist, writing nothing", async () => {
    const before = await countCases();
    const ofB = await aPatient(w.homeOrgId, { sourceOrganizationId: w.orgB }).build(w.db);
    const home = await aPatient(w.homeOrgId).build(w.db);
    const a = await m.call('external_doctor', 'POST', `/api/mdt/meetings/${inter}/cases`, { patientId: ofB.id, question: '?' });
    const b = await m.call('external_doctor', 'POST', `/api/mdt/meetings/${inter}/cases`, { patientId: home.id, question: '?' });
    const c = await m.call('external_doctor', 'POST', `/api/mdt/meetings/${inter}/cases`, {
      patientId: '00000000-0000-4000-8000-000000000000',
      question: '?',
    });
    for (const res of [a, b, c]) {
      expect(res.statusCode).toBe(400);
      expect(res.json<ErrorBody>().error.details?.fields?.[0]?.path).toBe('patientId');
    }
    expect(a.json<ErrorBody>().error.message).toBe(c.json<ErrorBody>().error.message);
    expect(await countCases()).toBe(before);
  });

  it('refuses bad input with 400 and writes nothing', async () => {
    const p = await aPatient(w.homeOrgId).build(w.db);
    const before = await countCases();
    for (const body of [
      { patientId: p.id },
      { patientId: p.id, question: '   ' },
      { patientId: 'not-a-uuid', question: '?' },
      { patientId: p.id, question: '?', urgency: 'now' },
      { patientId: p.id, question: '?', status: 'decided' },
      { patientId: p.id, question: 'x'.repeat(2001) },
    ]) {
      expect(
        (await m.call('surgeon', 'POST', `/api/mdt/meetings/${intra}/cases`, body)).statusCode,
        JSON.stringify(body).slice(0, 80),
      ).toBe(400);
    }
    expect(await countCases()).toBe(before);
  });

  it('forbids roles without mdt:submit (403; researchers 404, issue 14)', async () => {
    const p = await aPatient(w.homeOrgId).build(w.db);
    for (const role of ['nurse', 'student', 'researcher'] as const) {
      const status = (await m.call(role, 'POST', `/api/mdt/meetings/${intra}/cases`, { patientId: p.id, question: '?' })).statusCode;
      expect(status).toBe(role === 'researcher' ? 404 : 403);
    }
  });
});

describe('triage', () => {
  it('schedules onto the agenda in order of acceptance', async () => {
    const board = (await m.meeting()).id;
    const one = await m.submit(board, (await aPatient(w.homeOrgId).build(w.db)).id);
    const two = await m.submit(board, (await aPatient(w.homeOrgId).build(w.db)).id);
    const b = m.ok<Case>(await m.call('mdt_coordinator', 'POST', `/api/mdt/cases/${two.id}/triage`, { action: 'schedule' }));
    const a = m.ok<Case>(await m.call('mdt_coordinator', 'POST', `/api/mdt/cases/${one.id}/triage`, { action: 'schedule', version: 1 }));
    expect([b.agendaOrder, a.agendaOrder]).toEqual([1, 2]);
    expect(a.status).toBe('scheduled');
  });

  it('needs a reason to defer or reject (400), and the submitting hospital sees it', async () => {
    const p = await aPatient(w.homeOrgId, { sourceOrganizationId: w.orgA }).build(w.db);
    const c = await m.submit(inter, p.id, 'external_doctor');
    expect((await m.call('mdt_coordinator', 'POST', `/api/mdt/cases/${c.id}/triage`, { action: 'reject' })).statusCode).toBe(400);
    expect((await m.call('mdt_coordinator', 'POST', `/api/mdt/cases/${c.id}/triage`, { action: 'defer', reason: '  ' })).statusCode).toBe(
      400,
    );
    m.ok(await m.call('mdt_coordinator', 'POST', `/api/mdt/cases/${c.id}/triage`, { action: 'reject', reason: '资料不全：缺病理报告' }));
    const seen = m.ok<Case>(await m.call('external_doctor', 'GET', `/api/mdt/cases/${c.id}`));
    expect(seen).toMatchObject({ status: 'rejected', statusReason: '资料不全：缺病理报告' });
  });

  it('reschedules a deferred case onto another open board', async () => {
    const first = (await m.meeting()).id;
    const next = (await m.meeting({ startsAt: '2026-12-15T16:00' })).id;
    const c = await m.submit(first, (await aPatient(w.homeOrgId).build(w.db)).id);
    m.ok(await m.call('mdt_coordinator', 'POST', `/api/mdt/cases/${c.id}/triage`, { action: 'defer', reason: '等待增强 CT' }));
    m.ok(await m.call('mdt_coordinator', 'POST', `/api/mdt/meetings/${first}/status`, { action: 'close' }));
    expect((await m.call('mdt_coordinator', 'POST', `/api/mdt/cases/${c.id}/triage`, { action: 'schedule' })).statusCode).toBe(400);
    const moved = m.ok<Case>(
      await m.call('mdt_coordinator', 'POST', `/api/mdt/cases/${c.id}/triage`, { action: 'schedule', meetingId: next }),
    );
    expect(moved).toMatchObject({ status: 'scheduled', meeting: { id: next }, agendaOrder: 1 });
    expect(moved.events.map((e) => e.action)).toEqual(['submit', 'defer', 'schedule']);
  });

  it('answers a stale version with 409 and a rejected case cannot be scheduled (409)', async () => {
    const c = await m.submit(intra, (await aPatient(w.homeOrgId).build(w.db)).id);
    m.ok(await m.call('mdt_coordinator', 'POST', `/api/mdt/cases/${c.id}/triage`, { action: 'schedule', version: 1 }));
    const stale = await m.call('mdt_coordinator', 'POST', `/api/mdt/cases/${c.id}/triage`, { action: 'defer', reason: 'x', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json<ErrorBody>().error.details?.currentVersion).toBe(2);
    m.ok(await m.call('mdt_coordinator', 'POST', `/api/mdt/cases/${c.id}/triage`, { action: 'reject', reason: '重复提交' }));
    const again = await m.call('mdt_coordinator', 'POST', `/api/mdt/cases/${c.id}/triage`, { action: 'schedule' });
    expect(again.statusCode).toBe(409);
    expect(again.json<ErrorBody>().error.code).toBe('INVALID_STATE');
  });
});

describe('editing a submission and refreshing the snapshot', () => {
  it('edits with the version; a stale version is 409', async () => {
    const c = await m.submit(intra, (await aPatient(w.homeOrgId).build(w.db)).id);
    const edited = m.ok<Case>(
      await m.call('surgeon', 'PATCH', `/api/mdt/cases/${c.id}`, { version: 1, question: '新辅助化疗后能否手术？', urgency: 'urgent' }),
    );
    expect(edited).toMatchObject({ version: 2, question: '新辅助化疗后能否手术？', urgency: 'urgent' });
    expect((await m.call('surgeon', 'PATCH', `/api/mdt/cases/${c.id}`, { version: 1, question: 'x' })).statusCode).toBe(409);
  });

  it('refreshes the snapshot from the record until the board decides, then keeps what the board saw', async () => {
    const p = await aPatient(w.homeOrgId, { name: '旧名字' }).build(w.db);
    const c = await m.submit(intra, p.id);
    await w.db.execute(sql`update patients set name = '新名字' where id = ${p.id}`);
    w.clock.advance(60_000);
    const refreshed = m.ok<Case>(await m.call('surgeon', 'POST', `/api/mdt/cases/${c.id}/snapshot`));
    expect(refreshed.snapshot.patient.name).toBe('新名字');
    expect(refreshed.snapshotAt).toBe(w.clock.now().toISOString());
    await m.recommend(c.id);
    expect((await m.call('surgeon', 'POST', `/api/mdt/cases/${c.id}/snapshot`)).statusCode).toBe(409);
  });
});

describe('reading cases', () => {
  it("shows external doctors only their own hospital's cases, and B's cases change nothing A sees", async () => {
    const listA = async () => m.ok<{ items: { id: string }[]; total: number }>(await m.call('external_doctor', 'GET', '/api/mdt/cases'));
    const before = await listA();
    const pB = await aPatient(w.homeOrgId, { sourceOrganizationId: w.orgB }).build(w.db);
    const caseB = await m.submit(inter, pB.id, 'extB');
    const after = await listA();
    expect(after.total).toBe(before.total);
    expect(after.items.map((c) => c.id)).toEqual(before.items.map((c) => c.id));
    const other = await m.call('external_doctor', 'GET', `/api/mdt/cases/${caseB.id}`);
    const missing = await m.call('external_doctor', 'GET', '/api/mdt/cases/00000000-0000-4000-8000-000000000000');
    expect(other.statusCode).toBe(404);
    const strip = (b: string) => JSON.parse(b.replace(/"requestId":"[^"]*"/, '')) as unknown;
    expect(strip(other.body)).toEqual(strip(missing.body));
  });

  it("hides a case submitted by the home hospital from the referring hospital's doctor", async () => {
    const p = await aPatient(w.homeOrgId, { sourceOrganizationId: w.orgA }).build(w.db);
    const c = await m.submit(inter, p.id, 'surgeon');
    expect((await m.call('external_doctor', 'GET', `/api/mdt/cases/${c.id}`)).statusCode).toBe(404);
  });

  it('lists a patient’s cases and audits each read with the patient', async () => {
    const p = await aPatient(w.homeOrgId).build(w.db);
    const c = await m.submit(intra, p.id);
    const list = m.ok<{ items: { id: string }[] }>(await m.call('resident', 'GET', `/api/mdt/cases?patientId=${p.id}`));
    expect(list.items.map((x) => x.id)).toEqual([c.id]);
    const res = await m.call('resident', 'GET', `/api/mdt/cases/${c.id}`);
    const rows = await w.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.requestId, res.headers['x-request-id'] as string));
    expect(rows).toEqual([expect.objectContaining({ action: 'mdt.case.read', patientId: p.id, resourceId: c.id })]);
  });
});
