import { and, eq } from 'drizzle-orm';
import { maskIdNumber } from '@gisurg/clinical';
import { patients } from '../../db/schema/index.js';
import { diff, recordAudit } from '../../audit/record.js';
import { AppError, notFound } from '../../core/app-error.js';
import type { UseCaseContext } from '../../core/context.js';
import { todayIn } from '@gisurg/contracts';
import { checkSourceOrganization, refuseDuplicateId } from './create-patient.js';
import { toPatientDto, writeSearchTerms } from './queries.js';
import { findVisiblePatient, patientScope } from './visibility.js';
import type { PatientDto, UpdatePatient } from '@gisurg/contracts/patients';
import { checkPatientIdentity } from './validate-patient.js';

const EDITABLE = [
  'name',
  'sex',
  'birthDate',
  'idType',
  'idNumber',
  'inpatientNo',
  'phone',
  'address',
  'ethnicity',
  'allergies',
  'sourceOrganizationId',
] as const;

/**
 * Edit a patient with optimistic concurrency (trust.md S14): the body carries the version it edits; a
 * stale version gets 409 with the current version; the audit row holds the field-level change.
 */
export async function updatePatient(ctx: UseCaseContext, id: string, input: UpdatePatient): Promise<PatientDto> {
  const { db, actor, meta, locale, clock } = ctx;
  const today = todayIn(ctx.timeZone, clock.now());
  const current = await findVisiblePatient(db, actor, id);
  if (!current) throw notFound();
  const merged = {
    sex: input.sex ?? current.sex,
    birthDate: input.birthDate ?? current.birthDate,
    idType: input.idType ?? current.idType,
    idNumber: input.idNumber !== undefined ? input.idNumber : current.idNumber,
  };
  const idNumber = checkPatientIdentity(merged, locale, today);
  const sourceOrganizationId =
    input.sourceOrganizationId !== undefined
      ? await checkSourceOrganization(ctx, input.sourceOrganizationId)
      : current.sourceOrganizationId;
  const changes = {
    ...(input.name !== undefined ? { name: input.name } : {}),
    sex: merged.sex,
    birthDate: merged.birthDate,
    idType: merged.idType,
    idNumber,
    ...(input.inpatientNo !== undefined ? { inpatientNo: input.inpatientNo } : {}),
    ...(input.phone !== undefined ? { phone: input.phone } : {}),
    ...(input.address !== undefined ? { address: input.address } : {}),
    ...(input.ethnicity !== undefined ? { ethnicity: input.ethnicity } : {}),
    ...(input.allergies !== undefined ? { allergies: input.allergies } : {}),
    sourceOrganizationId,
  };
  return db.transaction(async (tx) => {
    await refuseDuplicateId(tx, actor, locale, { organizationId: current.organizationId, idType: merged.idType, idNumber, exceptId: id });
    const now = clock.now();
    const [row] = await tx
      .update(patients)
      .set({ ...changes, version: input.version + 1, updatedAt: now, updatedBy: actor.userId })
      .where(and(eq(patients.id, id), eq(patients.version, input.version), patientScope(actor)))
      .returning();
    if (!row) {
      const still = await findVisiblePatient(tx, actor, id);
      if (!still) throw notFound();
      throw new AppError('CONFLICT', 'errors.stale', { currentVersion: still.version });
    }
    // The terms come from the name, 住院号 and ID number; the patient's scope and recency on them follow by trigger
    // (migration 0022), so an edit of anything else leaves them as they are.
    if (row.name !== current.name || row.inpatientNo !== current.inpatientNo || row.idNumber !== current.idNumber)
      await writeSearchTerms(tx, row);
    const mask = (r: Record<string, unknown>) => ({
      ...r,
      idNumber: typeof r.idNumber === 'string' ? maskIdNumber(r.idNumber) : r.idNumber,
    });
    await recordAudit(tx, meta, actor, {
      action: 'patient.update',
      outcome: 'success',
      resourceType: 'patient',
      resourceId: id,
      patientId: id,
      details: { version: row.version, changes: diff(mask(current), mask(row), EDITABLE) },
    });
    const fresh = await findVisiblePatient(tx, actor, id);
    return toPatientDto(fresh ?? row, actor, today);
  });
}
