import { and, eq, gt, lt, ne, or, isNull } from 'drizzle-orm';
import { ADMISSION_SOURCES, DISPOSITIONS, type AdmissionSource, type Disposition } from '@gisurg/contracts/ward';
import { recordAudit } from '../../audit/record.js';
import { can } from '../../auth/actor.js';
import { AppError, notFound } from '../../core/app-error.js';
import type { UseCaseContext } from '../../core/context.js';
import { publish } from '../../core/events.js';
import { fieldIssue, invalidField, validationError } from '../../core/validation.js';
import { admissions } from '../../db/schema/index.js';
import { findVisiblePatient } from '../patients/index.js';
import { notFuture } from './queries.js';

export interface PastStay {
  admittedAt: Date;
  /** A finished stay: its discharge; a cancelled admission (entered and withdrawn): null. */
  dischargedAt: Date | null;
  status: 'discharged' | 'cancelled';
  source: string;
  disposition: string | null;
  /** Why it is recorded after the fact (audited; e.g. `fhir.import`). */
  origin: string;
}

/**
 * A stay that is already over, recorded after the fact (the FHIR import, issue 13): an admission that was
 * discharged (or cancelled) in another system or before GISurg. It occupies no bed — the bed board, its events
 * and reservations are not touched — but counts like any stay (length of stay, the patient's timeline, quality
 * figures). Checked like the ward's screens: the patient visible, 入院途径 and 离院方式 from the ward's lists, the
 * times not in the future (the caller needs `ward:write`, as for an admission), the discharge after the admission, no overlap with another stay of the patient.
 * A discharged stay publishes `discharged` as a discharge at the desk does (follow-up plans, deaths).
 */
export async function recordPastStay(ctx: UseCaseContext, patientId: string, input: PastStay): Promise<{ id: string }> {
  const { actor, meta, locale, clock, timeZone } = ctx;
  if (!can(actor, 'ward:write')) throw new AppError('FORBIDDEN', 'errors.forbidden', { permission: 'ward:write' });
  const now = clock.now();
  const issues = [];
  if (!(ADMISSION_SOURCES as readonly string[]).includes(input.source))
    issues.push(fieldIssue(locale, 'source', 'ward.validation.sourceUnknown'));
  if (input.disposition !== null && !(DISPOSITIONS as readonly string[]).includes(input.disposition))
    issues.push(fieldIssue(locale, 'disposition', 'ward.validation.dispositionUnknown'));
  if (input.status === 'discharged' && !input.dischargedAt) issues.push(fieldIssue(locale, 'dischargedAt', 'validation.required'));
  if (input.dischargedAt && input.dischargedAt.getTime() <= input.admittedAt.getTime())
    issues.push(fieldIssue(locale, 'dischargedAt', 'ward.validation.dischargeBeforeAdmission'));
  if (issues.length) throw validationError(issues);
  notFuture(locale, 'admittedAt', input.admittedAt, now);
  if (input.dischargedAt) notFuture(locale, 'dischargedAt', input.dischargedAt, now);
  return ctx.db.transaction(async (tx) => {
    const patient = await findVisiblePatient(tx, actor, patientId);
    if (!patient) throw notFound();
    if (input.status === 'discharged') {
      // Another (not cancelled) stay of the patient that overlaps this one; an open one runs until now.
      const [other] = await tx
        .select({ id: admissions.id })
        .from(admissions)
        .where(
          and(
            eq(admissions.patientId, patient.id),
            ne(admissions.status, 'cancelled'),
            lt(admissions.admittedAt, input.dischargedAt!),
            or(isNull(admissions.dischargedAt), gt(admissions.dischargedAt, input.admittedAt)),
          ),
        )
        .limit(1);
      if (other) throw invalidField(locale, 'admittedAt', 'ward.validation.stayOverlap');
    }
    const [row] = await tx
      .insert(admissions)
      .values({
        patientId: patient.id,
        organizationId: actor.organizationId,
        status: input.status,
        admittedAt: input.admittedAt,
        source: input.source as AdmissionSource,
        dischargedAt: input.dischargedAt,
        disposition: (input.disposition ?? null) as Disposition | null,
        ...(input.status === 'cancelled' ? { cancelledAt: now, cancelReason: input.origin } : {}),
        createdBy: actor.userId,
        updatedBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: admissions.id });
    const id = row!.id;
    await recordAudit(tx, meta, actor, {
      action: 'ward.admission.import',
      outcome: 'success',
      resourceType: 'admission',
      resourceId: id,
      patientId: patient.id,
      details: {
        origin: input.origin,
        status: input.status,
        source: input.source,
        disposition: input.disposition,
        admittedAt: input.admittedAt.toISOString(),
        dischargedAt: input.dischargedAt?.toISOString() ?? null,
      },
    });
    if (input.status === 'discharged' && input.disposition)
      await publish(
        { tx, meta, actor, now, timeZone },
        {
          type: 'discharged',
          patientId: patient.id,
          admissionId: id,
          at: input.dischargedAt!,
          disposition: input.disposition,
        },
      );
    return { id };
  });
}
