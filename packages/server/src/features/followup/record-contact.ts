import { and, eq, inArray, lte } from 'drizzle-orm';
import { addDays, todayIn } from '@gisurg/contracts';
import type { ContactBodySchema } from '@gisurg/contracts/followup';
import type { z } from 'zod';
import { recordAudit } from '../../audit/record.js';
import { notFound } from '../../core/app-error.js';
import type { RequestMeta, UseCaseContext } from '../../core/context.js';
import type { Actor } from '../../auth/actor.js';
import type { Db } from '../../db/types.js';
import { publish } from '../../core/events.js';
import { fieldIssue, validationError } from '../../core/validation.js';
import { followUpContacts, followUpItems } from '../../db/schema/index.js';
import { findVisiblePatient } from '../patients/index.js';

/** Planned items due up to this many days after a contact count as done by it (docs/follow-up.md). */
export const CONTACT_COVERS_DAYS = 30;

/** A contact's or attempt's date: not after today, not before 1900 (400 on the `date` field otherwise). */
export function assertFollowUpDate(locale: UseCaseContext['locale'], date: string, today: string): void {
  const issues = [];
  if (date > today) issues.push(fieldIssue(locale, 'date', 'followup.validation.future'));
  if (date < '1900-01-01') issues.push(fieldIssue(locale, 'date', 'followup.validation.tooOld'));
  if (issues.length) throw validationError(issues);
}

/**
 * Records a follow-up contact. Alive: the planned items due up to 30 days after it are done. Dead or lost:
 * the remaining planned items are cancelled. A death publishes `death_recorded` (core/events.ts).
 */
export async function recordContact(
  ctx: UseCaseContext,
  patientId: string,
  input: z.output<typeof ContactBodySchema>,
): Promise<{ id: string }> {
  const { actor, meta, locale, clock, timeZone } = ctx;
  const now = clock.now();
  const today = todayIn(timeZone, now);
  assertFollowUpDate(locale, input.date, today);
  return ctx.db.transaction(async (tx) => {
    const patient = await findVisiblePatient(tx, actor, patientId);
    if (!patient) throw notFound();
    if (
      input.date < patient.birthDate ||
      (input.death && input.death.date < patient.birthDate) ||
      (input.recurrence && input.recurrence.date < patient.birthDate)
    )
      throw validationError([fieldIssue(locale, 'date', 'followup.validation.beforeBirth')]);
    const id = await insertContact(tx, meta, actor, patientId, input, now, 'followup.contact.create');
    if (input.status === 'dead' && input.death) {
      await publish(
        { tx, meta, actor, now, timeZone },
        { type: 'death_recorded', patientId, date: input.death.date, cause: input.death.cause },
      );
    }
    return { id };
  });
}

/**
 * Writes a contact and its effect on the plan items (alive: items due up to 30 days after it done; dead or lost:
 * the remaining planned items cancelled), audited under `action`. `actor` null: recorded by the system.
 */
export async function insertContact(
  tx: Db,
  meta: RequestMeta,
  actor: Actor | null,
  patientId: string,
  input: z.output<typeof ContactBodySchema>,
  now: Date,
  action: string,
  details: Record<string, unknown> = {},
): Promise<string> {
  const [row] = await tx
    .insert(followUpContacts)
    .values({
      patientId,
      contactDate: input.date,
      method: input.method ?? 'phone',
      status: input.status,
      recurrenceDate: input.recurrence?.date ?? null,
      recurrenceSite: input.recurrence?.site ?? null,
      deathDate: input.death?.date ?? null,
      deathCause: input.death?.cause ?? null,
      notes: input.notes ?? null,
      recordedBy: actor?.userId ?? null,
      createdBy: actor?.userId ?? null,
      updatedBy: actor?.userId ?? null,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: followUpContacts.id });
  const id = row!.id;
  const alive = input.status === 'alive_no_disease' || input.status === 'alive_with_disease';
  if (alive) {
    await tx
      .update(followUpItems)
      .set({ status: 'done', contactId: id })
      .where(
        and(
          eq(followUpItems.patientId, patientId),
          eq(followUpItems.status, 'planned'),
          lte(followUpItems.dueDate, addDays(input.date, CONTACT_COVERS_DAYS)),
        ),
      );
  } else {
    await tx
      .update(followUpItems)
      .set({ status: 'cancelled', contactId: id })
      .where(and(eq(followUpItems.patientId, patientId), inArray(followUpItems.status, ['planned'])));
  }
  await recordAudit(tx, meta, actor, {
    action,
    outcome: 'success',
    resourceType: 'follow_up_contact',
    resourceId: id,
    patientId,
    details: { status: input.status, date: input.date, ...details },
  });
  return id;
}
