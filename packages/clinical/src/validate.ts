import { ClinicalInputError, type ClinicalIssue } from './errors.js';
import type { ClinicalMessageKey } from './messages.js';

/**
 * Internal helpers that collect every problem in an input before throwing one ClinicalInputError.
 * Message keys are typed, so every key thrown has a zh-CN and an en text in ./messages.ts.
 */
export class Issues {
  private readonly list: ClinicalIssue[] = [];

  add(field: string, code: string, messageKey: ClinicalMessageKey, params?: Readonly<Record<string, string | number>>): void {
    this.list.push(params === undefined ? { field, code, messageKey } : { field, code, messageKey, params });
  }

  throwIfAny(): void {
    if (this.list.length > 0) throw new ClinicalInputError(this.list);
  }
}

/** Throw a single-issue ClinicalInputError. */
export function fail(
  field: string,
  code: string,
  messageKey: ClinicalMessageKey,
  params?: Readonly<Record<string, string | number>>,
): never {
  throw new ClinicalInputError(params === undefined ? { field, code, messageKey } : { field, code, messageKey, params });
}

export function isFiniteNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** Integer in [min, max]; records `out_of_range` (or `not_integer`) otherwise. */
export function checkInteger(issues: Issues, field: string, value: unknown, min: number, max: number): value is number {
  if (!isFiniteNumber(value) || !Number.isInteger(value)) {
    issues.add(field, 'not_integer', 'clinical.input.integerRange', { min, max: max === Infinity ? '∞' : max });
    return false;
  }
  if (value < min || value > max) {
    issues.add(field, 'out_of_range', 'clinical.input.integerRange', { min, max: max === Infinity ? '∞' : max });
    return false;
  }
  return true;
}

/** Runtime check of a string enum (the web and server pass untyped JSON). */
export function checkOneOf<T extends string>(issues: Issues, field: string, value: unknown, allowed: readonly T[]): value is T {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return true;
  issues.add(field, value === undefined || value === null || value === '' ? 'required' : 'not_allowed', 'clinical.input.oneOf', {
    allowed: allowed.join(', '),
  });
  return false;
}

export function checkBoolean(issues: Issues, field: string, value: unknown): value is boolean {
  if (typeof value === 'boolean') return true;
  issues.add(field, 'not_boolean', 'clinical.input.boolean');
  return false;
}
