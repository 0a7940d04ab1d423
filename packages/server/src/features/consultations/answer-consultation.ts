import { can } from '../../auth/actor.js';
import { AppError } from '../../core/app-error.js';
import type { UseCaseContext } from '../../core/context.js';
import type { Answer } from '@gisurg/contracts/consultations';
import { withConsultation } from './act.js';
import type { ConsultationRow } from './queries.js';
import { transitionConsultation } from './transitions.js';

/** Only the assigned expert answers or asks for information; a coordinating head (consultation:manage) may step in. */
export function checkAnswerer(ctx: UseCaseContext, row: ConsultationRow): void {
  if (row.expertId === ctx.actor.userId || can(ctx.actor, 'consultation:manage')) return;
  // A closed or answered one is a state problem whoever asks.
  if (row.status === 'answered' || row.status === 'closed')
    throw new AppError('INVALID_STATE', 'errors.invalidState', { entity: 'consultation', action: 'answer', from: row.status });
  throw new AppError('FORBIDDEN', 'consultations.errors.notYourConsultation');
}

/** The expert's structured answer: advice and recommendation (manage locally, MDT, transfer). 409 once answered or closed. */
export async function answerConsultation(
  ctx: UseCaseContext,
  id: string,
  input: Answer,
): Promise<{ status: 'answered'; answeredAt: string }> {
  return withConsultation(ctx, id, async (tx, row, now) => {
    checkAnswerer(ctx, row);
    await transitionConsultation(tx, ctx.meta, ctx.actor, row, 'answer', {
      at: now,
      changes: { advice: input.advice, recommendation: input.recommendation, answeredAt: now, answeredBy: ctx.actor.userId },
      message: { kind: 'answer', body: input.advice },
      details: { recommendation: input.recommendation, withinDeadline: now.getTime() <= row.dueAt.getTime() },
    });
    return { status: 'answered' as const, answeredAt: now.toISOString() };
  });
}
