import { checkDate } from '../dates.js';
import { comprehensiveComplicationIndex, highestClavienDindo, parseClavienDindo } from '../complications.js';
import { Issues, checkInteger } from '../validate.js';

/**
 * Day of a complication after the index operation (operation day = 0). A complication dated before the
 * operation is impossible: `clinical.complication.beforeOperation` on `field`.
 */
export function complicationDay(operationDate: string, complicationDate: string, field = 'date'): number {
  const issues = new Issues();
  const op = checkDate(issues, 'operationDate', operationDate);
  const c = checkDate(issues, field, complicationDate);
  issues.throwIfAny();
  if ((c as number) < (op as number)) {
    issues.add(field, 'before_operation', 'clinical.complication.beforeOperation');
    issues.throwIfAny();
  }
  return (c as number) - (op as number);
}

export interface ComplicationWindowResult {
  readonly days: number;
  /** CCI of the complications within the window (0 when none). */
  readonly cci: number;
  /** Highest Clavien–Dindo grade within the window, with "d" (`highestClavienDindo`); null when none. */
  readonly highest: string | null;
  readonly count: number;
}

/**
 * Comprehensive Complication Index of one operation over an observation window (Slankamenac 2013;
 * clinical-rules.md §6: "record the observation window, 30 or 90 days, with the value"): the complications
 * dated from the operation day to `days` days after it, inclusive (the convention of `mortalityWithin`).
 */
export function complicationIndexWithin(input: {
  readonly operationDate: string;
  readonly complications: readonly { readonly date: string; readonly grade: string }[];
  readonly days: number;
}): ComplicationWindowResult {
  const issues = new Issues();
  checkInteger(issues, 'days', input.days, 1, 3650);
  const op = checkDate(issues, 'operationDate', input.operationDate);
  const within: string[] = [];
  input.complications.forEach((c, i) => {
    const day = checkDate(issues, `complications[${i}].date`, c.date);
    if (op !== null && day !== null) {
      if (day < op) issues.add(`complications[${i}].date`, 'before_operation', 'clinical.complication.beforeOperation');
      else if (day - op <= input.days) within.push(c.grade);
    }
  });
  issues.throwIfAny();
  within.forEach((g, i) => parseClavienDindo(g, `complications[${i}].grade`));
  return { days: input.days, cci: comprehensiveComplicationIndex(within), highest: highestClavienDindo(within), count: within.length };
}
