import { and, asc, desc, eq } from 'drizzle-orm';
import { FOLLOW_UP_KINDS } from '@gisurg/clinical';
import type { FollowUp } from '@gisurg/contracts/followup';
import { recordAudit } from '../../audit/record.js';
import { notFound } from '../../core/app-error.js';
import type { UseCaseContext } from '../../core/context.js';
import { followUpAttempts, followUpContacts, followUpItems, followUpPlans, users } from '../../db/schema/index.js';
import { findVisiblePatient } from '../patients/index.js';

type ContactRow = typeof followUpContacts.$inferSelect;
const kindOrder = (k: string) => (FOLLOW_UP_KINDS as readonly string[]).indexOf(k);

export function toContactDto(c: ContactRow, recordedBy: string | null): FollowUp['contacts'][number] {
  return {
    id: c.id,
    date: c.contactDate,
    status: c.status as FollowUp['contacts'][number]['status'],
    method: c.method as FollowUp['contacts'][number]['method'],
    recurrence:
      c.recurrenceDate && c.recurrenceSite
        ? { date: c.recurrenceDate, site: c.recurrenceSite as NonNullable<FollowUp['contacts'][number]['recurrence']>['site'] }
        : null,
    death:
      c.deathDate && c.deathCause
        ? { date: c.deathDate, cause: c.deathCause as NonNullable<FollowUp['contacts'][number]['death']>['cause'] }
        : null,
    notes: c.notes,
    recordedBy,
    createdAt: c.createdAt.toISOString(),
  };
}

/** The patient's follow-up: the newest plan with its items, and every contact (newest first). Audited read. */
export async function getFollowUp(ctx: UseCaseContext, patientId: string): Promise<FollowUp> {
  const { actor, meta } = ctx;
  return ctx.db.transaction(async (tx) => {
    const patient = await findVisiblePatient(tx, actor, patientId);
    if (!patient) throw notFound();
    const [plan] = await tx
      .select()
      .from(followUpPlans)
      .where(eq(followUpPlans.patientId, patientId))
      .orderBy(desc(followUpPlans.startDate))
      .limit(1);
    const items = plan
      ? await tx
          .select()
          .from(followUpItems)
          .where(eq(followUpItems.planId, plan.id))
          .orderBy(asc(followUpItems.dueDate), asc(followUpItems.kind))
      : [];
    const contacts = await tx
      .select({ c: followUpContacts, by: users.displayName })
      .from(followUpContacts)
      .leftJoin(users, eq(users.id, followUpContacts.recordedBy))
      .where(and(eq(followUpContacts.patientId, patientId)))
      .orderBy(desc(followUpContacts.contactDate), desc(followUpContacts.createdAt));
    const attempts = await tx
      .select({ a: followUpAttempts, by: users.displayName })
      .from(followUpAttempts)
      .leftJoin(users, eq(users.id, followUpAttempts.recordedBy))
      .where(eq(followUpAttempts.patientId, patientId))
      .orderBy(desc(followUpAttempts.attemptDate), desc(followUpAttempts.createdAt));
    await recordAudit(tx, meta, actor, {
      action: 'followup.read',
      outcome: 'success',
      resourceType: 'patient',
      resourceId: patientId,
      patientId,
    });
    return {
      plan: {
        id: plan?.id ?? null,
        version: plan?.version ?? null,
        site: plan?.site ?? null,
        stage: plan?.stage ?? null,
        guideline: plan?.guideline ?? null,
        intervalChoice: (plan?.intervalChoice as 'lower' | 'upper' | undefined) ?? null,
        startDate: plan?.startDate ?? null,
        adjustReason: plan?.adjustReason ?? null,
        items: items
          .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || kindOrder(a.kind) - kindOrder(b.kind))
          .map((i) => ({
            id: i.id,
            dueDate: i.dueDate,
            status: i.status as 'planned' | 'done' | 'cancelled',
            monthsAfterSurgery: i.monthsAfterSurgery,
            kind: i.kind,
            note: i.note ?? null,
          })),
      },
      contacts: contacts.map((r) => toContactDto(r.c, r.by)),
      attempts: attempts.map(({ a, by }) => ({
        id: a.id,
        date: a.attemptDate,
        method: a.method as FollowUp['contacts'][number]['method'],
        notes: a.notes,
        recordedBy: by,
      })),
    };
  });
}
