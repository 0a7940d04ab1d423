import { Issues, checkBoolean, checkOneOf, fail, isFiniteNumber } from '../validate.js';

export type OperativeApproach = 'open' | 'laparoscopic' | 'robotic';

export interface ConversionInput {
  readonly startedApproach: OperativeApproach;
  /**
   * An incision made earlier than planned, or one that was not planned at all (e.g. laparotomy for
   * bleeding). A planned specimen-extraction incision, or one for a planned extracorporeal step
   * (vessel ligation, resection, anastomosis), is not.
   */
  readonly incisionEarlierThanPlanned: boolean;
  readonly incisionLengthCm?: number | null;
}

export interface ConversionOptions {
  /**
   * Also count any incision longer than this as a conversion. Default null (off): the SAGES/ASCRS
   * survey split 53.4% / 46.6% on "incision > 10 cm", so length alone does not decide by default.
   */
  readonly incisionLongerThanCm?: number | null;
}

/**
 * Laparoscopic (or robotic) conversion, intention-to-treat: Shawki et al., Surg Endosc 2009;23:2321
 * (clinical-rules.md §6.1). Majority definition (68.4%): any incision made earlier than planned; a
 * specimen-extraction incision (91.1%) and extracorporeal ligation, resection or anastomosis (> 73%) are
 * not conversion. An operation started open is never a conversion (and is outside the denominator).
 * Store the conversion reason and incision length beside the result.
 */
export function isConversion(input: ConversionInput, options: ConversionOptions = {}): boolean {
  const issues = new Issues();
  checkOneOf(issues, 'startedApproach', input.startedApproach, ['open', 'laparoscopic', 'robotic'] as const);
  checkBoolean(issues, 'incisionEarlierThanPlanned', input.incisionEarlierThanPlanned);
  const length = input.incisionLengthCm ?? null;
  if (length !== null && (!isFiniteNumber(length) || length <= 0 || length > 100)) {
    issues.add('incisionLengthCm', 'out_of_range', 'clinical.input.positiveRange', { max: 100 });
  }
  const longer = options.incisionLongerThanCm ?? null;
  if (longer !== null && (!isFiniteNumber(longer) || longer <= 0 || longer > 100)) {
    issues.add('incisionLongerThanCm', 'out_of_range', 'clinical.input.positiveRange', { max: 100 });
  }
  issues.throwIfAny();
  if (input.startedApproach === 'open') return false;
  if (input.incisionEarlierThanPlanned) return true;
  return longer !== null && length !== null && length > longer;
}

export type LeakManagement = 'none' | 'active-non-operative' | 'relaparotomy';
export type IsrecLeakGrade = 'A' | 'B' | 'C';

/**
 * Anastomotic leak grade, ISREC (Rahbari et al., Surgery 2010;147:339; defined for anterior rectal
 * resection, clinical-rules.md §6.1): A no change in management; B active therapeutic intervention
 * without relaparotomy (e.g. transanal or percutaneous drain, antibiotics); C relaparotomy.
 */
export function isrecLeakGrade(management: LeakManagement): IsrecLeakGrade {
  switch (management) {
    case 'none':
      return 'A';
    case 'active-non-operative':
      return 'B';
    case 'relaparotomy':
      return 'C';
    default:
      return fail('management', 'not_allowed', 'clinical.input.oneOf', { allowed: 'none, active-non-operative, relaparotomy' });
  }
}
