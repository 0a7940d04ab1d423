import { todayIn } from '@gisurg/contracts';
import type { Candidate, CohortCriteria, CohortPreview } from '@gisurg/contracts/research';
import { CohortCriteriaSchema } from '@gisurg/contracts/research';
import { asc, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../audit/record.js';
import { AppError } from '../../core/app-error.js';
import type { UseCaseContext } from '../../core/context.js';
import { patients, researchCohortMembers, researchParticipants, researchProjects } from '../../db/schema/index.js';
import { pseudonym } from './deidentify.js';
import { matchCohort, requireProject, stageGroup } from './queries.js';

function counts(values: (string | null)[]): { key: string; count: number }[] {
  const m = new Map<string, number>();
  for (const v of values) m.set(v ?? 'unknown', (m.get(v ?? 'unknown') ?? 0) + 1);
  return [...m.entries()].map(([key, count]) => ({ key, count })).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

/** POST /api/research/cohort/preview: how many patients a query finds, with aggregates only (nobody is named). */
export async function previewCohort(ctx: UseCaseContext, criteria: CohortCriteria): Promise<CohortPreview> {
  const found = await matchCohort(ctx.db, ctx.actor.organizationId, criteria);
  await recordAudit(ctx.db, ctx.meta, ctx.actor, {
    action: 'research.cohort.preview',
    outcome: 'success',
    resourceType: 'research_cohort',
    details: { criteria, count: found.length },
  });
  return {
    count: found.length,
    bySite: counts(found.map((f) => f.site)),
    byStage: counts(found.map((f) => stageGroup(f.clinicalStage))),
    bySex: counts(found.map((f) => f.sex)),
  };
}

/**
 * POST /api/research/projects/:id/cohort/freeze: run the saved query (or the one given, which is saved) and
 * keep its result as the project's cohort list as of today; enrolment then works from that list.
 */
export async function freezeCohort(
  ctx: UseCaseContext,
  projectId: string,
  given: CohortCriteria | undefined,
): Promise<{ frozenOn: string; count: number }> {
  return ctx.db.transaction(async (tx) => {
    const p = await requireProject(tx, ctx.actor, projectId, { forUpdate: true });
    const parsed = given ?? (p.cohortCriteria ? CohortCriteriaSchema.safeParse(p.cohortCriteria).data : undefined);
    if (!parsed) throw new AppError('INVALID_STATE', 'research.errors.noCohortQuery');
    const found = await matchCohort(tx, ctx.actor.organizationId, parsed);
    const frozenOn = todayIn(ctx.timeZone, ctx.clock.now());
    await tx.delete(researchCohortMembers).where(eq(researchCohortMembers.projectId, projectId));
    if (found.length > 0) await tx.insert(researchCohortMembers).values(found.map((f) => ({ projectId, patientId: f.patientId })));
    await tx
      .update(researchProjects)
      .set({
        cohortCriteria: parsed,
        cohortFrozenOn: frozenOn,
        updatedAt: sql`now()`,
        updatedBy: ctx.actor.userId,
        version: sql`${researchProjects.version} + 1`,
      })
      .where(eq(researchProjects.id, projectId));
    await recordAudit(tx, ctx.meta, ctx.actor, {
      action: 'research.cohort.freeze',
      outcome: 'success',
      resourceType: 'research_project',
      resourceId: projectId,
      details: { criteria: parsed, count: found.length, frozenOn },
    });
    return { frozenOn, count: found.length };
  });
}

/**
 * GET /api/research/projects/:id/candidates: the frozen list with names and consent status, for the department
 * head who asks the patients and enrols them (identifiable: research:enrol; the read is audited per patient list).
 */
export async function listCandidates(ctx: UseCaseContext, projectId: string): Promise<{ frozenOn: string | null; items: Candidate[] }> {
  const p = await requireProject(ctx.db, ctx.actor, projectId);
  const rows = await ctx.db
    .select({
      patientId: patients.id,
      name: patients.name,
      inpatientNo: patients.inpatientNo,
      sex: patients.sex,
      birthDate: patients.birthDate,
      consentedOn: researchParticipants.consentObtainedOn,
      withdrawnOn: researchParticipants.withdrawnOn,
    })
    .from(researchCohortMembers)
    .innerJoin(patients, eq(patients.id, researchCohortMembers.patientId))
    .leftJoin(
      researchParticipants,
      sql`${researchParticipants.projectId} = ${researchCohortMembers.projectId} and ${researchParticipants.patientId} = ${patients.id}`,
    )
    .where(
      sql`${researchCohortMembers.projectId} = ${projectId} and ${patients.deletedAt} is null and ${patients.organizationId} = ${ctx.actor.organizationId}`,
    )
    .orderBy(asc(patients.name), asc(patients.id));
  await recordAudit(ctx.db, ctx.meta, ctx.actor, {
    action: 'research.cohort.candidates',
    outcome: 'success',
    resourceType: 'research_project',
    resourceId: projectId,
    details: { patientIds: rows.map((r) => r.patientId) },
  });
  return {
    frozenOn: p.cohortFrozenOn,
    items: rows.map((r) => ({
      patientId: r.patientId,
      name: r.name,
      inpatientNo: r.inpatientNo,
      sex: r.sex,
      birthYear: Number(r.birthDate.slice(0, 4)),
      pseudonym: r.consentedOn ? pseudonym(p.exportSecret, r.patientId) : null,
      consentedOn: r.consentedOn,
      withdrawnOn: r.withdrawnOn,
    })),
  };
}
