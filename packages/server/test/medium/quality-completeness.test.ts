import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CareChecklist, Completeness } from '@gisurg/contracts/quality-completeness';
import {
  followUpPlans,
  mdtCases,
  mdtMeetings,
  mdtRecommendations,
  operationProcedures,
  pathologyReports,
} from '../../src/db/schema/index.js';
import { aDiagnosis, aPatient, aUser, anOperation } from './support/builders.js';
import { auditRowsOf, caller } from './support/oncology.js';
import { createTestWorld, type TestWorld } from './support/test-app.js';

/**
 * Standardized care, case by case (issue 12). Hand-built cancer patients, period H1 = 2026-01-01 … 2026-06-30:
 *
 *  patient  surgeon  diagnosis (stage)        operation                       MDT         pathology   CC     plan
 *  P1       S        stomach, III             02-01 elective gastrectomy      01-20       24, R0      n/a    yes   complete
 *  P2       S        stomach, III             02-10 elective gastrectomy      —           24, R0      n/a    yes   missing MDT
 *  P3       O        stomach, III             03-01 elective gastrectomy      02-20       —           n/a    yes   missing pathology
 *  P4       S        peritoneal metastasis    04-01 elective CRS + HIPEC      03-20       report      —      n/a   missing CC
 *  P5       S        stomach, III             2025-12-20 (outside H1)          —           —           n/a    no
 *
 * H1, department: 4 operations, 1 complete (P1) → 0.25; S 1/3, O 0/1; worklist P2, P3, P4 in date order.
 */
let w: TestWorld;
const call = caller(() => w);
let other: string;
const P: Record<string, string> = {};
let meetingId: string;

async function discuss(patientId: string, decidedOn: string) {
  const [c] = await w.db
    .insert(mdtCases)
    .values({
      meetingId,
      patientId,
      submittingOrganizationId: w.homeOrgId,
      submittedBy: w.users.surgeon.id,
      question: '手术指征？',
      status: 'decided',
      snapshot: {},
      snapshotAt: new Date(`${decidedOn}T08:00:00Z`),
    })
    .returning();
  await w.db.insert(mdtRecommendations).values({
    caseId: c!.id,
    intent: 'curative',
    consensus: true,
    patientSummary: '建议手术',
    decidedAt: new Date(`${decidedOn}T08:00:00Z`),
    decidedOn,
    decidedBy: w.users.department_head.id,
  });
}

async function gastricPatient(
  key: string,
  s: { surgeon: string; date: string; mdt?: string; pathology?: boolean; plan?: boolean },
): Promise<void> {
  const p = await aPatient(w.homeOrgId, { name: `核查${key}` }).build(w.db);
  P[key] = p.id;
  const d = await aDiagnosis(p.id, { diagnosisDate: '2026-01-05' }).build(w.db);
  const o = await anOperation(p.id, { diagnosisId: d.id, operationDate: s.date, surgeonId: s.surgeon, dischargeDate: s.date }).build(w.db);
  if (s.pathology !== false) await w.db.insert(pathologyReports).values({ operationId: o.id, nodesExamined: 24, margin: 'R0' });
  if (s.mdt) await discuss(p.id, s.mdt);
  if (s.plan !== false)
    await w.db.insert(followUpPlans).values({
      patientId: p.id,
      diagnosisId: d.id,
      operationId: o.id,
      site: 'stomach',
      stage: 'III',
      guideline: 'csco-gastric',
      intervalChoice: 'lower',
      startDate: s.date,
    });
}

beforeAll(async () => {
  w = await createTestWorld();
  other = (await aUser('surgeon', w.homeOrgId, { displayName: '乙医生' }).build(w.db)).id;
  const S = w.users.surgeon.id;
  const [m] = await w.db
    .insert(mdtMeetings)
    .values({ tumorGroup: 'gastric', kind: 'intra', startsAt: new Date('2026-01-20T08:00:00Z'), status: 'closed' })
    .returning();
  meetingId = m!.id;
  await gastricPatient('P1', { surgeon: S, date: '2026-02-01', mdt: '2026-01-20' });
  await gastricPatient('P2', { surgeon: S, date: '2026-02-10' });
  await gastricPatient('P3', { surgeon: other, date: '2026-03-01', mdt: '2026-02-20', pathology: false });
  await gastricPatient('P5', { surgeon: S, date: '2025-12-20', pathology: false, plan: false });
  // P4: CRS + HIPEC for peritoneal metastasis (not AJCC-staged), pathology reported, no CC recorded.
  const p4 = await aPatient(w.homeOrgId, { name: '核查P4' }).build(w.db);
  P.P4 = p4.id;
  const d4 = await aDiagnosis(p4.id, {
    site: 'peritoneal_metastasis',
    icd10: 'C78.6',
    diagnosisDate: '2026-03-01',
    stagingSite: null,
    clinicalT: null,
    clinicalN: null,
    clinicalM: null,
    clinicalStage: null,
    stagingEdition: null,
  }).build(w.db);
  const o4 = await anOperation(p4.id, { diagnosisId: d4.id, operationDate: '2026-04-01', surgeonId: S, intent: 'curative' }).build(w.db);
  await w.db.delete(operationProcedures).where(eq(operationProcedures.operationId, o4.id));
  await w.db.insert(operationProcedures).values([
    { operationId: o4.id, position: 0, code: 'crs', icd9cm3: '54.4' },
    { operationId: o4.id, position: 1, code: 'hipec', icd9cm3: '99.25' },
  ]);
  await w.db.insert(pathologyReports).values({ operationId: o4.id });
  await discuss(p4.id, '2026-03-20');
});
afterAll(async () => w.close());

const H1 = '/api/quality/completeness?from=2026-01-01&to=2026-06-30';
const get = async <T>(role: Parameters<typeof call>[0], url: string): Promise<T> => {
  const res = await call(role, 'GET', url);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<T>();
};
const byCode = (c: CareChecklist) => Object.fromEntries(c.items.map((i) => [i.code, [i.status, ...i.reasons].join(':')]));

describe('GET /api/patients/:id/care-checklist', () => {
  it('a complete record: stage, MDT, pathology and follow-up plan done, CC and complications not applicable', async () => {
    const c = await get<CareChecklist>('surgeon', `/api/patients/${P.P1}/care-checklist`);
    expect(byCode(c)).toEqual({
      clinical_stage: 'done',
      mdt_before_surgery: 'done',
      pathology: 'done',
      cc_score: 'not_applicable:no_crs',
      complications_graded: 'not_applicable:no_complication',
      follow_up_plan: 'done',
    });
    expect([c.done, c.applicable, c.score]).toEqual([4, 4, 1]);
  });

  it('CRS without a CC score: CC missing, stage not applicable (not AJCC-staged) → 2 of 3', async () => {
    const c = await get<CareChecklist>('nurse', `/api/patients/${P.P4}/care-checklist`);
    expect(byCode(c)).toMatchObject({ clinical_stage: 'not_applicable:not_ajcc_staged', cc_score: 'missing:no_cc', pathology: 'done' });
    expect([c.done, c.applicable]).toEqual([2, 3]);
  });

  it('names the missing MDT discussion and the missing pathology report', async () => {
    expect(byCode(await get<CareChecklist>('surgeon', `/api/patients/${P.P2}/care-checklist`)).mdt_before_surgery).toBe(
      'missing:no_discussion',
    );
    expect(byCode(await get<CareChecklist>('surgeon', `/api/patients/${P.P3}/care-checklist`)).pathology).toBe('missing:no_report');
  });

  it('writes an audit row naming the patient', async () => {
    const res = await call('surgeon', 'GET', `/api/patients/${P.P1}/care-checklist`);
    const rows = await auditRowsOf(w, res);
    expect(rows).toEqual([
      expect.objectContaining({ action: 'quality.care_checklist.read', outcome: 'success', patientId: P.P1, resourceId: P.P1 }),
    ]);
  });

  it("is a 404 for another hospital's doctor, a researcher and an unknown patient", async () => {
    expect((await call('external_doctor', 'GET', `/api/patients/${P.P1}/care-checklist`)).statusCode).toBe(404);
    expect((await call('researcher', 'GET', `/api/patients/${P.P1}/care-checklist`)).statusCode).toBe(404);
    expect((await call('surgeon', 'GET', '/api/patients/00000000-0000-4000-8000-000000000000/care-checklist')).statusCode).toBe(404);
  });
});

describe('GET /api/quality/completeness', () => {
  it('department head: 1 of 4 operations complete, per surgeon, and the worklist of the three incomplete ones', async () => {
    const c = await get<Completeness>('department_head', H1);
    expect([c.complete, c.total, c.rate]).toEqual([1, 4, 0.25]);
    expect(c.missingByCode.filter((m) => m.count > 0)).toEqual([
      { code: 'mdt_before_surgery', count: 1 },
      { code: 'pathology', count: 1 },
      { code: 'cc_score', count: 1 },
    ]);
    const s = c.bySurgeon.map((x) => [x.surgeonId, x.complete, x.total]);
    expect(s).toHaveLength(2);
    expect(s).toEqual(
      expect.arrayContaining([
        [w.users.surgeon.id, 1, 3],
        [other, 0, 1],
      ]),
    );
    expect(c.worklist.map((x) => [x.name, x.operationDate, x.missing])).toEqual([
      ['核查P2', '2026-02-10', ['mdt_before_surgery']],
      ['核查P3', '2026-03-01', ['pathology']],
      ['核查P4', '2026-04-01', ['cc_score']],
    ]);
  });

  it('the head may look at one surgeon', async () => {
    const c = await get<Completeness>('department_head', `${H1}&surgeonId=${other}`);
    expect([c.complete, c.total, c.surgeonId]).toEqual([0, 1, other]);
    expect(c.worklist.map((x) => x.name)).toEqual(['核查P3']);
  });

  it("a surgeon sees only their own operations; another surgeon's figures are a 404", async () => {
    const c = await get<Completeness>('surgeon', H1);
    expect([c.complete, c.total]).toEqual([1, 3]);
    expect(c.bySurgeon.map((x) => x.surgeonId)).toEqual([w.users.surgeon.id]);
    expect(c.worklist.map((x) => x.name)).toEqual(['核查P2', '核查P4']);
    expect((await call('surgeon', 'GET', `${H1}&surgeonId=${other}`)).statusCode).toBe(404);
  });

  it('a researcher gets the department aggregates without names or surgeons', async () => {
    const c = await get<Completeness>('researcher', H1);
    expect([c.complete, c.total, c.rate]).toEqual([1, 4, 0.25]);
    expect(c.bySurgeon).toEqual([]);
    expect(c.worklist).toEqual([]);
    expect(JSON.stringify(c)).not.toContain('核查');
    expect((await call('researcher', 'GET', `${H1}&surgeonId=${other}`)).statusCode).toBe(404);
  });

  it('counts operations by date: the 2025 operation belongs to 2025', async () => {
    const c = await get<Completeness>('department_head', '/api/quality/completeness?from=2025-12-01&to=2025-12-31');
    expect([c.complete, c.total]).toEqual([0, 1]);
    expect(c.worklist[0]!.missing).toEqual(['mdt_before_surgery', 'pathology', 'follow_up_plan']);
  });

  it("is audited as a read of the worklist patients, a researcher's as a read of aggregates", async () => {
    const [row] = await auditRowsOf(w, await call('department_head', 'GET', H1));
    expect(row).toMatchObject({ action: 'quality.completeness.read', resourceType: 'patient' });
    expect((row!.details as { patientIds: string[] }).patientIds.sort()).toEqual([P.P2!, P.P3!, P.P4!].sort());
    const [aggregate] = await auditRowsOf(w, await call('researcher', 'GET', H1));
    expect(aggregate).toMatchObject({ action: 'quality.completeness.read', resourceType: 'quality_completeness' });
    expect(aggregate!.details).not.toHaveProperty('patientIds');
  });

  it('refuses a period that ends before it starts', async () => {
    expect((await call('department_head', 'GET', '/api/quality/completeness?from=2026-06-30&to=2026-01-01')).statusCode).toBe(400);
  });
});
