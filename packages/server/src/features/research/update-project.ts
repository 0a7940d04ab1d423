import type { UpdateProjectBodySchema } from '@gisurg/contracts/research';
import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { recordAudit } from '../../audit/record.js';
import { AppError } from '../../core/app-error.js';
import type { UseCaseContext } from '../../core/context.js';
import { fieldIssue, validationError } from '../../core/validation.js';
import { researchProjects } from '../../db/schema/index.js';
import { checkPiUser, requireProject } from './queries.js';

export type UpdateProjectInput = z.output<typeof UpdateProjectBodySchema>;

/** PATCH /api/research/projects/:id: edit the project, ethics, members, k or the saved cohort query (optimistic version). */
export async function updateProject(ctx: UseCaseContext, id: string, input: UpdateProjectInput): Promise<{ id: string; version: number }> {
  return ctx.db.transaction(async (tx) => {
    const cur = await requireProject(tx, ctx.actor, id, { forUpdate: true });
    if (cur.version !== input.version) throw new AppError('CONFLICT', 'errors.stale', { currentVersion: cur.version });
    const startDate = input.startDate ?? cur.startDate;
    const endDate = input.endDate ?? cur.endDate;
    if (endDate < startDate) throw validationError([fieldIssue(ctx.locale, 'endDate', 'research.validation.period')]);
    await checkPiUser(tx, ctx.actor, ctx.locale, input.piUserId);
    const set: Partial<typeof researchProjects.$inferInsert> = {};
    if (input.title !== undefined) set.title = input.title;
    if (input.funder !== undefined) set.funder = input.funder;
    if (input.grantNo !== undefined) set.grantNo = input.grantNo;
    if (input.startDate !== undefined) set.startDate = input.startDate;
    if (input.endDate !== undefined) set.endDate = input.endDate;
    if (input.piName !== undefined) set.piName = input.piName;
    if (input.piUserId !== undefined) set.piUserId = input.piUserId;
    if (input.budgetYuan !== undefined) set.budgetYuan = input.budgetYuan;
    if (input.kThreshold !== undefined) set.kThreshold = input.kThreshold;
    if (input.members !== undefined) set.members = input.members.map((m) => ({ name: m.name, role: m.role, userId: m.userId ?? null }));
    if (input.cohortCriteria !== undefined) set.cohortCriteria = input.cohortCriteria;
    if (input.ethics !== undefined) {
      set.ethicsCommittee = input.ethics?.committee ?? null;
      set.ethicsNumber = input.ethics?.number ?? null;
      set.ethicsApprovedOn = input.ethics?.approvedOn ?? null;
      set.ethicsExpiresOn = input.ethics?.expiresOn ?? null;
    }
    const [row] = await tx
      .update(researchProjects)
      .set({ ...set, updatedAt: sql`now()`, updatedBy: ctx.actor.userId, version: sql`${researchProjects.version} + 1` })
      .where(and(eq(researchProjects.id, id), eq(researchProjects.version, input.version)))
      .returning({ version: researchProjects.version });
    if (!row) throw new AppError('CONFLICT', 'errors.stale', { currentVersion: cur.version });
    await recordAudit(tx, ctx.meta, ctx.actor, {
      action: 'research.project.update',
      outcome: 'success',
      resourceType: 'research_project',
      resourceId: id,
      details: { fields: Object.keys(set) },
    });
    return { id, version: row.version };
  });
}
