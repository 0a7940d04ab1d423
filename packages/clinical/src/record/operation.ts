import { isConversion } from '../quality/operative.js';
import { Issues } from '../validate.js';

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Milliseconds of an ISO 8601 instant with an offset (`2026-03-02T08:30+08:00`, `…Z`), or null. */
export function parseInstant(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const m = INSTANT.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m;
  if (Number(mo) < 1 || Number(mo) > 12 || Number(d) < 1 || Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 59) return null;
  const probe = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (probe.getUTCDate() !== Number(d)) return null;
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : t;
}

/** Longest plausible operation; a longer one is a typing error (a day or an hour too many). */
export const MAX_OPERATION_MINUTES = 24 * 60;

/**
 * Operation duration in whole minutes from skin incision to closure (start, end as ISO instants with an
 * offset). End not after start → `clinical.operation.endBeforeStart`; longer than 24 h →
 * `clinical.operation.durationTooLong`. The duration is the operative-time measure of the OT CUSUM.
 */
export function operationDurationMinutes(startTime: string, endTime: string): number {
  const issues = new Issues();
  const start = parseInstant(startTime);
  const end = parseInstant(endTime);
  if (start === null) issues.add('startTime', 'format', 'clinical.operation.time');
  if (end === null) issues.add('endTime', 'format', 'clinical.operation.time');
  issues.throwIfAny();
  const minutes = Math.round(((end as number) - (start as number)) / 60_000);
  if (minutes <= 0) issues.add('endTime', 'before_start', 'clinical.operation.endBeforeStart');
  else if (minutes > MAX_OPERATION_MINUTES)
    issues.add('endTime', 'too_long', 'clinical.operation.durationTooLong', { hours: MAX_OPERATION_MINUTES / 60 });
  issues.throwIfAny();
  return minutes;
}

export interface ConversionRecord {
  readonly approach: 'laparoscopic' | 'robotic' | 'open' | 'converted';
  /** For `converted`: the minimally invasive approach the operation started with (default laparoscopic). */
  readonly convertedFrom?: 'laparoscopic' | 'robotic' | null;
  readonly conversionReason?: string | null;
  readonly incisionLengthCm?: number | null;
}

/**
 * The approach fields agree, and the operation counts as a conversion (`isConversion`, Shawki 2009,
 * intention-to-treat) exactly when the approach is `converted`: a conversion needs its reason (issue 5);
 * a reason or a "converted from" on an operation that was not converted is refused. The incision length
 * (0–100 cm) is checked by `isConversion`.
 */
export function conversionOf(r: ConversionRecord): boolean {
  const issues = new Issues();
  const converted = r.approach === 'converted';
  const hasReason = r.conversionReason !== undefined && r.conversionReason !== null && r.conversionReason !== '';
  if (converted && !hasReason) issues.add('conversionReason', 'required', 'clinical.operation.conversionReasonRequired');
  if (!converted && hasReason) issues.add('conversionReason', 'not_converted', 'clinical.operation.onlyWhenConverted');
  if (!converted && r.convertedFrom) issues.add('convertedFrom', 'not_converted', 'clinical.operation.onlyWhenConverted');
  issues.throwIfAny();
  const started: 'laparoscopic' | 'robotic' | 'open' = r.approach === 'converted' ? (r.convertedFrom ?? 'laparoscopic') : r.approach;
  return isConversion({ startedApproach: started, incisionEarlierThanPlanned: converted, incisionLengthCm: r.incisionLengthCm ?? null });
}
