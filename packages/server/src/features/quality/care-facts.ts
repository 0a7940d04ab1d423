import type { CareFacts } from '@gisurg/clinical';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Actor } from '../../auth/actor.js';
import {
  complications,
  oncologyDiagnoses,
  operationProcedures,
  operations,
  pathologyReports,
  peritonealAssessments,
} from '../../db/schema/index.js';
import type { Db } from '../../db/types.js';
import { plannedDiagnoses } from '../followup/index.js';
import { boardDecisionDates } from '../mdt/index.js';

/**
 * The facts the standardized-care checklist (`careChecklist`, packages/clinical) is computed from, for a set of
 * patients the caller has already scoped: diagnoses, operations with procedures, pathology, CC and complications
 * read from the oncology record (read-only, as the indicators do), tumor-board decisions and follow-up plans
 * asked of their features' public entries. No audit here: the use cases audit their own reads.
 */
export async function loadCareFacts(db: Db, actor: Actor, patientIds: readonly string[]): Promise<Map<string, CareFacts>> {
  const ids = [...new Set(patientIds)];
  const facts = new Map<string, { -readonly [K in keyof CareFacts]: CareFacts[K][number][] }>();
  for (const id of ids) facts.set(id, { diagnoses: [], operations: [], mdtDiscussions: [], followUpPlans: [] });
  if (ids.length === 0) return facts;

  const dx = await db
    .select({
      id: oncologyDiagnoses.id,
      patientId: oncologyDiagnoses.patientId,
      site: oncologyDiagnoses.site,
      stagingSite: oncologyDiagnoses.stagingSite,
      clinicalStage: oncologyDiagnoses.clinicalStage,
      diagnosisDate: oncologyDiagnoses.diagnosisDate,
    })
    .from(oncologyDiagnoses)
    .where(and(inArray(oncologyDiagnoses.patientId, ids), isNull(oncologyDiagnoses.deletedAt)))
    .orderBy(asc(oncologyDiagnoses.diagnosisDate));
  for (const { patientId, ...d } of dx) facts.get(patientId)!.diagnoses.push(d);

  const ops = await db
    .select({
      id: operations.id,
      patientId: operations.patientId,
      date: operations.operationDate,
      diagnosisId: operations.diagnosisId,
      urgency: operations.urgency,
      intent: operations.intent,
      dischargeDate: operations.dischargeDate,
      pathologyId: pathologyReports.id,
      nodesExamined: pathologyReports.nodesExamined,
      margin: pathologyReports.margin,
      cc: peritonealAssessments.cc,
    })
    .from(operations)
    .leftJoin(pathologyReports, and(eq(pathologyReports.operationId, operations.id), isNull(pathologyReports.deletedAt)))
    .leftJoin(peritonealAssessments, and(eq(peritonealAssessments.operationId, operations.id), isNull(peritonealAssessments.deletedAt)))
    .where(and(inArray(operations.patientId, ids), isNull(operations.deletedAt)))
    .orderBy(asc(operations.operationDate), asc(operations.createdAt));
  const opIds = ops.map((o) => o.id);
  const procs = opIds.length
    ? await db
        .select({ operationId: operationProcedures.operationId, code: operationProcedures.code })
        .from(operationProcedures)
        .where(inArray(operationProcedures.operationId, opIds))
        .orderBy(asc(operationProcedures.operationId), asc(operationProcedures.position))
    : [];
  const comps = await db
    .select({
      operationId: complications.operationId,
      type: complications.type,
      grade: complications.grade,
      isrecGrade: complications.isrecGrade,
    })
    .from(complications)
    .where(and(inArray(complications.patientId, ids), isNull(complications.deletedAt)));
  const group = <T extends { operationId: string }>(rows: T[]) => {
    const m = new Map<string, T[]>();
    for (const r of rows) m.set(r.operationId, [...(m.get(r.operationId) ?? []), r]);
    return m;
  };
  const procsOf = group(procs);
  const compsOf = group(comps);
  for (const o of ops)
    facts.get(o.patientId)!.operations.push({
      id: o.id,
      date: o.date,
      diagnosisId: o.diagnosisId,
      urgency: o.urgency,
      intent: o.intent,
      procedureCodes: (procsOf.get(o.id) ?? []).map((p) => p.code),
      dischargeDate: o.dischargeDate,
      pathology: o.pathologyId === null ? null : { nodesExamined: o.nodesExamined, margin: o.margin },
      cc: o.cc,
      complications: (compsOf.get(o.id) ?? []).map(({ type, grade, isrecGrade }) => ({ type, grade, isrecGrade })),
    });

  for (const [patientId, dates] of await boardDecisionDates(db, actor, ids)) facts.get(patientId)!.mdtDiscussions.push(...dates);
  for (const p of await plannedDiagnoses(db, ids)) facts.get(p.patientId)!.followUpPlans.push({ diagnosisId: p.diagnosisId });
  return facts;
}
