import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { complicationIndexWithin, procedureDefinition } from '@gisurg/clinical';
import {
  complications,
  oncologyDiagnoses,
  operationProcedures,
  operations,
  pathologyReports,
  patients,
  peritonealAssessments,
  users,
} from '../../../db/schema/index.js';
import { inSequence } from '../../../db/sql.js';
import type { Db } from '../../../db/types.js';
import type { Actor } from '../../../auth/actor.js';
import { patientScope, type PatientRow } from '../../patients/index.js';
import { toPathologyDto } from '../pathology/queries.js';
import { toPeritonealDto } from '../peritoneal/queries.js';
import type { ComplicationDto, OperationDto } from '@gisurg/contracts/oncology-record';

export type OperationRow = typeof operations.$inferSelect;
export type ComplicationRow = typeof complications.$inferSelect;

/** A live operation of a patient the actor may reach (the scope is in the WHERE clause), with the patient. */
export async function findVisibleOperation(
  db: Db,
  actor: Actor,
  id: string,
): Promise<{ operation: OperationRow; patient: PatientRow } | null> {
  const rows = await db
    .select({ o: operations, p: patients })
    .from(operations)
    .innerJoin(patients, eq(patients.id, operations.patientId))
    .where(and(eq(operations.id, id), isNull(operations.deletedAt), patientScope(actor)))
    .limit(1);
  const r = rows[0];
  return r ? { operation: r.o, patient: r.p } : null;
}

/** The live one-per-operation record (pathology report or peritoneal assessment) of an operation the actor may reach. */
export async function findLiveRecordOfOperation<T extends typeof pathologyReports | typeof peritonealAssessments>(
  db: Db,
  actor: Actor,
  table: T,
  operationId: string,
): Promise<{ row: T['$inferSelect']; operation: OperationRow; patient: PatientRow } | null> {
  const found = await findVisibleOperation(db, actor, operationId);
  if (!found) return null;
  const t = table as typeof pathologyReports;
  const [row] = await db
    .select()
    .from(t)
    .where(and(eq(t.operationId, operationId), isNull(t.deletedAt)));
  return row ? { row, ...found } : null;
}

/** Ids of the live operations the actor may reach, as a subquery for WHERE operation_id IN (…). */
export function visibleOperationIds(db: Db, actor: Actor) {
  return db
    .select({ id: operations.id })
    .from(operations)
    .innerJoin(patients, eq(patients.id, operations.patientId))
    .where(and(isNull(operations.deletedAt), patientScope(actor)));
}

export function toComplicationDto(row: ComplicationRow): ComplicationDto {
  return {
    id: row.id,
    version: row.version,
    operationId: row.operationId,
    date: row.occurredOn,
    dayAfterOperation: row.dayAfterOperation,
    type: row.type as ComplicationDto['type'],
    typeOther: row.typeOther,
    isrecGrade: row.isrecGrade as ComplicationDto['isrecGrade'],
    grade: `${row.grade}${row.disability ? 'd' : ''}`,
    disability: row.disability,
    treatment: row.treatment,
    notes: row.notes,
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * Recompute an operation's complication summary from its live complications (complicationIndexWithin,
 * 30 and 90 days) and store it on the operation row: computed values are stored, with the window used.
 * Does not bump the operation's version (the user-edited fields are unchanged).
 */
export async function refreshComplicationIndex(
  tx: Db,
  operationId: string,
  operationDate: string,
): Promise<{ cci30: number; cci90: number }> {
  const rows = await tx
    .select({ date: complications.occurredOn, grade: complications.grade, disability: complications.disability })
    .from(complications)
    .where(and(eq(complications.operationId, operationId), isNull(complications.deletedAt)));
  const list = rows.map((r) => ({ date: r.date, grade: `${r.grade}${r.disability ? 'd' : ''}` }));
  const w30 = complicationIndexWithin({ operationDate, complications: list, days: 30 });
  const w90 = complicationIndexWithin({ operationDate, complications: list, days: 90 });
  await tx
    .update(operations)
    .set({ cci30: w30.cci, cci90: w90.cci, highestClavienDindo30: w30.highest, complicationCount: list.length })
    .where(eq(operations.id, operationId));
  return { cci30: w30.cci, cci90: w90.cci };
}

/** The full API shape of operations (procedures, staff, diagnosis, complications, pathology, PCI/HIPEC), batched. */
export async function loadOperationDtos(db: Db, ops: readonly OperationRow[]): Promise<OperationDto[]> {
  if (ops.length === 0) return [];
  const ids = ops.map((o) => o.id);
  const [procs, comps, paths, pers] = await inSequence([
    () =>
      db
        .select()
        .from(operationProcedures)
        .where(inArray(operationProcedures.operationId, ids))
        .orderBy(asc(operationProcedures.operationId), asc(operationProcedures.position)),
    () =>
      db
        .select()
        .from(complications)
        .where(and(inArray(complications.operationId, ids), isNull(complications.deletedAt)))
        .orderBy(asc(complications.occurredOn), asc(complications.createdAt), asc(complications.id)),
    () =>
      db
        .select()
        .from(pathologyReports)
        .where(and(inArray(pathologyReports.operationId, ids), isNull(pathologyReports.deletedAt))),
    () =>
      db
        .select()
        .from(peritonealAssessments)
        .where(and(inArray(peritonealAssessments.operationId, ids), isNull(peritonealAssessments.deletedAt))),
  ]);
  const personIds = [
    ...new Set(ops.flatMap((o) => [o.surgeonId, o.anesthetistId, ...o.assistantIds]).filter((x): x is string => Boolean(x))),
  ];
  const diagnosisIds = [...new Set(ops.map((o) => o.diagnosisId).filter((x): x is string => Boolean(x)))];
  const [people, diagnoses] = await inSequence([
    () =>
      personIds.length
        ? db.select({ id: users.id, displayName: users.displayName }).from(users).where(inArray(users.id, personIds))
        : Promise.resolve([]),
    () =>
      diagnosisIds.length
        ? db
            .select({
              id: oncologyDiagnoses.id,
              site: oncologyDiagnoses.site,
              icd10: oncologyDiagnoses.icd10,
              stagingSite: oncologyDiagnoses.stagingSite,
            })
            .from(oncologyDiagnoses)
            .where(inArray(oncologyDiagnoses.id, diagnosisIds))
        : Promise.resolve([]),
  ]);
  const person = new Map(people.map((p) => [p.id, p]));
  const diagnosis = new Map(diagnoses.map((d) => [d.id, d]));
  // By operation, in query order (a page of a bulk export holds hundreds of operations: no scans per operation).
  const byOperation = <T extends { operationId: string }>(rows: readonly T[]) => {
    const m = new Map<string, T[]>();
    for (const r of rows) {
      const list = m.get(r.operationId);
      if (list) list.push(r);
      else m.set(r.operationId, [r]);
    }
    return m;
  };
  const procsOf = byOperation(procs);
  const compsOf = byOperation(comps);
  const pathOf = byOperation(paths);
  const perOf = byOperation(pers);
  return ops.map((o) => {
    const pathology = pathOf.get(o.id)?.[0];
    const peritoneal = perOf.get(o.id)?.[0];
    const who = (id: string | null) => (id ? (person.get(id) ?? { id, displayName: '—' }) : null);
    return {
      id: o.id,
      version: o.version,
      patientId: o.patientId,
      diagnosisId: o.diagnosisId,
      diagnosis: o.diagnosisId ? (diagnosis.get(o.diagnosisId) ?? null) : null,
      date: o.operationDate,
      urgency: o.urgency as OperationDto['urgency'],
      intent: o.intent as OperationDto['intent'],
      approach: o.approach as OperationDto['approach'],
      convertedFrom: o.convertedFrom,
      conversionReason: o.conversionReason,
      incisionLengthCm: o.incisionLengthCm,
      converted: o.converted,
      lymphadenectomy: o.lymphadenectomy,
      procedures: (procsOf.get(o.id) ?? []).map((p) => {
        const def = procedureDefinition(p.code);
        return { code: p.code, icd9cm3: p.icd9cm3, label: def ? { zh: def.label.zh, en: def.label.en } : { zh: p.code, en: p.code } };
      }),
      surgeon: who(o.surgeonId),
      assistants: o.assistantIds.map((id) => who(id)!),
      anesthetist: who(o.anesthetistId),
      anesthetistName: o.anesthetistName,
      anesthesiaMethod: o.anesthesiaMethod,
      operationLevel: o.operationLevel,
      incisionClass: o.incisionClass,
      healingGrade: o.healingGrade,
      startTime: o.startTime?.toISOString() ?? null,
      endTime: o.endTime?.toISOString() ?? null,
      durationMin: o.durationMin,
      bloodLossMl: o.bloodLossMl,
      transfusion: o.transfusion,
      rbcUnits: o.rbcUnits,
      plasmaMl: o.plasmaMl,
      anastomosis: o.anastomosis,
      anastomosisTechnique: o.anastomosisTechnique,
      stoma: o.stoma,
      stomaIntent: o.stomaIntent,
      dischargeDate: o.dischargeDate,
      postoperativeLosDays: o.postoperativeLosDays,
      notes: o.notes,
      cci: o.cci30,
      cci30: o.cci30,
      cci90: o.cci90,
      highestClavienDindo: o.highestClavienDindo30,
      complications: (compsOf.get(o.id) ?? []).map(toComplicationDto),
      pathology: pathology ? toPathologyDto(pathology) : null,
      peritoneal: peritoneal ? toPeritonealDto(peritoneal) : null,
      pciTotal: peritoneal?.pciTotal ?? null,
      cc: peritoneal?.cc ?? null,
      updatedAt: o.updatedAt.toISOString(),
    };
  });
}

export async function loadOperationDto(db: Db, op: OperationRow): Promise<OperationDto> {
  const [dto] = await loadOperationDtos(db, [op]);
  return dto!;
}

/** A live complication of a live operation of a patient the actor may reach. */
export async function findVisibleComplication(
  db: Db,
  actor: Actor,
  id: string,
): Promise<{ complication: ComplicationRow; operation: OperationRow } | null> {
  const rows = await db
    .select({ c: complications, o: operations })
    .from(complications)
    .innerJoin(operations, eq(operations.id, complications.operationId))
    .innerJoin(patients, eq(patients.id, operations.patientId))
    .where(and(eq(complications.id, id), isNull(complications.deletedAt), isNull(operations.deletedAt), patientScope(actor)))
    .limit(1);
  const r = rows[0];
  return r ? { complication: r.c, operation: r.o } : null;
}
