import { validateResidentId } from '@gisurg/clinical';
import type { FieldIssue } from '../../core/app-error.js';
import type { Locale } from '../../i18n/messages.js';
import { fieldIssue, validationError } from '../../core/validation.js';

export interface PatientIdentity {
  sex: 'male' | 'female' | 'unknown';
  birthDate: string;
  idType: 'resident_id' | 'passport' | 'other';
  idNumber: string | null;
}

/**
 * Cross-field rules the schema cannot express (china-context.md §5.5): a resident ID, when given, passes GB 11643 and
 * agrees with the birth date and sex; 15-digit numbers are stored converted to 18. Birth date is real,
 * not in the future, not before 1900. Returns the normalized ID number; throws VALIDATION listing every
 * problem.
 */
export function checkPatientIdentity(p: PatientIdentity, locale: Locale, today: string): string | null {
  const issues: FieldIssue[] = [];
  if (p.birthDate > today) issues.push(fieldIssue(locale, 'birthDate', 'validation.date.future'));
  if (p.birthDate < '1900-01-01') issues.push(fieldIssue(locale, 'birthDate', 'validation.date.tooEarly', { min: '1900-01-01' }));
  let idNumber = p.idNumber;
  // The number itself may be missing (an unidentified emergency patient, a newborn); when given, a
  // resident ID must be valid and agree with the birth date and sex.
  if (p.idType === 'resident_id' && idNumber) {
    const r = validateResidentId(idNumber, { today });
    if (!r.valid) {
      issues.push(fieldIssue(locale, 'idNumber', `validation.idNumber.${r.reason ?? 'format'}`));
    } else {
      idNumber = r.normalized;
      if (r.birthDate !== p.birthDate) {
        issues.push(fieldIssue(locale, 'birthDate', 'validation.idNumber.birthDateMismatch', { expected: r.birthDate }));
      }
      if (p.sex !== 'unknown' && r.sex !== p.sex) {
        issues.push(fieldIssue(locale, 'sex', 'validation.idNumber.sexMismatch', { expected: r.sex }));
      }
    }
  }
  if (issues.length > 0) throw validationError(issues);
  return idNumber;
}
