import { and, eq, inArray, isNull } from 'drizzle-orm';
import { complications } from '../../../db/schema/index.js';
import { diff, recordAudit } from '../../../audit/record.js';
import { notFound } from '../../../core/app-error.js';
import type { UseCaseContext } from '../../../core/context.js';
import { todayIn } from '@gisurg/contracts';
import { throwStaleOrMissing } from '../records.js';
import { Problems, pick } from '../../../core/problems.js';
import { evaluateComplication } from './evaluate-complication.js';
import { findVisibleComplication, refreshComplicationIndex, toComplicationDto, visibleOperationIds } from '../operations/queries.js';
import type { ComplicationDto, UpdateComplication } from '@gisurg/contracts/oncology-record';

/** Edit a complication (send the version edited); the operation's CCI is recomputed. */
export async function updateComplication(
  ctx: UseCaseContext,
  id: string,
  input: UpdateComplication,
): Promise<ComplicationDto & { cci30: number; cci90: number }> {
  const { db, actor, meta, locale, clock } = ctx;
  const today = todayIn(ctx.timeZone, clock.now());
  return db.transaction(async (tx) => {
    const found = await findVisibleComplication(tx, actor, id);
    if (!found) throw notFound();
    const cur = found.complication;
    const fields = {
      date: input.date ?? cur.occurredOn,
      type: input.type ?? cur.type,
      typeOther: pick(input.typeOther, cur.typeOther),
      isrecGrade: pick(input.isrecGrade, cur.isrecGrade),
      grade: input.grade ?? `${cur.grade}${cur.disability ? 'd' : ''}`,
    };
    const problems = new Problems(locale);
    const e = evaluateComplication(problems, fields, found.operation.operationDate, today);
    problems.throwIfAny();
    const [row] = await tx
      .update(complications)
      .set({
        occurredOn: fields.date,
        dayAfterOperation: e.day!,
        type: fields.type,
        typeOther: fields.typeOther,
        isrecGrade: fields.isrecGrade,
        grade: e.grade!,
        disability: e.disability,
        treatment: pick(input.treatment, cur.treatment),
        notes: pick(input.notes, cur.notes),
        version: input.version + 1,
        updatedAt: clock.now(),
        updatedBy: actor.userId,
      })
      .where(
        and(
          eq(complications.id, id),
          eq(complications.version, input.version),
          isNull(complications.deletedAt),
          inArray(complications.operationId, visibleOperationIds(tx, actor)),
        ),
      )
      .returning();
    if (!row) return throwStaleOrMissing(tx, complications, id);
    const cci = await refreshComplicationIndex(tx, row.operationId, found.operation.operationDate);
    await recordAudit(tx, meta, actor, {
      action: 'oncology.complication.update',
      outcome: 'success',
      resourceType: 'complication',
      resourceId: id,
      patientId: row.patientId,
      details: {
        version: row.version,
        changes: diff(cur, row, ['occurredOn', 'type', 'typeOther', 'isrecGrade', 'grade', 'disability', 'treatment', 'notes']),
        ...cci,
      },
    });
    return { ...toComplicationDto(row), ...cci };
  });
}
