import { and, eq } from 'drizzle-orm';
import { diff, recordAudit } from '../../audit/record.js';
import { mdtRecommendations } from '../../db/schema/index.js';
import { AppError, notFound } from '../../core/app-error.js';
import type { UseCaseContext } from '../../core/context.js';
import { invalidField } from '../../core/validation.js';
import { todayIn } from '@gisurg/contracts';
import { checkHomeUser } from './create-meeting.js';
import { findActiveUser, findVisibleCase, recordCaseEvent } from './queries.js';
import { loadRecommendation } from './recommendation-dto.js';
import type { RecommendationDto, UpdateRecommendation } from '@gisurg/contracts/mdt';

const EDITABLE = ['guideline', 'guidelineVersion', 'consensus', 'executingSpecialty', 'responsibleUserId', 'responsibleName'] as const;

/**
 * Amend the recommendation's text (guideline, dissent, summaries, responsible doctor) with optimistic
 * concurrency. Plan items are not edited here: each is closed as delivered or not delivered.
 */
export async function updateRecommendation(ctx: UseCaseContext, caseId: string, input: UpdateRecommendation): Promise<RecommendationDto> {
  const { db, actor, meta, locale, clock, timeZone } = ctx;
  const responsibleUserId =
    input.responsibleUserId === undefined
      ? undefined
      : await checkHomeUser(db, locale, 'responsibleUserId', input.responsibleUserId, actor.organizationId);
  const responsibleName =
    input.responsibleName !== undefined
      ? input.responsibleName
      : responsibleUserId
        ? ((await findActiveUser(db, responsibleUserId))?.displayName ?? null)
        : undefined;
  return db.transaction(async (tx) => {
    const found = await findVisibleCase(tx, actor, caseId);
    if (!found) throw notFound();
    const [current] = await tx.select().from(mdtRecommendations).where(eq(mdtRecommendations.caseId, caseId));
    if (!current) throw new AppError('INVALID_STATE', 'mdt.errors.notDecided');
    const consensus = input.consensus ?? current.consensus;
    const dissent = input.dissent ?? (current.dissent as unknown[]);
    if (!consensus && dissent.length === 0) throw invalidField(locale, 'dissent', 'mdt.validation.dissentRequired');
    const now = clock.now();
    const set = Object.fromEntries(
      Object.entries({
        summary: input.summary,
        guideline: input.guideline,
        guidelineVersion: input.guidelineVersion,
        deviationReason: input.deviationReason,
        consensus: input.consensus,
        dissent: input.dissent?.map((d) => ({ name: d.name ?? null, specialty: d.specialty ?? null, view: d.view })),
        executingSpecialty: input.executingSpecialty,
        responsibleUserId,
        responsibleName,
        patientSummary: input.patientSummary ?? undefined,
      }).filter(([, v]) => v !== undefined),
    );
    const [row] = await tx
      .update(mdtRecommendations)
      .set({ ...set, version: input.version + 1, updatedAt: now, updatedBy: actor.userId })
      .where(and(eq(mdtRecommendations.id, current.id), eq(mdtRecommendations.version, input.version)))
      .returning();
    if (!row) throw new AppError('CONFLICT', 'errors.stale', { currentVersion: current.version });
    const fields = Object.keys(set);
    await recordCaseEvent(tx, { caseId, at: now, action: 'amend_recommendation', actorId: actor.userId, note: fields.join(', ') });
    await recordAudit(tx, meta, actor, {
      action: 'mdt.recommendation.update',
      outcome: 'success',
      resourceType: 'mdt_case',
      resourceId: caseId,
      patientId: found.c.patientId,
      details: { version: row.version, fields, changes: diff(current, row, EDITABLE) },
    });
    return (await loadRecommendation(tx, caseId, todayIn(timeZone, now)))!;
  });
}
