import { and, eq } from 'drizzle-orm';
import { can } from '../../auth/actor.js';
import { diff, recordAudit } from '../../audit/record.js';
import { mdtCases } from '../../db/schema/index.js';
import { AppError, notFound } from '../../core/app-error.js';
import type { UseCaseContext } from '../../core/context.js';
import { todayIn } from '@gisurg/contracts';
import { buildCaseDetail } from './get-case.js';
import { findVisibleCase, recordCaseEvent } from './queries.js';
import type { CaseDetailDto, UpdateCase } from '@gisurg/contracts/mdt';

const EDITABLE = ['question', 'summary', 'urgency', 'presentingSpecialty'] as const;

/**
 * Edit a submission before the board decides (the submitting hospital or the coordinator), with
 * optimistic concurrency. Home doctors may edit home submissions; external doctors their hospital's.
 */
export async function updateCase(ctx: UseCaseContext, id: string, input: UpdateCase): Promise<CaseDetailDto> {
  const { db, actor, meta, clock, timeZone } = ctx;
  return db.transaction(async (tx) => {
    const found = await findVisibleCase(tx, actor, id);
    if (!found) throw notFound();
    const { c } = found;
    if (!can(actor, 'mdt:manage') && c.submittingOrganizationId !== actor.organizationId) throw notFound();
    if (!['submitted', 'scheduled', 'deferred'].includes(c.status)) throw new AppError('INVALID_STATE', 'mdt.errors.caseLocked');
    const now = clock.now();
    const [row] = await tx
      .update(mdtCases)
      .set({
        ...(input.question !== undefined ? { question: input.question } : {}),
        ...(input.summary !== undefined ? { summary: input.summary } : {}),
        ...(input.urgency !== undefined ? { urgency: input.urgency } : {}),
        ...(input.presentingSpecialty !== undefined ? { presentingSpecialty: input.presentingSpecialty } : {}),
        version: input.version + 1,
        updatedAt: now,
        updatedBy: actor.userId,
      })
      .where(and(eq(mdtCases.id, id), eq(mdtCases.version, input.version), eq(mdtCases.status, c.status)))
      .returning();
    if (!row) throw new AppError('CONFLICT', 'errors.stale', { currentVersion: c.version });
    // Field names only: the question and summary are free clinical text, which audit rows do not copy.
    const fields = Object.keys(diff(c, row, EDITABLE));
    await recordCaseEvent(tx, { caseId: id, at: now, action: 'edit', actorId: actor.userId, note: fields.join(', ') || null });
    await recordAudit(tx, meta, actor, {
      action: 'mdt.case.update',
      outcome: 'success',
      resourceType: 'mdt_case',
      resourceId: id,
      patientId: c.patientId,
      details: { version: row.version, fields },
    });
    return buildCaseDetail(tx, actor, id, todayIn(timeZone, now));
  });
}
