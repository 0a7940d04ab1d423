import { and, eq, inArray, isNull } from 'drizzle-orm';
import { users } from '../../db/schema/index.js';
import type { UseCaseContext } from '../../core/context.js';
import { invalidField } from '../../core/validation.js';
import type { Assign } from '@gisurg/contracts/consultations';
import { withConsultation } from './act.js';
import { transitionConsultation } from './transitions.js';

/** Roles that may be assigned as the answering expert (home hospital). */
export const EXPERT_ROLES = ['surgeon', 'department_head'] as const;

/** Assign (or reassign) the answering expert: an active surgeon or department head of the home hospital. */
export async function assignExpert(ctx: UseCaseContext, id: string, input: Assign): Promise<{ status: 'assigned' }> {
  const { actor, meta, locale } = ctx;
  return withConsultation(ctx, id, async (tx, row, now) => {
    const [expert] = await tx
      .select({ id: users.id })
      .from(users)
      .where(
        and(
          eq(users.id, input.expertId),
          eq(users.organizationId, actor.organizationId),
          inArray(users.role, [...EXPERT_ROLES]),
          isNull(users.disabledAt),
        ),
      );
    if (!expert) throw invalidField(locale, 'expertId', 'consultations.validation.expertUnknown');
    await transitionConsultation(tx, meta, actor, row, 'assign', {
      at: now,
      changes: { expertId: expert.id, assignedAt: now },
      message: { kind: 'assign', body: null },
      details: { expertId: expert.id, previousExpertId: row.expertId },
    });
    return { status: 'assigned' as const };
  });
}
