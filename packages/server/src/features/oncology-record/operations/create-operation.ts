import { and, eq, isNull } from 'drizzle-orm';
import { oncologyDiagnoses, operationProcedures, operations, theatreBookings } from '../../../db/schema/index.js';
import { recordAudit } from '../../../audit/record.js';
import type { UseCaseContext } from '../../../core/context.js';
import { todayIn } from '@gisurg/contracts';
import { publish } from '../../../core/events.js';
import { requireVisiblePatient } from '../../patients/index.js';
import { Problems } from '../../../core/problems.js';
import { checkStaff, evaluateOperation } from './evaluate-operation.js';
import { loadOperationDto } from './queries.js';
import type { CreateOperation, OperationDto } from '@gisurg/contracts/oncology-record';

/** Record an operation: procedures with ICD-9-CM-3 codes by approach, staff, times → duration, conversion. */
export async function createOperation(ctx: UseCaseContext, patientId: string, input: CreateOperation): Promise<OperationDto> {
  const { db, actor, meta, locale, clock } = ctx;
  const today = todayIn(ctx.timeZone, clock.now());
  return db.transaction(async (tx) => {
    const patient = await requireVisiblePatient(tx, actor, patientId);
    const problems = new Problems(locale);
    if (input.diagnosisId) {
      const [d] = await tx
        .select({ id: oncologyDiagnoses.id })
        .from(oncologyDiagnoses)
        .where(
          and(eq(oncologyDiagnoses.id, input.diagnosisId), eq(oncologyDiagnoses.patientId, patientId), isNull(oncologyDiagnoses.deletedAt)),
        );
      if (!d) problems.add('diagnosisId', 'oncology.validation.diagnosisNotOfPatient');
    }
    const fields = {
      date: input.date,
      approach: input.approach,
      convertedFrom: input.convertedFrom ?? null,
      conversionReason: input.conversionReason ?? null,
      incisionLengthCm: input.incisionLengthCm ?? null,
      procedures: input.procedures,
      incisionClass: input.incisionClass ?? null,
      startTime: input.startTime ?? null,
      endTime: input.endTime ?? null,
      transfusion: input.transfusion ?? null,
      rbcUnits: input.rbcUnits ?? null,
      plasmaMl: input.plasmaMl ?? null,
      anastomosis: input.anastomosis ?? null,
      anastomosisTechnique: input.anastomosisTechnique ?? null,
      stoma: input.stoma ?? null,
      stomaIntent: input.stomaIntent ?? null,
      dischargeDate: input.dischargeDate ?? null,
    };
    const computed = evaluateOperation(problems, fields, { birthDate: patient.birthDate, today, timeZone: ctx.timeZone });
    const staff = {
      surgeonId: input.surgeonId ?? null,
      assistantIds: input.assistantIds ?? [],
      anesthetistId: input.anesthetistId ?? null,
    };
    await checkStaff(tx, problems, patient.organizationId, staff);
    // Recorded from a theatre booking (issue 6): only a completed booking of this patient, not yet linked.
    if (input.bookingId) {
      const [b] = await tx
        .select({ id: theatreBookings.id })
        .from(theatreBookings)
        .where(
          and(
            eq(theatreBookings.id, input.bookingId),
            eq(theatreBookings.patientId, patientId),
            eq(theatreBookings.status, 'completed'),
            isNull(theatreBookings.operationId),
          ),
        )
        .for('update');
      if (!b) problems.add('bookingId', 'theatre.errors.bookingNotCompleted');
    }
    problems.throwIfAny();
    const now = clock.now();
    const [row] = await tx
      .insert(operations)
      .values({
        patientId,
        diagnosisId: input.diagnosisId ?? null,
        operationDate: input.date,
        urgency: input.urgency ?? 'elective',
        intent: input.intent ?? 'curative',
        approach: input.approach,
        convertedFrom: input.approach === 'converted' ? (input.convertedFrom ?? 'laparoscopic') : null,
        conversionReason: fields.conversionReason,
        incisionLengthCm: fields.incisionLengthCm,
        converted: computed.converted,
        lymphadenectomy: input.lymphadenectomy ?? null,
        ...staff,
        anesthetistName: input.anesthetistName ?? null,
        anesthesiaMethod: input.anesthesiaMethod ?? null,
        operationLevel: input.operationLevel ?? null,
        incisionClass: fields.incisionClass,
        healingGrade: input.healingGrade ?? null,
        startTime: computed.startTime,
        endTime: computed.endTime,
        durationMin: computed.durationMin,
        bloodLossMl: input.bloodLossMl ?? null,
        transfusion: fields.transfusion,
        rbcUnits: fields.rbcUnits,
        plasmaMl: fields.plasmaMl,
        anastomosis: fields.anastomosis,
        anastomosisTechnique: fields.anastomosisTechnique,
        stoma: fields.stoma,
        stomaIntent: fields.stomaIntent,
        dischargeDate: fields.dischargeDate,
        postoperativeLosDays: computed.postoperativeLosDays,
        notes: input.notes ?? null,
        createdAt: now,
        updatedAt: now,
        createdBy: actor.userId,
        updatedBy: actor.userId,
      })
      .returning();
    await tx.insert(operationProcedures).values(computed.procedures.map((p, position) => ({ operationId: row!.id, position, ...p })));
    if (input.bookingId) {
      await tx
        .update(theatreBookings)
        .set({ operationId: row!.id, updatedAt: now, updatedBy: actor.userId })
        .where(eq(theatreBookings.id, input.bookingId));
    }
    await recordAudit(tx, meta, actor, {
      action: 'oncology.operation.create',
      outcome: 'success',
      resourceType: 'operation',
      resourceId: row!.id,
      patientId,
      details: {
        version: 1,
        bookingId: input.bookingId ?? null,
        date: row!.operationDate,
        approach: row!.approach,
        converted: row!.converted,
        procedures: computed.procedures,
        durationMin: row!.durationMin,
      },
    });
    // A tumor board's recommended operation is now carried out (issue 7): delivered in the same transaction.
    await publish(
      { tx, meta, actor, now, timeZone: ctx.timeZone },
      {
        type: 'operation_recorded',
        patientId,
        operationId: row!.id,
        date: row!.operationDate,
        procedureCodes: computed.procedures.map((p) => p.code),
      },
    );
    return loadOperationDto(tx, row!);
  });
}
