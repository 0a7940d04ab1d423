import type { TimelineEvent } from '@gisurg/contracts/followup';
import type { Db } from '../db/types.js';

/**
 * The patient's journey (diagnosis, MDT, operations, stays, complications, follow-up) without one feature reading
 * every other's tables: each feature that knows events contributes a provider through its `Feature.timeline`, the
 * composition root registers it, and the timeline route (features/followup) asks every provider. Providers only
 * read, for one patient the caller has already checked is visible; the route's audit row covers the read.
 */
export type TimelineProvider = (db: Db, patientId: string, timeZone: string) => Promise<TimelineEvent[]>;

const providers = new Map<string, TimelineProvider>();

export function contributeTimeline(name: string, provider: TimelineProvider): void {
  providers.set(name, provider);
}

const ORDER: Record<TimelineEvent['kind'], number> = {
  diagnosis: 0,
  admission: 1,
  mdt: 2,
  mdt_decision: 3,
  operation: 4,
  complication: 5,
  discharge: 6,
  follow_up: 7,
  recurrence: 8,
  death: 9,
};

/** Every provider's events, oldest first (on one day in the order a journey runs: admission before operation before discharge). */
export async function patientTimeline(db: Db, patientId: string, timeZone: string): Promise<TimelineEvent[]> {
  const events: TimelineEvent[] = [];
  for (const provider of providers.values()) events.push(...(await provider(db, patientId, timeZone)));
  return events.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : ORDER[a.kind] - ORDER[b.kind]));
}
