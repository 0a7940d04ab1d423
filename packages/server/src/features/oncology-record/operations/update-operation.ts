import { and, eq, inArray, isNull, min, sql } from 'drizzle-orm';
import { complications, oncologyDiagnoses, operationProcedures, operations, pathologyReports } from '../../../db/schema/index.js';
import { diff, recordAudit } from '../../../audit/record.js';
import { notFound } from '../../../core/app-error.js';
import type { UseCaseContext } from '../../../core/context.js';
import { todayIn } from '@gisurg/contracts';
import { visiblePatientIds } from '../../patients/index.js';
import { throwStaleOrMissing } from '../records.js';
import { Problems, pick } from '../../../core/problems.js';
import { checkStaff, evaluateOperation } from './evaluate-operation.js';
import { findVisibleOperation, loadOperationDto, refreshComplicationIndex } from './queries.js';
import type { OperationDto, UpdateOperation } from '@gisurg/contracts/oncology-record';

const AUDITED = [
  'diagnosisId',
  'operationDate',
  'urgency',
  'intent',
  'approach',
  'convertedFrom',
  'conversionReason',
  'incisionLengthCm',
  'converted',
  'lymphadenectomy',
  'surgeonId',
  'assistantIds',
  'anesthetistId',
  'anesthetistName',
  'anesthesiaMethod',
  'operationLevel',
  'incisionClass',
  'healingGrade',
  'startTime',
  'endTime',
  'durationMin',
  'bloodLossMl',
  'transfusion',
  'rbcUnits',
  'plasmaMl',
  'anastomosis',
  'anastomosisTechnique',
  'stoma',
  'stomaIntent',
  'dischargeDate',
  'notes',
] as const;

/**
 * Edit an operation (send the version edited). The merged record is checked like a new one; procedures
 * are replaced when sent; a new date must not fall after a complication or pathology report, and the CCI
 * windows are recomputed from it.
 */
export async function updateOperation(ctx: UseCaseContext, id: string, input: UpdateOperation): Promise<OperationDto> {
  const { db, actor, meta, locale, clock } = ctx;
  const today = todayIn(ctx.timeZone, clock.now());
  return db.transaction(async (tx) => {
    const found = await findVisibleOperation(tx, actor, id);
    if (!found) throw notFound();
    const { operation: cur, patient } = found;
    const problems = new Problems(locale);
    const diagnosisId = pick(input.diagnosisId, cur.diagnosisId);
    if (input.diagnosisId) {
      const [d] = await tx
        .select({ id: oncologyDiagnoses.id })
        .from(oncologyDiagnoses)
        .where(
          and(
            eq(oncologyDiagnoses.id, input.diagnosisId),
            eq(oncologyDiagnoses.patientId, cur.patientId),
            isNull(oncologyDiagnoses.deletedAt),
          ),
        );
      if (!d) problems.add('diagnosisId', 'oncology.validation.diagnosisNotOfPatient');
    }
    const approach = input.approach ?? (cur.approach as OperationDto['approach']);
    const currentProcedures = (
      await tx
        .select({ code: operationProcedures.code })
        .from(operationProcedures)
        .where(eq(operationProcedures.operationId, id))
        .orderBy(operationProcedures.position)
    ).map((p) => p.code);
    const date = input.date ?? cur.operationDate;
    const timeOf = (sent: string | null | undefined, stored: Date | null) => (sent !== undefined ? sent : stored);
    const fields = {
      date,
      approach,
      convertedFrom:
        approach === 'converted'
          ? (pick(input.convertedFrom, cur.convertedFrom as 'laparoscopic' | null) ?? 'laparoscopic')
          : (input.convertedFrom ?? null),
      conversionReason:
        approach === 'converted' || input.conversionReason !== undefined ? pick(input.conversionReason, cur.conversionReason) : null,
      incisionLengthCm: pick(input.incisionLengthCm, cur.incisionLengthCm),
      procedures: input.procedures ?? currentProcedures,
      incisionClass: pick(input.incisionClass, cur.incisionClass),
      startTime: timeOf(input.startTime, cur.startTime),
      endTime: timeOf(input.endTime, cur.endTime),
      transfusion: pick(input.transfusion, cur.transfusion),
      rbcUnits: pick(input.rbcUnits, cur.rbcUnits),
      plasmaMl: pick(input.plasmaMl, cur.plasmaMl),
      anastomosis: pick(input.anastomosis, cur.anastomosis),
      anastomosisTechnique: pick(input.anastomosisTechnique, cur.anastomosisTechnique),
      stoma: pick(input.stoma, cur.stoma),
      stomaIntent: pick(input.stomaIntent, cur.stomaIntent),
      dischargeDate: pick(input.dischargeDate, cur.dischargeDate),
    };
    const computed = evaluateOperation(problems, fields, { birthDate: patient.birthDate, today, timeZone: ctx.timeZone });
    const staff = {
      surgeonId: pick(input.surgeonId, cur.surgeonId),
      assistantIds: input.assistantIds ?? cur.assistantIds,
      anesthetistId: pick(input.anesthetistId, cur.anesthetistId),
    };
    await checkStaff(
      tx,
      problems,
      patient.organizationId,
      staff,
      new Set([cur.surgeonId, cur.anesthetistId, ...cur.assistantIds].filter((x): x is string => Boolean(x))),
    );
    if (date !== cur.operationDate) {
      const [first] = await tx
        .select({ d: min(complications.occurredOn) })
        .from(complications)
        .where(and(eq(complications.operationId, id), isNull(complications.deletedAt)));
      if (first?.d && first.d < date) problems.add('date', 'clinical.complication.beforeOperation');
      const [report] = await tx
        .select({ d: min(pathologyReports.reportDate) })
        .from(pathologyReports)
        .where(and(eq(pathologyReports.operationId, id), isNull(pathologyReports.deletedAt)));
      if (report?.d && report.d < date) problems.add('date', 'oncology.validation.reportBeforeOperation');
    }
    problems.throwIfAny();
    const now = clock.now();
    const [row] = await tx
      .update(operations)
      .set({
        diagnosisId,
        operationDate: date,
        urgency: input.urgency ?? cur.urgency,
        intent: input.intent ?? cur.intent,
        approach,
        convertedFrom: fields.convertedFrom,
        conversionReason: fields.conversionReason,
        incisionLengthCm: fields.incisionLengthCm,
        converted: computed.converted,
        lymphadenectomy: pick(input.lymphadenectomy, cur.lymphadenectomy),
        ...staff,
        anesthetistName: pick(input.anesthetistName, cur.anesthetistName),
        anesthesiaMethod: pick(input.anesthesiaMethod, cur.anesthesiaMethod),
        operationLevel: pick(input.operationLevel, cur.operationLevel),
        incisionClass: fields.incisionClass,
        healingGrade: pick(input.healingGrade, cur.healingGrade),
        startTime: computed.startTime,
        endTime: computed.endTime,
        durationMin: computed.durationMin,
        bloodLossMl: pick(input.bloodLossMl, cur.bloodLossMl),
        transfusion: fields.transfusion,
        rbcUnits: fields.rbcUnits,
        plasmaMl: fields.plasmaMl,
        anastomosis: fields.anastomosis,
        anastomosisTechnique: fields.anastomosisTechnique,
        stoma: fields.stoma,
        stomaIntent: fields.stomaIntent,
        dischargeDate: fields.dischargeDate,
        postoperativeLosDays: computed.postoperativeLosDays,
        notes: pick(input.notes, cur.notes),
        version: input.version + 1,
        updatedAt: now,
        updatedBy: actor.userId,
      })
      .where(
        and(
          eq(operations.id, id),
          eq(operations.version, input.version),
          isNull(operations.deletedAt),
          inArray(operations.patientId, visiblePatientIds(tx, actor)),
        ),
      )
      .returning();
    if (!row) return throwStaleOrMissing(tx, operations, id);
    if (input.procedures || approach !== cur.approach) {
      await tx.delete(operationProcedures).where(eq(operationProcedures.operationId, id));
      await tx.insert(operationProcedures).values(computed.procedures.map((p, position) => ({ operationId: id, position, ...p })));
    }
    if (date !== cur.operationDate) {
      // Complications keep their dates; their day after the operation and the CCI windows follow the new date.
      await tx
        .update(complications)
        .set({ dayAfterOperation: sql`${complications.occurredOn} - ${date}::date` })
        .where(eq(complications.operationId, id));
      await refreshComplicationIndex(tx, id, date);
    }
    const changes = diff(cur, row, AUDITED);
    if (input.procedures && JSON.stringify(input.procedures) !== JSON.stringify(currentProcedures))
      changes.procedures = [currentProcedures, input.procedures];
    await recordAudit(tx, meta, actor, {
      action: 'oncology.operation.update',
      outcome: 'success',
      resourceType: 'operation',
      resourceId: id,
      patientId: row.patientId,
      details: { version: row.version, changes },
    });
    const [fresh] = await tx.select().from(operations).where(eq(operations.id, id));
    return loadOperationDto(tx, fresh!);
  });
}
