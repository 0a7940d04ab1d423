import { tumorMarkers } from '../../../db/schema/index.js';
import { recordAudit } from '../../../audit/record.js';
import type { UseCaseContext } from '../../../core/context.js';
import { todayIn } from '@gisurg/contracts';
import { markerUnit } from './markers.js';
import { requireVisiblePatient } from '../../patients/index.js';
import { toMarkerDto } from './queries.js';
import type { CreateMarker, MarkerDto } from '@gisurg/contracts/oncology-record';
import { Problems } from '../../../core/problems.js';

/** Record a tumour marker result (CEA, CA19-9, CA125, CA72-4) in its unit, with the lab's upper limit. */
export async function createMarker(ctx: UseCaseContext, patientId: string, input: CreateMarker): Promise<MarkerDto> {
  const { db, actor, meta, locale, clock } = ctx;
  const today = todayIn(ctx.timeZone, clock.now());
  return db.transaction(async (tx) => {
    const patient = await requireVisiblePatient(tx, actor, patientId);
    const problems = new Problems(locale);
    const unit = markerUnit(problems, input.marker, input.unit);
    problems.notFuture('date', input.date, today);
    problems.notBefore('date', input.date, patient.birthDate, 'oncology.validation.beforeBirth');
    problems.throwIfAny();
    const now = clock.now();
    const [row] = await tx
      .insert(tumorMarkers)
      .values({
        patientId,
        marker: input.marker,
        value: input.value,
        unit,
        upperLimit: input.upperLimit ?? null,
        sampledOn: input.date,
        createdAt: now,
        updatedAt: now,
        createdBy: actor.userId,
        updatedBy: actor.userId,
      })
      .returning();
    await recordAudit(tx, meta, actor, {
      action: 'oncology.marker.create',
      outcome: 'success',
      resourceType: 'tumor_marker',
      resourceId: row!.id,
      patientId,
      details: { version: 1, marker: row!.marker },
    });
    return toMarkerDto(row!);
  });
}
