import { notFound } from '../../core/app-error.js';
import type { UseCaseContext } from '../../core/context.js';
import { invalidField } from '../../core/validation.js';
import { todayIn } from '@gisurg/contracts';
import { closeItem, findVisibleItem } from './items.js';
import { toItemDto } from './queries.js';
import type { TrackedItemDto } from '@gisurg/contracts/mdt';
import type { NotDelivered } from '@gisurg/contracts/mdt';

/**
 * Close a tracked item as not delivered. A reason from the list is required (patient choice, did not
 * attend, clinical change, comorbidity, died, other); "other" needs the reason in words.
 */
export async function closeItemNotDelivered(ctx: UseCaseContext, id: string, input: NotDelivered): Promise<TrackedItemDto> {
  const { db, actor, meta, locale, clock, timeZone } = ctx;
  if (input.reason === 'other' && !input.reasonText) throw invalidField(locale, 'reasonText', 'mdt.validation.otherReasonText');
  return db.transaction(async (tx) => {
    const found = await findVisibleItem(tx, actor, id);
    if (!found) throw notFound();
    const now = clock.now();
    const row = await closeItem(tx, meta, actor, found.item, 'close_not_delivered', {
      at: now,
      expectedVersion: input.version,
      changes: { notDeliveredReason: input.reason, notDeliveredText: input.reasonText ?? null },
    });
    return toItemDto(row!, todayIn(timeZone, now));
  });
}
