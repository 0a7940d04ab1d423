import type { CreateProjectBodySchema } from '@gisurg/contracts/research';
import type { z } from 'zod';
import { recordAudit } from '../../audit/record.js';
import type { UseCaseContext } from '../../core/context.js';
import { researchProjects } from '../../db/schema/index.js';
import { newProjectSecret } from './deidentify.js';
import { checkPiUser } from './queries.js';

export type CreateProjectInput = z.output<typeof CreateProjectBodySchema>;

/** POST /api/research/projects: a grant project of the actor's hospital with its pseudonym key. */
export async function createProject(ctx: UseCaseContext, input: CreateProjectInput): Promise<{ id: string }> {
  return ctx.db.transaction(async (tx) => {
    await checkPiUser(tx, ctx.actor, ctx.locale, input.piUserId);
    const [row] = await tx
      .insert(researchProjects)
      .values({
        organizationId: ctx.actor.organizationId,
        title: input.title,
        funder: input.funder,
        grantNo: input.grantNo,
        startDate: input.startDate,
        endDate: input.endDate,
        piName: input.piName ?? null,
        piUserId: input.piUserId ?? null,
        budgetYuan: input.budgetYuan ?? null,
        ethicsCommittee: input.ethics?.committee ?? null,
        ethicsNumber: input.ethics?.number ?? null,
        ethicsApprovedOn: input.ethics?.approvedOn ?? null,
        ethicsExpiresOn: input.ethics?.expiresOn ?? null,
        members: (input.members ?? []).map((m) => ({ name: m.name, role: m.role, userId: m.userId ?? null })),
        kThreshold: input.kThreshold ?? 5,
        exportSecret: newProjectSecret(),
        createdBy: ctx.actor.userId,
        updatedBy: ctx.actor.userId,
      })
      .returning({ id: researchProjects.id });
    await recordAudit(tx, ctx.meta, ctx.actor, {
      action: 'research.project.create',
      outcome: 'success',
      resourceType: 'research_project',
      resourceId: row!.id,
      details: { funder: input.funder, grantNo: input.grantNo },
    });
    return { id: row!.id };
  });
}
