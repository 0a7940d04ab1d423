import type { Project, ProjectSummary } from '@gisurg/contracts/research';
import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import { recordAudit } from '../../audit/record.js';
import type { UseCaseContext } from '../../core/context.js';
import { researchCohortMembers, researchOutputs, researchParticipants, researchProjects } from '../../db/schema/index.js';
import { inSequence } from '../../db/sql.js';
import { pseudonym } from './deidentify.js';
import { requireProject } from './queries.js';

/** GET /api/research/projects: the hospital's projects with consent and output counts. */
export async function listProjects(ctx: UseCaseContext): Promise<{ items: ProjectSummary[] }> {
  // The outer id written with its table: in a one-table select Drizzle prints ${researchProjects.id} as a bare
  // "id", which inside the subquery is the participant's own id (every project showed 0 consenting patients).
  const projectId = sql`${researchProjects}.${sql.identifier('id')}`;
  const rows = await ctx.db
    .select({
      p: researchProjects,
      consenting: sql<number>`(select count(*) from research_participants x where x.project_id = ${projectId} and x.withdrawn_on is null)::int`,
      withdrawn: sql<number>`(select count(*) from research_participants x where x.project_id = ${projectId} and x.withdrawn_on is not null)::int`,
      outputs: sql<number>`(select count(*) from research_outputs x where x.project_id = ${projectId} and x.deleted_at is null)::int`,
    })
    .from(researchProjects)
    .where(eq(researchProjects.organizationId, ctx.actor.organizationId))
    .orderBy(desc(researchProjects.startDate), asc(researchProjects.title));
  return {
    items: rows.map(({ p, consenting, withdrawn, outputs }) => ({
      id: p.id,
      title: p.title,
      funder: p.funder as ProjectSummary['funder'],
      grantNo: p.grantNo,
      startDate: p.startDate,
      endDate: p.endDate,
      piName: p.piName,
      ethicsNumber: p.ethicsNumber,
      ethicsExpiresOn: p.ethicsExpiresOn,
      consenting: Number(consenting),
      withdrawn: Number(withdrawn),
      outputs: Number(outputs),
    })),
  };
}

/** GET /api/research/projects/:id: the project; participants appear by pseudonym only. */
export async function getProject(ctx: UseCaseContext, id: string): Promise<Project> {
  const p = await requireProject(ctx.db, ctx.actor, id);
  const [participants, outputs, cohort] = await inSequence([
    () =>
      ctx.db
        .select()
        .from(researchParticipants)
        .where(eq(researchParticipants.projectId, id))
        .orderBy(asc(researchParticipants.consentObtainedOn), asc(researchParticipants.createdAt)),
    () =>
      ctx.db
        .select()
        .from(researchOutputs)
        .where(and(eq(researchOutputs.projectId, id), isNull(researchOutputs.deletedAt)))
        .orderBy(desc(researchOutputs.year), asc(researchOutputs.title)),
    () =>
      ctx.db
        .select({ n: sql<number>`count(*)::int` })
        .from(researchCohortMembers)
        .where(eq(researchCohortMembers.projectId, id)),
  ]);
  await recordAudit(ctx.db, ctx.meta, ctx.actor, {
    action: 'research.project.read',
    outcome: 'success',
    resourceType: 'research_project',
    resourceId: id,
  });
  return {
    id: p.id,
    version: p.version,
    title: p.title,
    funder: p.funder as Project['funder'],
    grantNo: p.grantNo,
    startDate: p.startDate,
    endDate: p.endDate,
    piName: p.piName,
    piUserId: p.piUserId,
    budgetYuan: p.budgetYuan,
    ethics:
      p.ethicsCommittee && p.ethicsNumber && p.ethicsApprovedOn
        ? { committee: p.ethicsCommittee, number: p.ethicsNumber, approvedOn: p.ethicsApprovedOn, expiresOn: p.ethicsExpiresOn }
        : null,
    members: p.members.map((m) => ({ name: m.name, role: m.role as Project['members'][number]['role'], userId: m.userId ?? null })),
    kThreshold: p.kThreshold,
    cohortCriteria: p.cohortCriteria ?? null,
    cohortFrozenOn: p.cohortFrozenOn,
    cohortSize: Number(cohort[0]?.n ?? 0),
    participants: participants.map((r) => ({
      pseudonym: pseudonym(p.exportSecret, r.patientId),
      consentedOn: r.consentObtainedOn,
      withdrawnOn: r.withdrawnOn,
    })),
    outputs: outputs.map((o) => ({
      id: o.id,
      kind: o.kind as Project['outputs'][number]['kind'],
      title: o.title,
      year: o.year,
      doi: o.doi,
      reference: o.reference,
    })),
  };
}
