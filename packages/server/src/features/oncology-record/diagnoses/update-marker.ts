import { and, eq, inArray, isNull } from 'drizzle-orm';
import { tumorMarkers } from '../../../db/schema/index.js';
import { diff, recordAudit } from '../../../audit/record.js';
import { notFound } from '../../../core/app-error.js';
import type { UseCaseContext } from '../../../core/context.js';
import { todayIn } from '@gisurg/contracts';
import { markerUnit } from './markers.js';
import { visiblePatientIds } from '../../patients/index.js';
import { findVisibleOwned, toMarkerDto } from './queries.js';
import { throwStaleOrMissing } from '../records.js';
import type { MarkerDto, UpdateMarker } from '@gisurg/contracts/oncology-record';
import { Problems, pick } from '../../../core/problems.js';

export async function updateMarker(ctx: UseCaseContext, id: string, input: UpdateMarker): Promise<MarkerDto> {
  const { db, actor, meta, locale, clock } = ctx;
  const today = todayIn(ctx.timeZone, clock.now());
  return db.transaction(async (tx) => {
    const found = await findVisibleOwned(tx, actor, tumorMarkers, id);
    if (!found) throw notFound();
    const cur = found.row;
    const marker = input.marker ?? (cur.marker as MarkerDto['marker']);
    const problems = new Problems(locale);
    const unit = markerUnit(problems, marker, input.unit);
    const date = input.date ?? cur.sampledOn;
    problems.notFuture('date', date, today);
    problems.notBefore('date', date, found.patient.birthDate, 'oncology.validation.beforeBirth');
    problems.throwIfAny();
    const [row] = await tx
      .update(tumorMarkers)
      .set({
        marker,
        unit,
        value: input.value ?? cur.value,
        upperLimit: pick(input.upperLimit, cur.upperLimit),
        sampledOn: date,
        version: input.version + 1,
        updatedAt: clock.now(),
        updatedBy: actor.userId,
      })
      .where(
        and(
          eq(tumorMarkers.id, id),
          eq(tumorMarkers.version, input.version),
          isNull(tumorMarkers.deletedAt),
          inArray(tumorMarkers.patientId, visiblePatientIds(tx, actor)),
        ),
      )
      .returning();
    if (!row) return throwStaleOrMissing(tx, tumorMarkers, id);
    await recordAudit(tx, meta, actor, {
      action: 'oncology.marker.update',
      outcome: 'success',
      resourceType: 'tumor_marker',
      resourceId: id,
      patientId: row.patientId,
      details: { version: row.version, changes: diff(cur, row, ['marker', 'value', 'unit', 'upperLimit', 'sampledOn']) },
    });
    return toMarkerDto(row);
  });
}
