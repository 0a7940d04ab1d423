import type { Actor } from '../auth/actor.js';
import type { Db } from '../db/types.js';
import type { RequestMeta } from './context.js';

/**
 * The clinical-event seam (issue 15, docs/architecture.md "Clinical events"). A feature that records
 * something other features care about publishes it here, inside its own transaction; features that react
 * subscribe. No feature imports another to tell it something happened. Subscribers run one after another
 * on the publisher's transaction, so their writes commit or roll back with the event's; a subscriber that
 * throws aborts the whole request.
 */
export type ClinicalEvent =
  /** A patient was admitted to a bed (ward). */
  | {
      type: 'admitted';
      patientId: string;
      admissionId: string;
      at: Date | string;
      source?: string | null;
      sourceOrganizationId?: string | null;
    }
  /** A stay ended by discharge (ward); `disposition` is the 离院方式 code. */
  | { type: 'discharged'; patientId: string; admissionId: string; at: Date | string; disposition: string; operationIds?: string[] }
  /** An operation was recorded in the oncology record. */
  | { type: 'operation_recorded'; patientId: string; operationId: string; date: string; procedureCodes: string[]; approach?: string | null }
  /** An operation was booked in theatre. */
  | { type: 'booking_made'; patientId: string; bookingId: string; date: string; procedureCodes?: string[] }
  /** A pathology report was recorded (first time or corrected) for an operation. */
  | { type: 'pathology_recorded'; patientId: string; operationId: string; pathologyId: string }
  /** A patient's death was recorded (follow-up contact, in-hospital death). */
  | { type: 'death_recorded'; patientId: string; date: string; cause?: string | null };

export type ClinicalEventType = ClinicalEvent['type'];
export type EventOf<T extends ClinicalEventType> = Extract<ClinicalEvent, { type: T }>;

/** What a subscriber gets besides the event: the publisher's transaction and request. */
export interface EventContext {
  tx: Db;
  meta: RequestMeta;
  actor: Actor | null;
  now: Date;
  timeZone: string;
}

export type Subscriber<T extends ClinicalEventType> = (ctx: EventContext, event: EventOf<T>) => Promise<void>;

interface Entry {
  name: string;
  type: ClinicalEventType;
  run: (ctx: EventContext, event: ClinicalEvent) => Promise<void>;
}

const entries: Entry[] = [];
let ready = false;

/**
 * Subscribe to one event type. `name` identifies the subscriber (one subscription per name and type; the
 * composition root may run twice in one process, e.g. in tests). Called from `features/index.ts` only.
 */
export function subscribe<T extends ClinicalEventType>(type: T, name: string, fn: Subscriber<T>): void {
  if (entries.some((e) => e.type === type && e.name === name)) return;
  entries.push({ name, type, run: (ctx, event) => fn(ctx, event as EventOf<T>) });
}

/** Marks the subscriptions complete; `publish` refuses to run before (an event must never be lost silently). */
export function markSubscriptionsReady(): void {
  ready = true;
}

/** Publish an event inside the caller's transaction: every subscriber of its type runs, in subscription order. */
export async function publish(ctx: EventContext, event: ClinicalEvent): Promise<void> {
  if (!ready) throw new Error('clinical-event subscribers are not registered: import features/index.ts (registerFeatures) first');
  for (const e of entries) if (e.type === event.type) await e.run(ctx, event);
}

/** The subscribers of a type, by name (for tests and docs). */
export function subscribersOf(type: ClinicalEventType): string[] {
  return entries.filter((e) => e.type === type).map((e) => e.name);
}
