import {
  comprehensiveComplicationIndex,
  completenessOfCytoreduction,
  nCategoryFromNodes,
  peritonealCancerIndex,
  procedureIcd9cm3,
  stageAjcc8,
  type OperationApproachCode,
  type StagingSite,
} from '@gisurg/clinical';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  complications,
  oncologyDiagnoses,
  operationProcedures,
  operations,
  pathologyReports,
  peritonealAssessments,
  tumorMarkers,
  users,
} from '../../src/db/schema/index.js';
import { createDemoDatabase, type DemoDatabase } from './support/test-db.js';

let database: DemoDatabase;
const today = '2026-11-26';
const fiveYearsAgo = '2021-11-26';
beforeAll(async () => {
  database = await createDemoDatabase();
});
afterAll(async () => database.destroy());

describe('oncology demo data', () => {
  it('covers gastric, colorectal, anal, appendiceal/PMP cases and peritoneal metastases with CRS + HIPEC', async () => {
    const db = database.db;
    const dx = await db.select().from(oncologyDiagnoses);
    const sites = new Set(dx.map((d) => d.site));
    for (const s of ['stomach', 'colon', 'rectum', 'anus', 'pseudomyxoma']) expect(sites, s).toContain(s);
    expect(dx.length).toBeGreaterThan(60);
    const hipec = (await db.select().from(peritonealAssessments)).filter((p) => p.hipec !== null);
    expect(hipec.length).toBeGreaterThan(10);
    expect((await db.select().from(tumorMarkers)).length).toBeGreaterThan(100);
    expect((await db.select().from(complications)).length).toBeGreaterThan(10);
  });

  it('stores clinical and pathological stages that the clinical package recomputes identically', async () => {
    const db = database.db;
    for (const d of await db.select().from(oncologyDiagnoses)) {
      if (d.clinicalT === null) continue;
      const s = stageAjcc8({
        site: d.stagingSite as StagingSite,
        classification: 'c',
        t: d.clinicalT,
        n: d.clinicalN!,
        m: d.clinicalM!,
        ...(d.clinicalGrade ? { grade: d.clinicalGrade as 'G1' } : {}),
      });
      expect(s.stage, d.id).toBe(d.clinicalStage);
    }
    for (const p of await db.select().from(pathologyReports)) {
      const site = p.stagingSite as StagingSite;
      if (p.nDerived)
        expect(
          nCategoryFromNodes(site, { examined: p.nodesExamined!, positive: p.nodesPositive!, tumorDeposits: p.tumorDeposits ?? 0 }),
        ).toBe(p.n);
      const s = stageAjcc8({
        site,
        classification: p.classification as 'p',
        t: p.t!,
        n: p.n!,
        m: p.m!,
        ...(p.grade ? { grade: p.grade as 'G1' } : {}),
      });
      expect(s.stage, p.id).toBe(p.pathologicalStage);
      expect(p.nodesPositive!).toBeLessThanOrEqual(p.nodesExamined!);
    }
  });

  it('has PCI, CC, ICD-9-CM-3 codes and CCI consistent with their inputs, by demo surgeons, in the last five years', async () => {
    const db = database.db;
    for (const p of await db.select().from(peritonealAssessments)) {
      expect(peritonealCancerIndex(p.pciRegions).total).toBe(p.pciTotal);
      if (p.cc !== null) expect(completenessOfCytoreduction(p.residualMm, { boundary: 'le' })).toBe(p.cc);
    }
    const surgeons = (
      await db
        .select({ id: users.id })
        .from(users)
        .where(inArray(users.username, ['surgeon', 'department_head', 'newsurgeon']))
    ).map((u) => u.id);
    const ops = await db.select().from(operations);
    for (const o of ops) {
      expect(surgeons).toContain(o.surgeonId);
      expect(o.operationDate >= fiveYearsAgo && o.operationDate <= today, o.operationDate).toBe(true);
      const procs = await db.select().from(operationProcedures).where(eq(operationProcedures.operationId, o.id));
      for (const p of procs) expect(p.icd9cm3).toBe(procedureIcd9cm3(p.code, o.approach as OperationApproachCode));
      const comps = await db
        .select()
        .from(complications)
        .where(and(eq(complications.operationId, o.id), isNull(complications.deletedAt)));
      const within30 = comps.filter((c) => c.dayAfterOperation <= 30).map((c) => `${c.grade}${c.disability ? 'd' : ''}`);
      expect(o.cci30, o.id).toBe(comprehensiveComplicationIndex(within30));
      expect(o.complicationCount).toBe(comps.length);
    }
    for (const d of await db.select().from(oncologyDiagnoses))
      expect(d.diagnosisDate >= fiveYearsAgo && d.diagnosisDate <= today).toBe(true);
  });
});
