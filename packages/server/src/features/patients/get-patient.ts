import { recordAudit } from '../../audit/record.js';
import { notFound } from '../../core/app-error.js';
import type { UseCaseContext } from '../../core/context.js';
import { todayIn } from '@gisurg/contracts';
import { toPatientDto } from './queries.js';
import { findVisiblePatient } from './visibility.js';
import type { PatientDto } from '@gisurg/contracts/patients';

/** One patient, or NOT_FOUND (also when it belongs to another organization). Every read is audited. */
export async function getPatient(ctx: UseCaseContext, id: string): Promise<PatientDto> {
  const { db, actor, meta, clock } = ctx;
  return db.transaction(async (tx) => {
    const row = await findVisiblePatient(tx, actor, id);
    if (!row) throw notFound();
    await recordAudit(tx, meta, actor, {
      action: 'patient.read',
      outcome: 'success',
      resourceType: 'patient',
      resourceId: id,
      patientId: id,
    });
    return toPatientDto(row, actor, todayIn(ctx.timeZone, clock.now()));
  });
}
