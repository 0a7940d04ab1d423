import type { UseCaseContext } from '../../core/context.js';
import type { Close } from '@gisurg/contracts/consultations';
import { withConsultation } from './act.js';
import { transitionConsultation } from './transitions.js';

/** The asking hospital closes an answered consultation with the three-question survey (required: 400 without). */
export async function closeConsultation(ctx: UseCaseContext, id: string, input: Close): Promise<{ status: 'closed' }> {
  return withConsultation(ctx, id, async (tx, row, now) => {
    await transitionConsultation(tx, ctx.meta, ctx.actor, row, 'close', {
      at: now,
      changes: {
        closedAt: now,
        surveyReferralAvoided: input.survey.referralAvoided,
        surveyWillFollowAdvice: input.survey.willFollowAdvice,
        surveyEducational: input.survey.educational,
      },
      details: { survey: input.survey },
    });
    return { status: 'closed' as const };
  });
}
