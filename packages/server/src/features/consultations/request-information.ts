import type { UseCaseContext } from '../../core/context.js';
import type { MessageBody } from '@gisurg/contracts/consultations';
import { withConsultation } from './act.js';
import { checkAnswerer } from './answer-consultation.js';
import { transitionConsultation } from './transitions.js';

/** The expert asks the primary doctor for more information (the clock keeps running). */
export async function requestInformation(ctx: UseCaseContext, id: string, input: MessageBody): Promise<{ status: 'info_requested' }> {
  return withConsultation(ctx, id, async (tx, row, now) => {
    checkAnswerer(ctx, row);
    await transitionConsultation(tx, ctx.meta, ctx.actor, row, 'request_info', {
      at: now,
      message: { kind: 'info_request', body: input.body },
    });
    return { status: 'info_requested' as const };
  });
}
