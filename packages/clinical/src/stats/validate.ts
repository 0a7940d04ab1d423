import { ClinicalInputError, type ClinicalIssue } from '../errors.js';

/** Right-censored survival data: one time and one event flag (1 = event, 0 = censored) per patient. */
export interface SurvivalData {
  readonly time: ArrayLike<number>;
  readonly event: ArrayLike<0 | 1>;
}

/** At most this many issues are reported, so a bad million-row column does not build a huge error. */
const MAX_ISSUES = 20;

/** Collects every problem found, then throws them together as one ClinicalInputError. */
export class Issues {
  private readonly list: ClinicalIssue[] = [];

  add(field: string, code: string, messageKey: string, params?: Record<string, string | number>): void {
    if (this.list.length >= MAX_ISSUES) return;
    this.list.push(params ? { field, code, messageKey, params } : { field, code, messageKey });
  }

  get isEmpty(): boolean {
    return this.list.length === 0;
  }

  throwIfAny(): void {
    if (this.list.length > 0) throw new ClinicalInputError(this.list);
  }
}

/** Throw a single-issue input error (for conditions found after the input checks, e.g. no events). */
export function fail(field: string, code: string, messageKey: string, params?: Record<string, string | number>): never {
  throw new ClinicalInputError(params ? { field, code, messageKey, params } : { field, code, messageKey });
}

export function isArrayLike(value: unknown): value is ArrayLike<unknown> {
  return (
    Array.isArray(value) ||
    (ArrayBuffer.isView(value) && !(value instanceof DataView)) ||
    (typeof value === 'object' && value !== null && typeof (value as { length?: unknown }).length === 'number')
  );
}

/** Read a numeric column of length `n` (or any length when n is undefined) into a Float64Array. */
export function readNumbers(
  value: unknown,
  field: string,
  issues: Issues,
  check: (x: number, field: string) => void = () => undefined,
  n?: number,
): Float64Array | null {
  if (!isArrayLike(value)) {
    issues.add(field, 'not_array', 'stats.input.notArray', { field });
    return null;
  }
  if (n !== undefined && value.length !== n) {
    issues.add(field, 'length_mismatch', 'stats.input.lengthMismatch', { field, expected: n, actual: value.length });
    return null;
  }
  const out = new Float64Array(value.length);
  for (let i = 0; i < value.length; i += 1) {
    const x = value[i];
    if (typeof x !== 'number' || !Number.isFinite(x)) {
      issues.add(`${field}[${i}]`, 'not_finite', 'stats.input.notFinite', { field: `${field}[${i}]` });
      continue;
    }
    check(x, `${field}[${i}]`);
    out[i] = x;
  }
  return out;
}

/** Read a 0/1 column of length n. */
export function readBinary(value: unknown, field: string, issues: Issues, n?: number): Uint8Array | null {
  if (!isArrayLike(value)) {
    issues.add(field, 'not_array', 'stats.input.notArray', { field });
    return null;
  }
  if (n !== undefined && value.length !== n) {
    issues.add(field, 'length_mismatch', 'stats.input.lengthMismatch', { field, expected: n, actual: value.length });
    return null;
  }
  const out = new Uint8Array(value.length);
  for (let i = 0; i < value.length; i += 1) {
    const x = value[i];
    if (x === 1 || x === true) out[i] = 1;
    else if (x !== 0 && x !== false) issues.add(`${field}[${i}]`, 'not_binary', 'stats.input.notBinary', { field: `${field}[${i}]` });
  }
  return out;
}

/**
 * Validate survival data: non-empty, equal lengths, finite non-negative times, events 0/1.
 * Issues are added to `issues`; the caller throws after adding its own checks.
 */
export function readSurvivalData(data: SurvivalData, issues: Issues): { time: Float64Array; event: Uint8Array; n: number } {
  const raw = (typeof data === 'object' && data !== null ? data : {}) as Partial<Record<'time' | 'event', unknown>>;
  const time = readNumbers(raw.time, 'time', issues, (x, field) => {
    if (x < 0) issues.add(field, 'negative', 'stats.input.negativeTime', { field });
  });
  const n = time?.length ?? 0;
  if (time && n === 0) issues.add('time', 'empty', 'stats.input.empty', { field: 'time' });
  const event = readBinary(raw.event, 'event', issues, time ? n : undefined);
  return { time: time ?? new Float64Array(0), event: event ?? new Uint8Array(0), n };
}

/** A number option in [min, max] (bounds open when `open` is set), or the default when absent. */
export function readOption(
  value: unknown,
  field: string,
  issues: Issues,
  bounds: { min: number; max: number; open?: boolean; fallback?: number },
): number {
  if (value === undefined && bounds.fallback !== undefined) return bounds.fallback;
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (bounds.open ? value > bounds.min && value < bounds.max : value >= bounds.min && value <= bounds.max);
  if (!ok) {
    issues.add(field, 'out_of_range', 'stats.option.outOfRange', { field, min: bounds.min, max: bounds.max });
    return bounds.fallback ?? NaN;
  }
  return value;
}

/** One of a fixed set of string options, or the default when absent. */
export function readChoice<T extends string>(value: unknown, field: string, issues: Issues, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  issues.add(field, 'unknown_option', 'stats.option.unknown', { field, allowed: allowed.join(', ') });
  return fallback;
}
