import { and, asc, eq, inArray, isNull, max, sql } from 'drizzle-orm';
import { followUpPlan, isClinicalInputError, stageMainGroup, type FollowUpGuideline, type IntervalChoice } from '@gisurg/clinical';
import type { Actor } from '../../auth/actor.js';
import { recordAudit } from '../../audit/record.js';
import type { RequestMeta } from '../../core/context.js';
import { followUpItems, followUpPlans, oncologyDiagnoses, operations, pathologyReports } from '../../db/schema/index.js';
import type { Db } from '../../db/types.js';

/** Diagnosis sites the follow-up guidelines of @gisurg/clinical cover, and the plan site they map to. */
export const PLAN_SITE: Readonly<Record<string, 'colorectal' | 'stomach'>> = {
  colon: 'colorectal',
  rectum: 'colorectal',
  stomach: 'stomach',
};
/** The department's default guideline per site (docs/follow-up.md). */
export const DEFAULT_GUIDELINE: Readonly<Record<'colorectal' | 'stomach', FollowUpGuideline>> = {
  colorectal: 'china-2023-colorectal',
  stomach: 'csco-gastric',
};
export const DEFAULT_INTERVAL: IntervalChoice = 'lower';

export type PlanRow = typeof followUpPlans.$inferSelect;

/** The stage a plan is built on: the pathological stage when known, else the clinical stage. */
function planStage(pathological: string | null | undefined, clinical: string | null): string | null {
  for (const s of [pathological, clinical]) if (s && stageMainGroup(s.trim().toUpperCase()) !== null) return s;
  return null;
}

/** followUpPlan, or null when the guideline does not cover the case (stage unknown, stage IV for NCCN gastric…). */
export function planItems(input: {
  site: 'colorectal' | 'stomach';
  stage: string;
  startDate: string;
  guideline: FollowUpGuideline;
  intervalChoice: IntervalChoice;
  rectal: boolean;
  neoadjuvant: boolean;
}) {
  try {
    return followUpPlan({
      site: input.site,
      stage: input.stage,
      surgeryDate: input.startDate,
      guideline: input.guideline,
      intervalChoice: input.intervalChoice,
      rectal: input.rectal,
      neoadjuvant: input.neoadjuvant,
    });
  } catch (e) {
    if (isClinicalInputError(e)) return null;
    throw e;
  }
}

interface Ctx {
  tx: Db;
  meta: RequestMeta;
  actor: Actor | null;
  now: Date;
}

/**
 * Creates (or, for a plan nobody adjusted, refreshes) the follow-up plan of every operated cancer diagnosis of
 * the patient: site colon/rectum/stomach, first curative operation of that diagnosis, stage from its
 * pathology (else clinical). Called on `discharged` and `pathology_recorded`; idempotent.
 */
export async function ensurePlans(ctx: Ctx, patientId: string): Promise<void> {
  const { tx } = ctx;
  const rows = await tx
    .select({ d: oncologyDiagnoses, op: operations, pStage: pathologyReports.pathologicalStage, neo: pathologyReports.neoadjuvant })
    .from(oncologyDiagnoses)
    .innerJoin(
      operations,
      and(
        eq(operations.patientId, oncologyDiagnoses.patientId),
        eq(operations.diagnosisId, oncologyDiagnoses.id),
        isNull(operations.deletedAt),
      ),
    )
    .leftJoin(pathologyReports, and(eq(pathologyReports.operationId, operations.id), isNull(pathologyReports.deletedAt)))
    .where(
      and(
        eq(oncologyDiagnoses.patientId, patientId),
        isNull(oncologyDiagnoses.deletedAt),
        inArray(oncologyDiagnoses.site, Object.keys(PLAN_SITE)),
        eq(operations.intent, 'curative'),
      ),
    )
    .orderBy(asc(operations.operationDate), asc(operations.createdAt));
  const seen = new Set<string>();
  for (const r of rows) {
    if (seen.has(r.d.id)) continue;
    seen.add(r.d.id);
    const site = PLAN_SITE[r.d.site]!;
    const stage = planStage(r.pStage, r.d.clinicalStage);
    if (stage === null) continue;
    const [existing] = await tx.select().from(followUpPlans).where(eq(followUpPlans.diagnosisId, r.d.id)).limit(1);
    if (existing) {
      if (existing.adjustReason !== null || existing.stage === stage) continue;
      if ((await regenerate(ctx, existing, { stage }, 'followup.plan.refresh')) !== null)
        await tx
          .update(followUpPlans)
          .set({ stage, version: existing.version + 1, updatedAt: ctx.now })
          .where(eq(followUpPlans.id, existing.id));
      continue;
    }
    const guideline = DEFAULT_GUIDELINE[site];
    const items = planItems({
      site,
      stage,
      startDate: r.op.operationDate,
      guideline,
      intervalChoice: DEFAULT_INTERVAL,
      rectal: r.d.site === 'rectum',
      neoadjuvant: r.neo ?? false,
    });
    if (!items) continue;
    const [plan] = await tx
      .insert(followUpPlans)
      .values({
        patientId,
        diagnosisId: r.d.id,
        operationId: r.op.id,
        site,
        stage,
        guideline,
        intervalChoice: DEFAULT_INTERVAL,
        startDate: r.op.operationDate,
        createdBy: ctx.actor?.userId ?? null,
        updatedBy: ctx.actor?.userId ?? null,
      })
      .returning();
    await insertItems(tx, plan!.id, patientId, items);
    await recordAudit(tx, ctx.meta, ctx.actor, {
      action: 'followup.plan.create',
      outcome: 'success',
      resourceType: 'follow_up_plan',
      resourceId: plan!.id,
      patientId,
      details: { guideline, stage, items: items.length },
    });
  }
}

/**
 * A plan's items in one INSERT whatever their number: each column one text array, unnested — one statement text,
 * prepared once, where a VALUES list of a plan's ~50 items was a new statement of ~300 parameters each time
 * (issue 18: a second of the first start's demo seed on the embedded database).
 */
async function insertItems(tx: Db, planId: string, patientId: string, items: NonNullable<ReturnType<typeof planItems>>): Promise<void> {
  if (items.length === 0) return;
  const column = (f: (i: (typeof items)[number]) => string | null) => sql`${sql.param(items.map(f))}::text[]`;
  await tx.execute(sql`insert into ${followUpItems} (plan_id, patient_id, due_date, months_after_surgery, kind, note)
    select ${planId}::uuid, ${patientId}::uuid, v.due_date::date, v.months::integer, v.kind, v.note::jsonb
    from unnest(${column((i) => i.dueDate)}, ${column((i) => String(i.monthsAfterSurgery))}, ${column((i) => i.kind)},
      ${column((i) => (i.note ? JSON.stringify({ zh: i.note.zh, en: i.note.en }) : null))}) as v(due_date, months, kind, note)`);
}

/**
 * Rebuilds the planned (not yet done or cancelled) items of a plan with new settings. Items on or before
 * the last completed one stay as they are.
 */
export async function regenerate(
  ctx: Ctx,
  plan: PlanRow,
  change: { stage?: string; guideline?: FollowUpGuideline; intervalChoice?: IntervalChoice; startDate?: string },
  action: string,
  details: Record<string, unknown> = {},
): Promise<number | null> {
  const { tx } = ctx;
  const [d] = await tx.select().from(oncologyDiagnoses).where(eq(oncologyDiagnoses.id, plan.diagnosisId)).limit(1);
  const [path] = await tx
    .select({ neo: pathologyReports.neoadjuvant })
    .from(pathologyReports)
    .where(and(eq(pathologyReports.operationId, plan.operationId), isNull(pathologyReports.deletedAt)))
    .limit(1);
  const next = {
    site: plan.site as 'colorectal' | 'stomach',
    stage: change.stage ?? plan.stage,
    startDate: change.startDate ?? plan.startDate,
    guideline: change.guideline ?? (plan.guideline as FollowUpGuideline),
    intervalChoice: change.intervalChoice ?? (plan.intervalChoice as IntervalChoice),
  };
  const items = planItems({ ...next, rectal: d?.site === 'rectum', neoadjuvant: path?.neo ?? false });
  if (!items) return null;
  const [last] = await tx
    .select({ at: max(followUpItems.dueDate) })
    .from(followUpItems)
    .where(and(eq(followUpItems.planId, plan.id), sql`${followUpItems.status} <> 'planned'`));
  const after = last?.at ?? null;
  await tx.delete(followUpItems).where(and(eq(followUpItems.planId, plan.id), eq(followUpItems.status, 'planned')));
  const fresh = items.filter((i) => after === null || i.dueDate > after);
  await insertItems(tx, plan.id, plan.patientId, fresh);
  await recordAudit(tx, ctx.meta, ctx.actor, {
    action,
    outcome: 'success',
    resourceType: 'follow_up_plan',
    resourceId: plan.id,
    patientId: plan.patientId,
    details: { ...change, ...details, items: fresh.length },
  });
  return fresh.length;
}
