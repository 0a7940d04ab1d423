import { and, eq, gte, isNull, lte } from 'drizzle-orm';
import { researchOutputs, researchParticipants, researchProjects } from '../../db/schema/index.js';
import type { Db } from '../../db/types.js';

/**
 * The research of a period for the quality feature's annual report (counts only, no patient): grant
 * projects running in the period (start ≤ period end and end ≥ period start) by funder with their budget,
 * patients enrolled with consent in the period (and consenting at the period's end), outputs of the year.
 */
export interface ResearchPeriodSummary {
  projectsActive: number;
  byFunder: { funder: string; projects: number; budgetYuan: number }[];
  budgetYuan: number;
  /** Consents obtained in the period (withdrawals later in the period still count as enrolled). */
  enrolled: number;
  /** Patients consenting in active projects on the period's last day (not withdrawn by then). */
  consentingAtEnd: number;
  outputs: { paper: number; patent: number; award: number };
}

export async function researchPeriodSummary(
  db: Db,
  organizationId: string,
  period: { from: string; to: string },
): Promise<ResearchPeriodSummary> {
  const projects = await db
    .select({ id: researchProjects.id, funder: researchProjects.funder, budget: researchProjects.budgetYuan })
    .from(researchProjects)
    .where(
      and(
        eq(researchProjects.organizationId, organizationId),
        lte(researchProjects.startDate, period.to),
        gte(researchProjects.endDate, period.from),
      ),
    );
  const all = await db
    .select({
      projectId: researchParticipants.projectId,
      consentOn: researchParticipants.consentObtainedOn,
      withdrawnOn: researchParticipants.withdrawnOn,
    })
    .from(researchParticipants)
    .innerJoin(researchProjects, eq(researchProjects.id, researchParticipants.projectId))
    .where(eq(researchProjects.organizationId, organizationId));
  const outputs = await db
    .select({ kind: researchOutputs.kind })
    .from(researchOutputs)
    .innerJoin(researchProjects, eq(researchProjects.id, researchOutputs.projectId))
    .where(
      and(
        eq(researchProjects.organizationId, organizationId),
        isNull(researchOutputs.deletedAt),
        gte(researchOutputs.year, Number(period.from.slice(0, 4))),
        lte(researchOutputs.year, Number(period.to.slice(0, 4))),
      ),
    );
  const active = new Set(projects.map((p) => p.id));
  const funders = new Map<string, { funder: string; projects: number; budgetYuan: number }>();
  for (const p of projects) {
    const f = funders.get(p.funder) ?? { funder: p.funder, projects: 0, budgetYuan: 0 };
    f.projects += 1;
    f.budgetYuan += p.budget ?? 0;
    funders.set(p.funder, f);
  }
  const kinds = { paper: 0, patent: 0, award: 0 };
  for (const o of outputs) if (o.kind === 'paper' || o.kind === 'patent' || o.kind === 'award') kinds[o.kind] += 1;
  return {
    projectsActive: projects.length,
    byFunder: [...funders.values()].sort((a, b) => b.projects - a.projects || a.funder.localeCompare(b.funder)),
    budgetYuan: projects.reduce((s, p) => s + (p.budget ?? 0), 0),
    enrolled: all.filter((r) => r.consentOn >= period.from && r.consentOn <= period.to).length,
    consentingAtEnd: all.filter(
      (r) => active.has(r.projectId) && r.consentOn <= period.to && (r.withdrawnOn === null || r.withdrawnOn > period.to),
    ).length,
    outputs: kinds,
  };
}
