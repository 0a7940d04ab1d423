import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anOperation, aPatient } from './support/builders.js';
import { auditRowsOf, caller, fieldPaths, oncologyCounts, type ErrorBody } from './support/oncology.js';
import { createTestWorld, type TestWorld } from './support/test-app.js';

let w: TestWorld;
beforeAll(async () => {
  w = await createTestWorld();
});
afterAll(async () => w.close());
const call = caller(() => w);

type Pathology = {
  id: string;
  version: number;
  n: string | null;
  pathologicalStage: string | null;
  classification: string | null;
  lymphNodesAdequate: boolean | null;
  lymphNodeThreshold: number | null;
  her2Status: string | null;
  nDerived: boolean | null;
};

/** A patient with a diagnosis of the given site and an operation linked to it. */
async function operationFor(
  diagnosis: Record<string, unknown>,
  sourceOrganizationId?: string,
): Promise<{ patientId: string; operationId: string; diagnosisId: string }> {
  const p = await aPatient(w.homeOrgId, sourceOrganizationId ? { sourceOrganizationId } : {}).build(w.db);
  const d = await call('surgeon', 'POST', `/api/patients/${p.id}/diagnoses`, { diagnosisDate: '2026-01-10', ...diagnosis });
  expect(d.statusCode, d.body).toBe(201);
  const diagnosisId = d.json<{ id: string }>().id;
  const op = await anOperation(p.id, { diagnosisId, operationDate: '2026-02-01' }).build(w.db);
  return { patientId: p.id, operationId: op.id, diagnosisId };
}

const gastric = { site: 'stomach', icd10: 'C16.3', clinical: { t: 'T3', n: 'N1', m: 'M0' } };
const contract = { t: 'T3', nodesExamined: 22, nodesPositive: 5, m: 'M0', margin: 'R0' };

describe('PUT /api/operations/:id/pathology', () => {
  it('derives N from the counts, computes pTNM and node adequacy (issue example: pT3, 5/22 → N2, IIIA, adequate)', async () => {
    const { operationId, patientId, diagnosisId } = await operationFor(gastric);
    const res = await call('surgeon', 'PUT', `/api/operations/${operationId}/pathology`, {
      ...contract,
      her2Ihc: '2+',
      her2Ish: 'amplified',
      reportDate: '2026-02-08',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Pathology>()).toMatchObject({
      version: 1,
      n: 'N2',
      nDerived: true,
      classification: 'p',
      pathologicalStage: 'IIIA',
      lymphNodesAdequate: true,
      lymphNodeThreshold: 16,
      her2Status: 'positive',
    });
    const [audit] = await auditRowsOf(w, res);
    expect(audit).toMatchObject({
      action: 'oncology.pathology.create',
      patientId,
      details: { pathologicalStage: 'IIIA', stagingEdition: 8, classification: 'p' },
    });
    const summary = (await call('surgeon', 'GET', `/api/patients/${patientId}/oncology-summary`)).json<{
      diagnoses: { id: string; clinicalStage: string; pathologicalStage: string }[];
    }>();
    expect(summary.diagnoses).toEqual([expect.objectContaining({ id: diagnosisId, clinicalStage: 'III', pathologicalStage: 'IIIA' })]);
  });

  it('stages yp after neoadjuvant therapy with the post-neoadjuvant table', async () => {
    const { operationId } = await operationFor(gastric);
    const res = await call('surgeon', 'PUT', `/api/operations/${operationId}/pathology`, { ...contract, neoadjuvant: true, t: 'ypT3' });
    expect(res.json<Pathology>()).toMatchObject({ classification: 'yp', n: 'N2', pathologicalStage: 'III' });
  });

  it('counts colorectal tumour deposits (N1c) and flags fewer than 12 nodes as inadequate', async () => {
    const { operationId } = await operationFor({ site: 'colon', icd10: 'C18.7' });
    const res = await call('surgeon', 'PUT', `/api/operations/${operationId}/pathology`, {
      t: 'T3',
      nodesExamined: 9,
      nodesPositive: 0,
      tumorDeposits: 2,
      m: 'M0',
      kras: 'mutant',
      mmr: 'pMMR',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Pathology>()).toMatchObject({ n: 'N1c', pathologicalStage: 'IIIB', lymphNodesAdequate: false, lymphNodeThreshold: 12 });
  });

  it('needs the entered N for the anus, checked against the counts', async () => {
    const { operationId } = await operationFor({ site: 'anus', icd10: 'C21.1' });
    expect(
      fieldPaths(
        await call('surgeon', 'PUT', `/api/operations/${operationId}/pathology`, { t: 'T2', nodesExamined: 6, nodesPositive: 1, m: 'M0' }),
      ),
    ).toEqual(['n']);
    expect(
      fieldPaths(
        await call('surgeon', 'PUT', `/api/operations/${operationId}/pathology`, {
          t: 'T2',
          nodesExamined: 6,
          nodesPositive: 1,
          n: 'N0',
          m: 'M0',
        }),
      ),
    ).toEqual(['n']);
    const ok = await call('surgeon', 'PUT', `/api/operations/${operationId}/pathology`, {
      t: 'T2',
      nodesExamined: 6,
      nodesPositive: 1,
      n: 'N1a',
      m: 'M0',
    });
    expect(ok.json<Pathology>()).toMatchObject({ n: 'N1a', nDerived: false, pathologicalStage: 'IIIA', lymphNodesAdequate: null });
  });

  it('refuses positive nodes > examined (in both languages), and client values that disagree, writing nothing', async () => {
    const { operationId } = await operationFor(gastric);
    const before = await oncologyCounts(w);
    const res = await call('surgeon', 'PUT', `/api/operations/${operationId}/pathology`, { ...contract, nodesExamined: 4 });
    expect(res.statusCode).toBe(400);
    expect(res.json<ErrorBody>().error.details!.fields).toEqual([
      expect.objectContaining({
        path: 'nodesPositive',
        messageZh: '阳性淋巴结数（5）不能多于检出淋巴结数（4）。',
        messageEn: 'Positive nodes (5) cannot exceed the nodes examined (4).',
      }),
    ]);
    const cases: [Record<string, unknown>, string[]][] = [
      [{ ...contract, pathologicalStage: 'IIB' }, ['pathologicalStage']],
      [{ ...contract, n: 'N3a' }, ['n']],
      [{ ...contract, lymphNodesAdequate: false }, ['lymphNodesAdequate']],
      [{ ...contract, kras: 'mutant' }, ['kras']],
      [{ ...contract, t: 'T5' }, ['t']],
      [{ ...contract, t: 'cT3' }, ['t']],
      [{ ...contract, m: undefined }, ['m']],
      [{ ...contract, nodesPositive: undefined }, ['nodesPositive']],
      [{ ...contract, reportDate: '2026-01-20' }, ['reportDate']],
      [{ ...contract, reportDate: '2027-01-20' }, ['reportDate']],
    ];
    for (const [body, paths] of cases) {
      const r = await call('surgeon', 'PUT', `/api/operations/${operationId}/pathology`, body);
      expect(r.statusCode, JSON.stringify(body)).toBe(400);
      expect(fieldPaths(r), JSON.stringify(body)).toEqual(paths);
    }
    expect(await oncologyCounts(w)).toEqual(before);
  });

  it('needs a diagnosis on the operation to stage, and takes no TNM for a peritoneal diagnosis', async () => {
    const p = await aPatient(w.homeOrgId).build(w.db);
    const bare = await anOperation(p.id).build(w.db);
    const r = await call('surgeon', 'PUT', `/api/operations/${bare.id}/pathology`, contract);
    expect(r.statusCode).toBe(400);
    expect(r.json<ErrorBody>().error.details!.fields![0]!.messageEn).toMatch(/no diagnosis/);
    // Margins and biomarkers alone are fine without a stage.
    expect((await call('surgeon', 'PUT', `/api/operations/${bare.id}/pathology`, { margin: 'R1' })).json<Pathology>()).toMatchObject({
      classification: null,
      pathologicalStage: null,
    });
    const { operationId } = await operationFor({ site: 'mesothelioma', icd10: 'C45.1' });
    expect(fieldPaths(await call('surgeon', 'PUT', `/api/operations/${operationId}/pathology`, contract))).toEqual(['t']);
  });

  it('replaces with the version; a stale or missing version gets 409 with the current one', async () => {
    const { operationId } = await operationFor(gastric);
    expect((await call('surgeon', 'PUT', `/api/operations/${operationId}/pathology`, contract)).statusCode).toBe(200);
    const missing = await call('resident', 'PUT', `/api/operations/${operationId}/pathology`, { ...contract, nodesPositive: 7 });
    expect(missing.statusCode).toBe(409);
    expect(missing.json<ErrorBody>().error.details?.currentVersion).toBe(1);
    const replaced = await call('resident', 'PUT', `/api/operations/${operationId}/pathology`, {
      ...contract,
      nodesPositive: 7,
      version: 1,
    });
    expect(replaced.json<Pathology>()).toMatchObject({ version: 2, n: 'N3a', pathologicalStage: 'IIIB' });
    const [audit] = await auditRowsOf(w, replaced);
    expect(audit?.details).toMatchObject({ changes: { nodesPositive: [5, 7], n: ['N2', 'N3a'] } });
    expect((await call('surgeon', 'PUT', `/api/operations/${operationId}/pathology`, { ...contract, version: 1 })).statusCode).toBe(409);
  });

  it('lets exactly one of concurrent first writers create the report', async () => {
    const { operationId } = await operationFor(gastric);
    const results = await Promise.all(
      Array.from({ length: 5 }, () => call('surgeon', 'PUT', `/api/operations/${operationId}/pathology`, contract)),
    );
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(1);
    expect(results.filter((r) => r.statusCode === 409)).toHaveLength(4);
  });

  it('soft-deletes with a reason; the diagnosis then has no pathological stage', async () => {
    const { operationId, patientId } = await operationFor(gastric);
    await call('surgeon', 'PUT', `/api/operations/${operationId}/pathology`, contract);
    const del = await call('surgeon', 'DELETE', `/api/operations/${operationId}/pathology`, { version: 1, reason: '病理号填错' });
    expect(del.statusCode).toBe(200);
    const summary = (await call('surgeon', 'GET', `/api/patients/${patientId}/oncology-summary`)).json<{
      diagnoses: { pathologicalStage: string | null }[];
    }>();
    expect(summary.diagnoses[0]!.pathologicalStage).toBeNull();
    expect((await call('surgeon', 'PUT', `/api/operations/${operationId}/pathology`, contract)).statusCode).toBe(200);
  });

  it('locks the diagnosis site once its pathology is staged', async () => {
    const { diagnosisId, operationId } = await operationFor(gastric);
    await call('surgeon', 'PUT', `/api/operations/${operationId}/pathology`, contract);
    const res = await call('surgeon', 'PATCH', `/api/diagnoses/${diagnosisId}`, {
      version: 1,
      site: 'colon',
      icd10: 'C18.2',
      clinical: null,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json<ErrorBody>().error.code).toBe('INVALID_STATE');
  });

  it('is read-only for nurses and external doctors, and 404 for another hospital', async () => {
    const { operationId } = await operationFor(gastric, w.orgA);
    expect((await call('nurse', 'PUT', `/api/operations/${operationId}/pathology`, contract)).statusCode).toBe(403);
    expect((await call('external_doctor', 'PUT', `/api/operations/${operationId}/pathology`, contract)).statusCode).toBe(403);
    expect((await call('extB', 'GET', `/api/operations/${operationId}`)).statusCode).toBe(404);
  });
});
