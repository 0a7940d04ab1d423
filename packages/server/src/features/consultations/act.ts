import { notFound } from '../../core/app-error.js';
import type { UseCaseContext } from '../../core/context.js';
import type { Db } from '../../db/types.js';
import { findVisibleConsultation, type ConsultationRow } from './queries.js';

/** Load a visible consultation locked for update inside one transaction and run `fn` (else 404). */
export async function withConsultation<T>(
  ctx: UseCaseContext,
  id: string,
  fn: (tx: Db, row: ConsultationRow, now: Date) => Promise<T>,
): Promise<T> {
  return ctx.db.transaction(async (tx) => {
    const row = await findVisibleConsultation(tx, ctx.actor, id, { lock: true });
    if (!row) throw notFound();
    return fn(tx, row, ctx.clock.now());
  });
}
