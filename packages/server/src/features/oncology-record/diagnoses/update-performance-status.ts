import { and, eq, inArray, isNull } from 'drizzle-orm';
import { performanceStatus } from '../../../db/schema/index.js';
import { diff, recordAudit } from '../../../audit/record.js';
import { notFound } from '../../../core/app-error.js';
import type { UseCaseContext } from '../../../core/context.js';
import { todayIn } from '@gisurg/contracts';
import { evaluatePerformanceStatus } from './performance-status.js';
import { visiblePatientIds } from '../../patients/index.js';
import { findVisibleOwned, toPerformanceStatusDto } from './queries.js';
import { throwStaleOrMissing } from '../records.js';
import type { PerformanceStatusDto, UpdatePerformanceStatus } from '@gisurg/contracts/oncology-record';
import { Problems, pick } from '../../../core/problems.js';

export async function updatePerformanceStatus(
  ctx: UseCaseContext,
  id: string,
  input: UpdatePerformanceStatus,
): Promise<PerformanceStatusDto> {
  const { db, actor, meta, locale, clock } = ctx;
  const today = todayIn(ctx.timeZone, clock.now());
  return db.transaction(async (tx) => {
    const found = await findVisibleOwned(tx, actor, performanceStatus, id);
    if (!found) throw notFound();
    const cur = found.row;
    const ecog = pick(input.ecog, cur.ecog);
    const kps = pick(input.kps, cur.kps);
    const date = input.date ?? cur.assessedOn;
    const problems = new Problems(locale);
    const derived = evaluatePerformanceStatus(problems, { ecog, kps });
    problems.notFuture('date', date, today);
    problems.notBefore('date', date, found.patient.birthDate, 'oncology.validation.beforeBirth');
    problems.throwIfAny();
    const [row] = await tx
      .update(performanceStatus)
      .set({
        assessedOn: date,
        setting: pick(input.setting, cur.setting),
        ecog,
        kps,
        ...derived,
        version: input.version + 1,
        updatedAt: clock.now(),
        updatedBy: actor.userId,
      })
      .where(
        and(
          eq(performanceStatus.id, id),
          eq(performanceStatus.version, input.version),
          isNull(performanceStatus.deletedAt),
          inArray(performanceStatus.patientId, visiblePatientIds(tx, actor)),
        ),
      )
      .returning();
    if (!row) return throwStaleOrMissing(tx, performanceStatus, id);
    await recordAudit(tx, meta, actor, {
      action: 'oncology.performance_status.update',
      outcome: 'success',
      resourceType: 'performance_status',
      resourceId: id,
      patientId: row.patientId,
      details: { version: row.version, changes: diff(cur, row, ['assessedOn', 'setting', 'ecog', 'kps', 'ecogFromKps']) },
    });
    return toPerformanceStatusDto(row);
  });
}
