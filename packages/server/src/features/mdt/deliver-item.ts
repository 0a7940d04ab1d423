import { notFound } from '../../core/app-error.js';
import type { UseCaseContext } from '../../core/context.js';
import { invalidField } from '../../core/validation.js';
import { todayIn } from '@gisurg/contracts';
import { closeItem, findVisibleItem } from './items.js';
import { toItemDto } from './queries.js';
import type { TrackedItemDto } from '@gisurg/contracts/mdt';
import type { DeliverItem } from '@gisurg/contracts/mdt';

/** Mark a tracked item delivered by hand, with the evidence (what was done, where it is recorded) and date. */
export async function deliverItem(ctx: UseCaseContext, id: string, input: DeliverItem): Promise<TrackedItemDto> {
  const { db, actor, meta, locale, clock, timeZone } = ctx;
  return db.transaction(async (tx) => {
    const found = await findVisibleItem(tx, actor, id);
    if (!found) throw notFound();
    const now = clock.now();
    const today = todayIn(timeZone, now);
    const deliveredOn = input.deliveredOn ?? today;
    if (deliveredOn > today) throw invalidField(locale, 'deliveredOn', 'mdt.validation.deliveredOnFuture');
    if (deliveredOn < found.decidedOn)
      throw invalidField(locale, 'deliveredOn', 'mdt.validation.deliveredOnBeforeDecision', { date: found.decidedOn });
    const row = await closeItem(tx, meta, actor, found.item, 'deliver', {
      at: now,
      expectedVersion: input.version,
      changes: { deliveredVia: 'manual', deliveredOn, evidence: input.evidence },
      details: { deliveredOn, late: deliveredOn > found.item.dueDate },
    });
    return toItemDto(row!, today);
  });
}
