import { complications } from '../../../db/schema/index.js';
import { recordAudit } from '../../../audit/record.js';
import { notFound } from '../../../core/app-error.js';
import type { UseCaseContext } from '../../../core/context.js';
import { todayIn } from '@gisurg/contracts';
import { Problems } from '../../../core/problems.js';
import { evaluateComplication } from './evaluate-complication.js';
import { findVisibleOperation, refreshComplicationIndex, toComplicationDto } from '../operations/queries.js';
import type { ComplicationDto, CreateComplication } from '@gisurg/contracts/oncology-record';

/** Record a complication of an operation; the operation's CCI (30/90 days) is recomputed and stored. */
export async function createComplication(
  ctx: UseCaseContext,
  operationId: string,
  input: CreateComplication,
): Promise<ComplicationDto & { cci30: number; cci90: number }> {
  const { db, actor, meta, locale, clock } = ctx;
  const today = todayIn(ctx.timeZone, clock.now());
  return db.transaction(async (tx) => {
    const found = await findVisibleOperation(tx, actor, operationId);
    if (!found) throw notFound();
    const problems = new Problems(locale);
    const fields = {
      date: input.date,
      type: input.type,
      typeOther: input.typeOther ?? null,
      isrecGrade: input.isrecGrade ?? null,
      grade: input.grade,
    };
    const e = evaluateComplication(problems, fields, found.operation.operationDate, today);
    problems.throwIfAny();
    const now = clock.now();
    const [row] = await tx
      .insert(complications)
      .values({
        operationId,
        patientId: found.patient.id,
        occurredOn: input.date,
        dayAfterOperation: e.day!,
        type: input.type,
        typeOther: fields.typeOther,
        isrecGrade: fields.isrecGrade,
        grade: e.grade!,
        disability: e.disability,
        treatment: input.treatment ?? null,
        notes: input.notes ?? null,
        createdAt: now,
        updatedAt: now,
        createdBy: actor.userId,
        updatedBy: actor.userId,
      })
      .returning();
    const cci = await refreshComplicationIndex(tx, operationId, found.operation.operationDate);
    await recordAudit(tx, meta, actor, {
      action: 'oncology.complication.create',
      outcome: 'success',
      resourceType: 'complication',
      resourceId: row!.id,
      patientId: found.patient.id,
      details: { version: 1, operationId, type: row!.type, grade: `${row!.grade}${row!.disability ? 'd' : ''}`, ...cci },
    });
    return { ...toComplicationDto(row!), ...cci };
  });
}
