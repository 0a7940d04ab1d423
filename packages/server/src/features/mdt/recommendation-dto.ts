import { asc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { mdtPlanItems, mdtRecommendations, users } from '../../db/schema/index.js';
import type { Db } from '../../db/types.js';
import { toItemDto } from './queries.js';
import type { RecommendationDto } from '@gisurg/contracts/mdt';

const decider = alias(users, 'decider');
type Dissent = RecommendationDto['dissent'];

/** The recommendation of a case with its tracked items, or null before the board decided. */
export async function loadRecommendation(db: Db, caseId: string, today: string): Promise<RecommendationDto | null> {
  const [row] = await db
    .select({ r: mdtRecommendations, deciderName: decider.displayName })
    .from(mdtRecommendations)
    .innerJoin(decider, eq(decider.id, mdtRecommendations.decidedBy))
    .where(eq(mdtRecommendations.caseId, caseId))
    .limit(1);
  if (!row) return null;
  const r = row.r;
  const items = await db.select().from(mdtPlanItems).where(eq(mdtPlanItems.recommendationId, r.id)).orderBy(asc(mdtPlanItems.position));
  return {
    id: r.id,
    version: r.version,
    caseId: r.caseId,
    intent: r.intent,
    summary: r.summary,
    guideline: r.guideline,
    guidelineVersion: r.guidelineVersion,
    deviationReason: r.deviationReason,
    consensus: r.consensus,
    dissent: (r.dissent as Dissent).map((d) => ({ name: d.name ?? null, specialty: d.specialty ?? null, view: d.view })),
    executingSpecialty: r.executingSpecialty,
    responsible: r.responsibleName ? { userId: r.responsibleUserId, name: r.responsibleName } : null,
    patientSummary: r.patientSummary,
    decidedAt: r.decidedAt.toISOString(),
    decidedOn: r.decidedOn,
    decidedBy: { id: r.decidedBy, name: row.deciderName },
    items: items.map((i) => toItemDto(i, today)),
  };
}
