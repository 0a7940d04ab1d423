import { eq } from 'drizzle-orm';
import type { TimelineEvent } from '@gisurg/contracts/followup';
import type { TimelineProvider } from '../../core/patient-timeline.js';
import { recordAudit } from '../../audit/record.js';
import { notFound } from '../../core/app-error.js';
import type { UseCaseContext } from '../../core/context.js';
import { patientTimeline } from '../../core/patient-timeline.js';
import { followUpContacts } from '../../db/schema/index.js';
import { findVisiblePatient } from '../patients/index.js';

/** Follow-up contacts (status), and the recurrence and death they record. */
export const followUpTimeline: TimelineProvider = async (db, patientId) => {
  const rows = await db.select().from(followUpContacts).where(eq(followUpContacts.patientId, patientId));
  return rows.flatMap((c): TimelineEvent[] => [
    { date: c.contactDate, kind: 'follow_up', code: c.status, text: c.notes },
    ...(c.recurrenceDate ? [{ date: c.recurrenceDate, kind: 'recurrence' as const, code: c.recurrenceSite, text: null }] : []),
    ...(c.deathDate ? [{ date: c.deathDate, kind: 'death' as const, code: c.deathCause, text: null }] : []),
  ]);
};

/** The patient's whole journey, oldest first; 404 for a patient the user may not see. */
export async function getTimeline(ctx: UseCaseContext, patientId: string): Promise<{ events: TimelineEvent[] }> {
  return ctx.db.transaction(async (tx) => {
    const patient = await findVisiblePatient(tx, ctx.actor, patientId);
    if (!patient) throw notFound();
    const events = await patientTimeline(tx, patientId, ctx.timeZone);
    await recordAudit(tx, ctx.meta, ctx.actor, {
      action: 'patient.timeline.read',
      outcome: 'success',
      resourceType: 'patient',
      resourceId: patientId,
      patientId,
      details: { events: events.length },
    });
    return { events };
  });
}
