import { eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../audit/record.js';
import { mdtCases, mdtPlanItems, mdtRecommendations } from '../../db/schema/index.js';
import { AppError, notFound } from '../../core/app-error.js';
import type { UseCaseContext } from '../../core/context.js';
import { invalidField } from '../../core/validation.js';
import { todayIn } from '@gisurg/contracts';
import { checkHomeUser } from './create-meeting.js';
import { wallClock } from '@gisurg/contracts';
import { participantsOf } from './participants.js';
import { patientSummaryZh } from './patient-summary.js';
import { findActiveUser, findVisibleCase } from './queries.js';
import { loadRecommendation } from './recommendation-dto.js';
import type { RecommendationDto, RecordRecommendation } from '@gisurg/contracts/mdt';
import { transitionCase } from './transitions.js';

function guidelineOf(input: RecordRecommendation): { guideline: string | null; guidelineVersion: string | null } {
  const g = input.guideline;
  if (g && typeof g === 'object') return { guideline: g.name, guidelineVersion: g.version ?? input.guidelineVersion ?? null };
  return { guideline: g ? g : null, guidelineVersion: input.guidelineVersion ?? null };
}

/**
 * Record the board's recommendation for a case, in structure: intent, plan items (each becomes a tracked
 * item with a due date), the guideline followed or why it deviates, consensus or the dissenting views, the
 * executing specialty and responsible doctor. One per case: a second one is a 409 (amend instead).
 * The case moves to `decided` first, so of two concurrent submissions exactly one wins.
 */
export async function recordRecommendation(ctx: UseCaseContext, caseId: string, input: RecordRecommendation): Promise<RecommendationDto> {
  const { db, actor, meta, locale, clock, timeZone } = ctx;
  if (!input.consensus && input.dissent.length === 0) throw invalidField(locale, 'dissent', 'mdt.validation.dissentRequired');
  const responsibleUserId = await checkHomeUser(db, locale, 'responsibleUserId', input.responsibleUserId, actor.organizationId);
  const responsibleName =
    input.responsibleName ?? (responsibleUserId ? ((await findActiveUser(db, responsibleUserId))?.displayName ?? null) : null);
  return db.transaction(async (tx) => {
    const found = await findVisibleCase(tx, actor, caseId);
    if (!found) throw notFound();
    const { c, m } = found;
    const [existing] = await tx.select({ id: mdtRecommendations.id }).from(mdtRecommendations).where(eq(mdtRecommendations.caseId, caseId));
    if (existing) throw new AppError('CONFLICT', 'mdt.errors.alreadyDecided');
    if (m.status === 'cancelled') throw new AppError('INVALID_STATE', 'mdt.errors.meetingNotOpen');
    const now = clock.now();
    const today = todayIn(timeZone, now);
    const [{ next } = { next: 1 }] =
      c.agendaOrder === null
        ? await tx
            .select({ next: sql<number>`coalesce(max(${mdtCases.agendaOrder}), 0)::int + 1` })
            .from(mdtCases)
            .where(eq(mdtCases.meetingId, m.id))
        : [{ next: c.agendaOrder }];
    await transitionCase(tx, meta, actor, c, 'decide', { at: now, changes: { decidedAt: now, agendaOrder: next, statusReason: null } });
    const attendees = await participantsOf(tx, m.id, { checkedInOnly: true });
    const patientSummary =
      input.patientSummary ??
      patientSummaryZh({
        tumorGroup: m.tumorGroup,
        meetingDate: wallClock(m.startsAt, timeZone).date,
        specialties: [...new Set(attendees.map((a) => a.specialty))],
        intent: input.intent,
        items: input.items,
        responsibleName,
      });
    const who = { createdAt: now, updatedAt: now, createdBy: actor.userId, updatedBy: actor.userId };
    const [rec] = await tx
      .insert(mdtRecommendations)
      .values({
        caseId,
        intent: input.intent,
        summary: input.summary ?? null,
        ...guidelineOf(input),
        deviationReason: input.deviationReason ?? null,
        consensus: input.consensus,
        dissent: input.dissent.map((d) => ({ name: d.name ?? null, specialty: d.specialty ?? null, view: d.view })),
        executingSpecialty: input.executingSpecialty ?? null,
        responsibleUserId,
        responsibleName,
        patientSummary,
        decidedAt: now,
        decidedOn: today,
        decidedBy: actor.userId,
        ...who,
      })
      .returning({ id: mdtRecommendations.id });
    await tx.insert(mdtPlanItems).values(
      input.items.map((it, i) => ({
        recommendationId: rec!.id,
        caseId,
        patientId: c.patientId,
        position: i + 1,
        kind: it.kind,
        detail: it.detail ?? null,
        approach: it.approach ?? null,
        timing: it.timing ?? null,
        requiresAdmission: it.requiresAdmission,
        dueDate: it.dueDate,
        ...who,
      })),
    );
    await recordAudit(tx, meta, actor, {
      action: 'mdt.recommendation.record',
      outcome: 'success',
      resourceType: 'mdt_case',
      resourceId: caseId,
      patientId: c.patientId,
      details: {
        recommendationId: rec!.id,
        intent: input.intent,
        consensus: input.consensus,
        items: input.items.map((i) => ({ kind: i.kind, dueDate: i.dueDate })),
      },
    });
    return (await loadRecommendation(tx, caseId, today))!;
  });
}
