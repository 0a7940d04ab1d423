import type { UseCaseContext } from '../../core/context.js';
import type { MessageBody } from '@gisurg/contracts/consultations';
import { withConsultation } from './act.js';
import { transitionConsultation } from './transitions.js';

/** The asking hospital adds the information the expert asked for; the consultation goes back to the expert. */
export async function replyInformation(ctx: UseCaseContext, id: string, input: MessageBody): Promise<{ status: 'assigned' }> {
  return withConsultation(ctx, id, async (tx, row, now) => {
    await transitionConsultation(tx, ctx.meta, ctx.actor, row, 'reply', { at: now, message: { kind: 'reply', body: input.body } });
    return { status: 'assigned' as const };
  });
}
