import { eq } from 'drizzle-orm';
import { appSettings } from '../../db/schema/index.js';
import type { Db } from '../../db/types.js';

/** Reply deadline in hours per urgency: default 48 h routine, 24 h urgent (docs/consultation.md "Deadlines"). */
export const DEFAULT_DEADLINE_HOURS = { routine: 48, urgent: 24 } as const;
export const DEADLINE_SETTING_KEY = 'consultations.deadlineHours';

export type DeadlineHours = { routine: number; urgent: number };

function positive(v: unknown, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) && v > 0 && v <= 24 * 60 ? v : fallback;
}

/** The installation's deadline hours (app_settings `consultations.deadlineHours`), else the defaults. */
export async function deadlineHours(db: Db): Promise<DeadlineHours> {
  const [row] = await db.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.key, DEADLINE_SETTING_KEY));
  const v = (row?.value ?? {}) as Record<string, unknown>;
  return { routine: positive(v.routine, DEFAULT_DEADLINE_HOURS.routine), urgent: positive(v.urgent, DEFAULT_DEADLINE_HOURS.urgent) };
}

/** The reply deadline: submission time plus the urgency's hours. */
export function dueAtOf(submittedAt: Date, urgency: 'routine' | 'urgent', hours: DeadlineHours): Date {
  return new Date(submittedAt.getTime() + hours[urgency] * 3_600_000);
}

/** Median of a list (null when empty). */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
