import { and, eq } from 'drizzle-orm';
import type { FollowUpGuideline } from '@gisurg/clinical';
import type { AdjustPlanSchema } from '@gisurg/contracts/followup';
import type { z } from 'zod';
import { AppError, notFound } from '../../core/app-error.js';
import type { UseCaseContext } from '../../core/context.js';
import { invalidField } from '../../core/validation.js';
import { followUpPlans, patients } from '../../db/schema/index.js';
import { patientScope } from '../patients/index.js';
import { regenerate } from './plans.js';

const GUIDELINE_SITE: Record<FollowUpGuideline, string> = {
  'nccn-colon': 'colorectal',
  'china-2023-colorectal': 'colorectal',
  'csco-gastric': 'stomach',
  'nccn-gastric': 'stomach',
};

/** A doctor changes a plan's guideline, interval choice or start date, with a reason; planned items are rebuilt. */
export async function adjustPlan(
  ctx: UseCaseContext,
  planId: string,
  input: z.output<typeof AdjustPlanSchema>,
): Promise<{ id: string; items: number }> {
  const { actor, meta, locale, clock } = ctx;
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .select({ plan: followUpPlans })
      .from(followUpPlans)
      .innerJoin(patients, eq(patients.id, followUpPlans.patientId))
      .where(and(eq(followUpPlans.id, planId), patientScope(actor)))
      .limit(1)
      .for('update');
    if (!row) throw notFound();
    const plan = row.plan;
    if (plan.version !== input.version) throw new AppError('CONFLICT', 'errors.stale', { currentVersion: plan.version });
    if (input.guideline && GUIDELINE_SITE[input.guideline] !== plan.site)
      throw invalidField(locale, 'guideline', 'followup.validation.guidelineSite');
    const change = {
      ...(input.guideline ? { guideline: input.guideline } : {}),
      ...(input.intervalChoice ? { intervalChoice: input.intervalChoice } : {}),
      ...(input.startDate ? { startDate: input.startDate } : {}),
    };
    const n = await regenerate({ tx, meta, actor, now: clock.now() }, plan, { ...change }, 'followup.plan.adjust', {
      reason: input.reason,
    });
    if (n === null) throw invalidField(locale, 'guideline', 'followup.validation.notCovered');
    await tx
      .update(followUpPlans)
      .set({ ...change, adjustReason: input.reason, version: plan.version + 1, updatedAt: clock.now(), updatedBy: actor.userId })
      .where(eq(followUpPlans.id, plan.id));
    return { id: plan.id, items: n };
  });
}
