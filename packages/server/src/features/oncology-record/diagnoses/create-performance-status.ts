import { performanceStatus } from '../../../db/schema/index.js';
import { recordAudit } from '../../../audit/record.js';
import type { UseCaseContext } from '../../../core/context.js';
import { todayIn } from '@gisurg/contracts';
import { evaluatePerformanceStatus } from './performance-status.js';
import { requireVisiblePatient } from '../../patients/index.js';
import { toPerformanceStatusDto } from './queries.js';
import type { CreatePerformanceStatus, PerformanceStatusDto } from '@gisurg/contracts/oncology-record';
import { Problems } from '../../../core/problems.js';

/** Record ECOG and/or Karnofsky on a date. */
export async function createPerformanceStatus(
  ctx: UseCaseContext,
  patientId: string,
  input: CreatePerformanceStatus,
): Promise<PerformanceStatusDto> {
  const { db, actor, meta, locale, clock } = ctx;
  const today = todayIn(ctx.timeZone, clock.now());
  return db.transaction(async (tx) => {
    const patient = await requireVisiblePatient(tx, actor, patientId);
    const problems = new Problems(locale);
    const ecog = input.ecog ?? null;
    const kps = input.kps ?? null;
    const derived = evaluatePerformanceStatus(problems, { ecog, kps });
    problems.notFuture('date', input.date, today);
    problems.notBefore('date', input.date, patient.birthDate, 'oncology.validation.beforeBirth');
    problems.throwIfAny();
    const now = clock.now();
    const [row] = await tx
      .insert(performanceStatus)
      .values({
        patientId,
        assessedOn: input.date,
        setting: input.setting ?? null,
        ecog,
        kps,
        ...derived,
        createdAt: now,
        updatedAt: now,
        createdBy: actor.userId,
        updatedBy: actor.userId,
      })
      .returning();
    await recordAudit(tx, meta, actor, {
      action: 'oncology.performance_status.create',
      outcome: 'success',
      resourceType: 'performance_status',
      resourceId: row!.id,
      patientId,
      details: { version: 1, ecog, kps, ecogFromKps: derived.ecogFromKps, mapping: derived.ecogKpsMapping },
    });
    return toPerformanceStatusDto(row!);
  });
}
