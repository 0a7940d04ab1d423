import { complicationDay, parseClavienDindo } from '@gisurg/clinical';
import type { Problems } from '../../../core/problems.js';

export interface ComplicationFields {
  date: string;
  type: string;
  typeOther: string | null;
  isrecGrade: string | null;
  grade: string;
}

/**
 * A complication: not before its operation (complicationDay) nor in the future; the Clavien–Dindo grade
 * parsed with parseClavienDindo (III/IV need a/b, V cannot carry d); the ISREC grade only for an
 * anastomotic leak; "other" described.
 */
export function evaluateComplication(
  problems: Problems,
  c: ComplicationFields,
  operationDate: string,
  today: string,
): { day: number | null; grade: string | null; disability: boolean } {
  const day = problems.clinical('', () => complicationDay(operationDate, c.date, 'date')) ?? null;
  problems.notFuture('date', c.date, today);
  const parsed = problems.clinical('', () => parseClavienDindo(c.grade, 'grade'));
  if (c.isrecGrade && c.type !== 'anastomotic_leak') problems.add('isrecGrade', 'oncology.validation.isrecOnlyLeak');
  if (c.type === 'other' && !c.typeOther) problems.add('typeOther', 'oncology.validation.typeOther');
  return { day, grade: parsed?.grade ?? null, disability: parsed?.disability ?? false };
}
