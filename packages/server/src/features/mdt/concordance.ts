/**
 * Decision-to-delivery concordance of tumor boards (issue 7). A decided case is
 * - `delivered` when every plan item was delivered,
 * - `partly` when all items are closed and some, not all, were delivered,
 * - `not_delivered` when all items are closed and none was delivered,
 * - `pending` while any item is still open (overdue included).
 * The concordance rate is delivered ÷ (delivered + partly + not delivered): fully carried-out decisions
 * among those whose outcome is known. Studies report 7–21 % of board decisions not carried out.
 */
export type ItemStatus = 'pending' | 'delivered' | 'not_delivered';
export type CaseOutcome = 'delivered' | 'partly' | 'not_delivered' | 'pending';

export function caseOutcome(items: readonly ItemStatus[]): CaseOutcome {
  if (items.length === 0 || items.includes('pending')) return 'pending';
  const delivered = items.filter((s) => s === 'delivered').length;
  if (delivered === items.length) return 'delivered';
  return delivered === 0 ? 'not_delivered' : 'partly';
}

export interface Counts {
  cases: number;
  delivered: number;
  partly: number;
  notDelivered: number;
  pending: number;
  concordanceRate: number | null;
}

export function tally(outcomes: readonly CaseOutcome[]): Counts {
  const n = (o: CaseOutcome) => outcomes.filter((x) => x === o).length;
  const delivered = n('delivered');
  const partly = n('partly');
  const notDelivered = n('not_delivered');
  const closed = delivered + partly + notDelivered;
  return {
    cases: outcomes.length,
    delivered,
    partly,
    notDelivered,
    pending: n('pending'),
    concordanceRate: closed === 0 ? null : Math.round((delivered / closed) * 1000) / 1000,
  };
}

/** Group keyed outcomes and tally each group, in first-seen order. */
export function tallyBy<K extends string>(rows: readonly { key: K; outcome: CaseOutcome }[]): { key: K; counts: Counts }[] {
  const groups = new Map<K, CaseOutcome[]>();
  for (const r of rows) groups.set(r.key, [...(groups.get(r.key) ?? []), r.outcome]);
  return [...groups.entries()].map(([key, outcomes]) => ({ key, counts: tally(outcomes) }));
}
