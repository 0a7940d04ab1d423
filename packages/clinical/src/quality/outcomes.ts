import { checkDate } from '../dates.js';
import { Issues, checkInteger, fail } from '../validate.js';

/**
 * Postoperative length of stay in days = discharge date − operation date (clinical-rules.md §6.1,
 * GASTRODATA; EJSO 2022;48:768). Discharge before the operation is an input error.
 */
export function postoperativeLengthOfStay(operationDate: string, dischargeDate: string): number {
  const issues = new Issues();
  const op = checkDate(issues, 'operationDate', operationDate);
  const dis = checkDate(issues, 'dischargeDate', dischargeDate);
  issues.throwIfAny();
  if (op === null || dis === null) throw new TypeError('unreachable: dates validated');
  if (dis < op) fail('dischargeDate', 'before_operation', 'clinical.quality.dischargeBeforeOperation');
  return dis - op;
}

/**
 * Death from any cause within `days` of the index operation, in or out of hospital (30-/90-day
 * mortality; clinical-rules.md §6.1, textbook-outcome convention). A death on day `days` counts
 * (op 2025-03-01, death 2025-03-31 is a 30-day death). `deathDate` null = alive / no death recorded.
 */
export function mortalityWithin(days: number, operationDate: string, deathDate: string | null): boolean {
  const issues = new Issues();
  checkInteger(issues, 'days', days, 1, 3650);
  const op = checkDate(issues, 'operationDate', operationDate);
  const death = deathDate === null ? null : checkDate(issues, 'deathDate', deathDate);
  issues.throwIfAny();
  if (op === null) throw new TypeError('unreachable: dates validated');
  if (death === null) return false;
  if (death < op) fail('deathDate', 'before_operation', 'clinical.quality.deathBeforeOperation');
  return death - op <= days;
}
