import { and, desc, eq, gt, sql } from 'drizzle-orm';
import { todayIn } from '@gisurg/contracts';
import type { AttemptBodySchema, AttemptResult } from '@gisurg/contracts/followup';
import type { z } from 'zod';
import { recordAudit } from '../../audit/record.js';
import { AppError, notFound } from '../../core/app-error.js';
import type { UseCaseContext } from '../../core/context.js';
import { fieldIssue, validationError } from '../../core/validation.js';
import { followUpAttempts, followUpContacts, patients } from '../../db/schema/index.js';
import type { Db } from '../../db/types.js';
import { findVisiblePatient } from '../patients/index.js';
import { assertFollowUpDate, insertContact } from './record-contact.js';
import { loadFollowUpSettings } from './settings.js';

/** The date of the patient's last contact (any status), or null. */
async function lastContact(tx: Db, patientId: string): Promise<{ date: string; status: string } | null> {
  const [row] = await tx
    .select({ date: followUpContacts.contactDate, status: followUpContacts.status })
    .from(followUpContacts)
    .where(eq(followUpContacts.patientId, patientId))
    .orderBy(desc(followUpContacts.contactDate), desc(followUpContacts.createdAt))
    .limit(1);
  return row ?? null;
}

/** Failed attempts after the last contact's date (all of them when there is no contact). */
export async function attemptsSinceLastContact(tx: Db, patientId: string, since: string | null): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(followUpAttempts)
    .where(and(eq(followUpAttempts.patientId, patientId), since ? gt(followUpAttempts.attemptDate, since) : undefined));
  return row?.n ?? 0;
}

/**
 * Records a failed contact attempt (docs/follow-up.md). When the failed attempts since the last contact reach
 * the setting `lostAfterAttempts` (default 3), the system records a `lost` contact on the attempt's date: the
 * remaining planned items are cancelled and the patient leaves the worklist. Both writes are audited; the lost
 * contact as `followup.contact.auto_lost` with no acting user (the system) and the attempts that led to it.
 */
export async function recordAttempt(
  ctx: UseCaseContext,
  patientId: string,
  input: z.output<typeof AttemptBodySchema>,
): Promise<AttemptResult> {
  const { actor, meta, locale, clock, timeZone } = ctx;
  const now = clock.now();
  const today = todayIn(timeZone, now);
  assertFollowUpDate(locale, input.date, today);
  return ctx.db.transaction(async (tx) => {
    const patient = await findVisiblePatient(tx, actor, patientId);
    if (!patient) throw notFound();
    if (input.date < patient.birthDate) throw validationError([fieldIssue(locale, 'date', 'followup.validation.beforeBirth')]);
    // One attempt at a time per patient, so two nurses calling at once cannot both record "lost".
    await tx.select({ id: patients.id }).from(patients).where(eq(patients.id, patientId)).for('update');
    const last = await lastContact(tx, patientId);
    if (last && (last.status === 'dead' || last.status === 'lost')) throw new AppError('INVALID_STATE', 'followup.errors.notFollowed');
    if (last && input.date < last.date) throw validationError([fieldIssue(locale, 'date', 'followup.validation.attemptBeforeContact')]);
    const method = input.method ?? 'phone';
    const [row] = await tx
      .insert(followUpAttempts)
      .values({ patientId, attemptDate: input.date, method, notes: input.notes ?? null, recordedBy: actor.userId, createdAt: now })
      .returning({ id: followUpAttempts.id });
    const id = row!.id;
    const attempts = await attemptsSinceLastContact(tx, patientId, last?.date ?? null);
    await recordAudit(tx, meta, actor, {
      action: 'followup.attempt.create',
      outcome: 'success',
      resourceType: 'follow_up_attempt',
      resourceId: id,
      patientId,
      details: { date: input.date, method, attempts },
    });
    const { lostAfterAttempts } = await loadFollowUpSettings(tx);
    let lostContactId: string | null = null;
    if (attempts >= lostAfterAttempts) {
      lostContactId = await insertContact(
        tx,
        meta,
        null,
        patientId,
        { date: input.date, status: 'lost', method, notes: `连续${attempts}次联系未果，系统记为失访 (${attempts} failed attempts)` },
        now,
        'followup.contact.auto_lost',
        { attempts, lostAfterAttempts, attemptId: id, triggeredBy: actor.userId },
      );
    }
    return { id, attempts, lostContactId };
  });
}
