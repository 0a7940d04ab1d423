import { recordAudit } from '../../audit/record.js';
import { mdtCases } from '../../db/schema/index.js';
import { AppError, notFound } from '../../core/app-error.js';
import type { UseCaseContext } from '../../core/context.js';
import { invalidField } from '../../core/validation.js';
import { todayIn } from '@gisurg/contracts';
import { findVisiblePatient } from '../patients/index.js';
import { loadClinicalSnapshot } from './clinical-snapshot.js';
import { buildCaseDetail } from './get-case.js';
import { findVisibleMeeting, recordCaseEvent } from './queries.js';
import type { CaseDetailDto, SubmitCase } from '@gisurg/contracts/mdt';

/**
 * Submit a case to a board: a home-hospital doctor for any patient of the hospital, an external doctor for
 * their own hospital's patient and only to an inter-hospital board (others read as missing). The clinical
 * snapshot is taken now, so the board sees the record as it stood. The case waits for triage.
 */
export async function submitCase(ctx: UseCaseContext, meetingId: string, input: SubmitCase): Promise<CaseDetailDto> {
  const { db, actor, meta, locale, clock, timeZone } = ctx;
  return db.transaction(async (tx) => {
    const m = await findVisibleMeeting(tx, actor, meetingId);
    if (!m) throw notFound();
    if (m.status !== 'scheduled' && m.status !== 'in_progress') throw new AppError('INVALID_STATE', 'mdt.errors.meetingNotOpen');
    const patient = await findVisiblePatient(tx, actor, input.patientId);
    if (!patient) throw invalidField(locale, 'patientId', 'mdt.validation.patientUnknown');
    const now = clock.now();
    const snapshot = await loadClinicalSnapshot(tx, patient.id, { now, timeZone });
    const [row] = await tx
      .insert(mdtCases)
      .values({
        meetingId,
        patientId: patient.id,
        submittingOrganizationId: actor.organizationId,
        submittedBy: actor.userId,
        question: input.question,
        summary: input.summary ?? null,
        urgency: input.urgency,
        presentingSpecialty: input.presentingSpecialty ?? null,
        status: 'submitted',
        snapshot,
        snapshotAt: now,
        createdAt: now,
        updatedAt: now,
        createdBy: actor.userId,
        updatedBy: actor.userId,
      })
      .returning();
    await recordCaseEvent(tx, { caseId: row!.id, at: now, action: 'submit', toStatus: 'submitted', actorId: actor.userId });
    await recordAudit(tx, meta, actor, {
      action: 'mdt.case.submit',
      outcome: 'success',
      resourceType: 'mdt_case',
      resourceId: row!.id,
      patientId: patient.id,
      details: { meetingId, urgency: input.urgency, organizationId: actor.organizationId },
    });
    return buildCaseDetail(tx, actor, row!.id, todayIn(timeZone, now));
  });
}
