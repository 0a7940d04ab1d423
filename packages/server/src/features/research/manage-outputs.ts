import type { OutputBodySchema } from '@gisurg/contracts/research';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { recordAudit } from '../../audit/record.js';
import { notFound } from '../../core/app-error.js';
import type { UseCaseContext } from '../../core/context.js';
import { researchOutputs, researchProjects } from '../../db/schema/index.js';
import { requireProject } from './queries.js';

/** POST /api/research/projects/:id/outputs: a paper (with DOI), patent or award of the project. */
export async function addOutput(ctx: UseCaseContext, projectId: string, input: z.output<typeof OutputBodySchema>): Promise<{ id: string }> {
  return ctx.db.transaction(async (tx) => {
    await requireProject(tx, ctx.actor, projectId);
    const [row] = await tx
      .insert(researchOutputs)
      .values({
        projectId,
        kind: input.kind,
        title: input.title,
        year: input.year,
        doi: input.doi ?? null,
        reference: input.reference ?? null,
        createdBy: ctx.actor.userId,
        updatedBy: ctx.actor.userId,
      })
      .returning({ id: researchOutputs.id });
    await recordAudit(tx, ctx.meta, ctx.actor, {
      action: 'research.output.create',
      outcome: 'success',
      resourceType: 'research_output',
      resourceId: row!.id,
      details: { projectId, kind: input.kind },
    });
    return { id: row!.id };
  });
}

/** DELETE /api/research/outputs/:id: remove an output recorded by mistake (kept, marked deleted). */
export async function deleteOutput(ctx: UseCaseContext, id: string): Promise<{ id: string }> {
  return ctx.db.transaction(async (tx) => {
    const own = tx
      .select({ id: researchProjects.id })
      .from(researchProjects)
      .where(eq(researchProjects.organizationId, ctx.actor.organizationId));
    const [row] = await tx
      .update(researchOutputs)
      .set({ deletedAt: sql`now()`, updatedBy: ctx.actor.userId, updatedAt: sql`now()` })
      .where(and(eq(researchOutputs.id, id), isNull(researchOutputs.deletedAt), inArray(researchOutputs.projectId, own)))
      .returning({ projectId: researchOutputs.projectId });
    if (!row) throw notFound();
    await recordAudit(tx, ctx.meta, ctx.actor, {
      action: 'research.output.delete',
      outcome: 'success',
      resourceType: 'research_output',
      resourceId: id,
      details: { projectId: row.projectId },
    });
    return { id };
  });
}
