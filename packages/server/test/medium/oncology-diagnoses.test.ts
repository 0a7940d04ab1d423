import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, oncologyDiagnoses } from '../../src/db/schema/index.js';
import { anOperation, aPatient } from './support/builders.js';
import { auditRowsOf, caller, fieldPaths, oncologyCounts, type ErrorBody } from './support/oncology.js';
import { createTestWorld, type TestWorld } from './support/test-app.js';

let w: TestWorld;
beforeAll(async () => {
  w = await createTestWorld();
});
afterAll(async () => w.close());
const call = caller(() => w);

type Diagnosis = {
  id: string;
  version: number;
  clinicalStage: string | null;
  stagingSite: string | null;
  clinical: { t: string; n: string; m: string } | null;
  icd10Label: { zh: string } | null;
};

const stomach = { site: 'stomach', icd10: 'C16.3', diagnosisDate: '2026-01-15', clinical: { t: 'T3', n: 'N1', m: 'M0' } };

describe('POST /api/patients/:id/diagnoses', () => {
  it('computes the clinical stage with AJCC 8 and stores it with the edition and the canonical categories', async () => {
    const p = await aPatient(w.homeOrgId).build(w.db);
    const res = await call('resident', 'POST', `/api/patients/${p.id}/diagnoses`, {
      ...stomach,
      clinical: { t: 'cT4a', n: 'cN3b', m: 'cM0' },
      icdO3Morphology: '8140/3',
      basis: 'histology_primary',
    });
    expect(res.statusCode, res.body).toBe(201);
    const d = res.json<Diagnosis>();
    // cN3b is N3 in the clinical table: cT4a cN3 → III.
    expect(d).toMatchObject({
      clinicalStage: 'III',
      stagingSite: 'stomach',
      clinical: { t: 'T4a', n: 'N3b', m: 'M0' },
      icd10Label: { zh: '胃窦恶性肿瘤' },
    });
    const [row] = await w.db.select().from(oncologyDiagnoses).where(eq(oncologyDiagnoses.id, d.id));
    expect(row).toMatchObject({ clinicalStage: 'III', stagingEdition: 8, createdBy: w.users.resident.id });
  });

  it.each([
    ['colon by segment', { site: 'colon', icd10: 'C18.7', diagnosisDate: '2025-06-01', clinical: { t: 'T4b', n: 'N2b', m: 'M0' } }, 'IIIC'],
    ['rectum with M1c', { site: 'rectum', icd10: 'C20', diagnosisDate: '2025-06-01', clinical: { t: 'TX', n: 'NX', m: 'M1c' } }, 'IVC'],
    ['anus', { site: 'anus', icd10: 'C21.1', diagnosisDate: '2025-06-01', clinical: { t: 'T2', n: 'N0', m: 'M0' } }, 'IIA'],
    [
      'appendix M1b G1 (grade decides)',
      { site: 'appendix', icd10: 'C18.1', diagnosisDate: '2025-06-01', clinical: { t: 'T4a', n: 'N0', m: 'M1b', grade: 'G1' } },
      'IVA',
    ],
    [
      'pseudomyxoma of appendiceal origin, staged as appendix',
      {
        site: 'pseudomyxoma',
        icd10: 'C18.1',
        icd10Secondary: 'C78.6',
        psogiCategory: 'low-grade-mcp',
        appendicealLesion: 'lamn',
        diagnosisDate: '2025-06-01',
        clinical: { t: 'Tis(LAMN)', n: 'N0', m: 'M1b', grade: 'G1' },
      },
      'IVA',
    ],
    [
      'TX NX M0 → unknown, never a guess',
      { site: 'stomach', icd10: 'C16.9', diagnosisDate: '2025-06-01', clinical: { t: 'TX', n: 'NX', m: 'M0' } },
      'unknown',
    ],
  ])('stages %s', async (_label, body, stage) => {
    const p = await aPatient(w.homeOrgId).build(w.db);
    const res = await call('surgeon', 'POST', `/api/patients/${p.id}/diagnoses`, body);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<Diagnosis>().clinicalStage).toBe(stage);
  });

  it('records peritoneal diagnoses without an AJCC stage, and refuses T/N/M for them', async () => {
    const p = await aPatient(w.homeOrgId).build(w.db);
    const meso = await call('surgeon', 'POST', `/api/patients/${p.id}/diagnoses`, {
      site: 'mesothelioma',
      icd10: 'C45.1',
      diagnosisDate: '2025-03-01',
      whoCategory: 'diffuse-mesothelioma-epithelioid',
    });
    expect(meso.statusCode, meso.body).toBe(201);
    expect(meso.json<Diagnosis>()).toMatchObject({ stagingSite: null, clinicalStage: null });
    const before = await oncologyCounts(w);
    const bad = await call('surgeon', 'POST', `/api/patients/${p.id}/diagnoses`, {
      site: 'peritoneal_metastasis',
      icd10: 'C78.6',
      pmOrigin: 'ovarian',
      diagnosisDate: '2025-03-01',
      clinical: { t: 'T3', n: 'N0', m: 'M1' },
    });
    expect(bad.statusCode).toBe(400);
    expect(fieldPaths(bad)).toEqual(['clinical']);
    expect(await oncologyCounts(w)).toEqual(before);
  });

  it('refuses a client-supplied stage that disagrees with the computed one, writing nothing', async () => {
    const p = await aPatient(w.homeOrgId).build(w.db);
    const before = await oncologyCounts(w);
    const res = await call('surgeon', 'POST', `/api/patients/${p.id}/diagnoses`, { ...stomach, clinicalStage: 'IIB' });
    expect(res.statusCode).toBe(400);
    const field = res.json<ErrorBody>().error.details!.fields![0]!;
    expect(field).toMatchObject({
      path: 'clinicalStage',
      messageZh: expect.stringContaining('III'),
      messageEn: expect.stringContaining('III'),
    });
    expect(await oncologyCounts(w)).toEqual(before);
    // The agreeing stage is accepted.
    expect((await call('surgeon', 'POST', `/api/patients/${p.id}/diagnoses`, { ...stomach, clinicalStage: 'III' })).statusCode).toBe(201);
  });

  it('refuses impossible records with a message per field in Chinese and English, writing nothing', async () => {
    const p = await aPatient(w.homeOrgId, { birthDate: '1960-05-05' }).build(w.db);
    const before = await oncologyCounts(w);
    const cases: [Record<string, unknown>, string[]][] = [
      [{ ...stomach, icd10: 'C20' }, ['icd10']],
      [{ ...stomach, icd10: 'C99.9' }, ['icd10']],
      [{ ...stomach, diagnosisDate: '2026-12-31' }, ['diagnosisDate']],
      [{ ...stomach, diagnosisDate: '1959-01-01' }, ['diagnosisDate']],
      [{ ...stomach, clinical: { t: 'T5', n: 'N1', m: 'M0' } }, ['clinical.t']],
      [{ ...stomach, clinical: { t: 'pT3', n: 'N1', m: 'M0' } }, ['clinical.t']],
      [{ ...stomach, clinical: { t: 'T3', n: 'N1c', m: 'M0' } }, ['clinical.n']],
      [{ ...stomach, whoCategory: 'wdpmt' }, ['whoCategory']],
      [{ ...stomach, icdO3Morphology: '8140' }, ['icdO3Morphology']],
      [{ ...stomach, diagnosisDate: '2026-02-30' }, ['diagnosisDate']],
      [{ ...stomach, organizationId: w.orgB }, ['']],
    ];
    for (const [body, paths] of cases) {
      const res = await call('surgeon', 'POST', `/api/patients/${p.id}/diagnoses`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      const fields = res.json<ErrorBody>().error.details!.fields!;
      expect(
        fields.map((f) => f.path),
        JSON.stringify(body),
      ).toEqual(paths);
      for (const f of fields) expect(f.messageZh && f.messageEn).toBeTruthy();
    }
    expect(await oncologyCounts(w)).toEqual(before);
  });

  it('answers in the request language', async () => {
    const p = await aPatient(w.homeOrgId).build(w.db);
    const res = await w.app.inject({
      method: 'POST',
      url: `/api/patients/${p.id}/diagnoses`,
      headers: { cookie: await w.as('surgeon'), 'x-gisurg-locale': 'en' },
      payload: { ...stomach, icd10: 'C20' },
    });
    expect(res.json<ErrorBody>().error.details!.fields![0]).toMatchObject({
      message: 'ICD-10 C20 does not fit the chosen site.',
      messageZh: 'ICD-10 编码 C20 与所选部位不符。',
    });
  });

  it('audits the creation with the computed stage and edition', async () => {
    const p = await aPatient(w.homeOrgId).build(w.db);
    const res = await call('surgeon', 'POST', `/api/patients/${p.id}/diagnoses`, stomach);
    const [row] = await auditRowsOf(w, res);
    expect(row).toMatchObject({
      action: 'oncology.diagnosis.create',
      patientId: p.id,
      resourceType: 'diagnosis',
      details: { clinicalStage: 'III', stagingEdition: 8 },
    });
  });
});

describe('PATCH /api/diagnoses/:id', () => {
  it('recomputes the stage from the merged record and bumps the version', async () => {
    const p = await aPatient(w.homeOrgId).build(w.db);
    const d = (await call('surgeon', 'POST', `/api/patients/${p.id}/diagnoses`, stomach)).json<Diagnosis>();
    const res = await call('surgeon', 'PATCH', `/api/diagnoses/${d.id}`, { version: 1, clinical: { t: 'T4b', n: 'N0', m: 'M0' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Diagnosis>()).toMatchObject({ version: 2, clinicalStage: 'IVA' });
    const [audit] = await auditRowsOf(w, res);
    expect(audit?.details).toMatchObject({ changes: { clinicalStage: ['III', 'IVA'], clinicalT: ['T3', 'T4b'] } });
    // Changing only the date keeps the stage.
    const res2 = await call('surgeon', 'PATCH', `/api/diagnoses/${d.id}`, { version: 2, diagnosisDate: '2026-01-20' });
    expect(res2.json<Diagnosis>()).toMatchObject({ version: 3, clinicalStage: 'IVA' });
  });

  it('gives the stale writer 409 with the current version; exactly one of many concurrent editors wins', async () => {
    const p = await aPatient(w.homeOrgId).build(w.db);
    const d = (await call('surgeon', 'POST', `/api/patients/${p.id}/diagnoses`, stomach)).json<Diagnosis>();
    const results = await Promise.all(
      ['T1', 'T2', 'T3', 'T4a', 'T4b', 'T1a'].map((t) =>
        call('surgeon', 'PATCH', `/api/diagnoses/${d.id}`, { version: 1, clinical: { t, n: 'N0', m: 'M0' } }),
      ),
    );
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(1);
    const stale = results.filter((r) => r.statusCode === 409);
    expect(stale).toHaveLength(5);
    expect(stale[0]!.json<ErrorBody>().error.details?.currentVersion).toBe(2);
    const updates = await w.db.select().from(auditLog).where(eq(auditLog.resourceId, d.id));
    expect(updates.filter((a) => a.action === 'oncology.diagnosis.update')).toHaveLength(1);
  });

  it('requires the version', async () => {
    const p = await aPatient(w.homeOrgId).build(w.db);
    const d = (await call('surgeon', 'POST', `/api/patients/${p.id}/diagnoses`, stomach)).json<Diagnosis>();
    const res = await call('surgeon', 'PATCH', `/api/diagnoses/${d.id}`, { notes: 'x' });
    expect(res.statusCode).toBe(400);
    expect(fieldPaths(res)).toEqual(['version']);
  });
});

describe('DELETE /api/diagnoses/:id', () => {
  it('soft-deletes with a reason visible in the audit log; the summary no longer shows it', async () => {
    const p = await aPatient(w.homeOrgId).build(w.db);
    const d = (await call('surgeon', 'POST', `/api/patients/${p.id}/diagnoses`, stomach)).json<Diagnosis>();
    expect((await call('surgeon', 'DELETE', `/api/diagnoses/${d.id}`, { version: 1 })).statusCode).toBe(400);
    const res = await call('surgeon', 'DELETE', `/api/diagnoses/${d.id}`, { version: 1, reason: '重复录入' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ id: d.id, version: 2, deleted: true });
    const [row] = await w.db.select().from(oncologyDiagnoses).where(eq(oncologyDiagnoses.id, d.id));
    expect(row).toMatchObject({ deleteReason: '重复录入', deletedBy: w.users.surgeon.id, version: 2 });
    expect(row!.deletedAt).toBeInstanceOf(Date);
    const [audit] = await auditRowsOf(w, res);
    expect(audit).toMatchObject({ action: 'oncology.diagnosis.delete', patientId: p.id, details: { reason: '重复录入' } });
    const summary = (await call('nurse', 'GET', `/api/patients/${p.id}/oncology-summary`)).json<{ diagnoses: unknown[] }>();
    expect(summary.diagnoses).toEqual([]);
    expect((await call('surgeon', 'PATCH', `/api/diagnoses/${d.id}`, { version: 2, notes: 'x' })).statusCode).toBe(404);
  });

  it('is refused while an operation is linked to the diagnosis, and for a stale version', async () => {
    const p = await aPatient(w.homeOrgId).build(w.db);
    const d = (await call('surgeon', 'POST', `/api/patients/${p.id}/diagnoses`, stomach)).json<Diagnosis>();
    await anOperation(p.id, { diagnosisId: d.id }).build(w.db);
    const linked = await call('surgeon', 'DELETE', `/api/diagnoses/${d.id}`, { version: 1, reason: '错误' });
    expect(linked.statusCode).toBe(409);
    expect(linked.json<ErrorBody>().error.code).toBe('INVALID_STATE');
    const p2 = await aPatient(w.homeOrgId).build(w.db);
    const d2 = (await call('surgeon', 'POST', `/api/patients/${p2.id}/diagnoses`, stomach)).json<Diagnosis>();
    await call('surgeon', 'PATCH', `/api/diagnoses/${d2.id}`, { version: 1, notes: '已核对' });
    expect((await call('surgeon', 'DELETE', `/api/diagnoses/${d2.id}`, { version: 1, reason: '错误' })).statusCode).toBe(409);
  });
});

describe('who may see and write diagnoses', () => {
  it('lets nurses, MDT coordinators and students read but not write; researchers get nothing', async () => {
    const p = await aPatient(w.homeOrgId).build(w.db);
    for (const role of ['nurse', 'mdt_coordinator', 'student'] as const) {
      expect((await call(role, 'POST', `/api/patients/${p.id}/diagnoses`, stomach)).statusCode, role).toBe(403);
      expect((await call(role, 'GET', `/api/patients/${p.id}/oncology-summary`)).statusCode, role).toBe(200);
    }
    expect((await call('researcher', 'GET', `/api/patients/${p.id}/oncology-summary`)).statusCode).toBe(404);
    expect((await call('researcher', 'GET', '/api/procedures')).statusCode).toBe(404);
  });

  it('shows external doctors their own organization’s patients only (another hospital’s reads as missing), read-only', async () => {
    const own = await aPatient(w.homeOrgId, { sourceOrganizationId: w.orgA }).build(w.db);
    const other = await aPatient(w.homeOrgId, { sourceOrganizationId: w.orgB }).build(w.db);
    await call('surgeon', 'POST', `/api/patients/${own.id}/diagnoses`, stomach);
    const mine = await call('external_doctor', 'GET', `/api/patients/${own.id}/oncology-summary`);
    expect(mine.statusCode).toBe(200);
    expect(mine.json<{ diagnoses: unknown[] }>().diagnoses).toHaveLength(1);
    const theirs = await call('external_doctor', 'GET', `/api/patients/${other.id}/oncology-summary`);
    const missing = await call('external_doctor', 'GET', '/api/patients/00000000-0000-4000-8000-000000000000/oncology-summary');
    expect([theirs.statusCode, missing.statusCode]).toEqual([404, 404]);
    expect(theirs.body).toBe(missing.body);
    expect((await call('extB', 'GET', `/api/patients/${own.id}/oncology-summary`)).statusCode).toBe(404);
    expect((await call('external_doctor', 'POST', `/api/patients/${own.id}/diagnoses`, stomach)).statusCode).toBe(403);
  });
});
