import { compareClavienDindo, highestClavienDindo, type ClavienDindoGrade } from '../complications.js';
import { Issues, checkBoolean, checkInteger, checkOneOf } from '../validate.js';

export type TextbookOutcomeDefinition = 'gastrodata' | 'eurecca-spain' | 'colorectal-too';
export const TEXTBOOK_OUTCOME_DEFINITIONS: readonly TextbookOutcomeDefinition[] = ['gastrodata', 'eurecca-spain', 'colorectal-too'];

export type TextbookOutcomeComponent =
  'macroscopic-complete' | 'r0' | 'lymph-nodes' | 'complications' | 'reintervention' | 'length-of-stay' | 'readmission' | 'mortality';

interface DefinitionRule {
  readonly site: 'stomach' | 'colorectal';
  readonly source: string;
  readonly macroscopicComplete: boolean;
  readonly minNodes: number;
  /** Highest Clavien–Dindo grade still compatible with textbook outcome. */
  readonly worstAllowedGrade: ClavienDindoGrade | null;
  readonly reintervention: boolean;
  /** Maximum postoperative length of stay in days (inclusive); null = site threshold required. */
  readonly maxLosDays: number | null;
  readonly readmissionWindowDays: number;
  readonly mortalityWindowDays: number;
}

/**
 * Textbook-outcome definitions (clinical-rules.md §6.1):
 * - gastrodata (international gastric audit 2022): R0; > 15 nodes; discharge within 21 days; no
 *   mortality (90 days); no CD > II; no reintervention; no readmission within 90 days. The source says
 *   "discharge before 21 days" while the LOS row of the same file says "≤ 21 d": LOS ≤ 21 is used.
 * - eurecca-spain (Dal Cero, EJSO 2022): macroscopically complete resection; R0; >= 15 nodes; no CD >= II
 *   (sic, as published); no reintervention; LOS <= 14 d; no 30-day readmission; no 90-day mortality.
 * - colorectal-too (Frontiers Oncol 2025 review, common components): radical (R0) resection; >= 12
 *   nodes; no CD >= III; LOS <= the unit's 75th percentile (pass losThresholdDays; default 14 d);
 *   no 30-day readmission; no 30-day mortality.
 */
export const TEXTBOOK_OUTCOME_RULES: Readonly<Record<TextbookOutcomeDefinition, DefinitionRule>> = {
  gastrodata: {
    site: 'stomach',
    source: 'International gastric cancer audit (GASTRODATA) 2022, abstract',
    macroscopicComplete: false,
    minNodes: 16,
    worstAllowedGrade: 'II',
    reintervention: true,
    maxLosDays: 21,
    readmissionWindowDays: 90,
    mortalityWindowDays: 90,
  },
  'eurecca-spain': {
    site: 'stomach',
    source: 'Dal Cero et al., EJSO 2022;48:768 (Spanish EURECCA)',
    macroscopicComplete: true,
    minNodes: 15,
    worstAllowedGrade: 'I',
    reintervention: true,
    maxLosDays: 14,
    readmissionWindowDays: 30,
    mortalityWindowDays: 90,
  },
  'colorectal-too': {
    site: 'colorectal',
    source: 'Textbook oncologic outcome review, Front Oncol 2025 (10.3389/fonc.2025.1474008)',
    macroscopicComplete: false,
    minNodes: 12,
    worstAllowedGrade: 'II',
    reintervention: false,
    maxLosDays: null,
    readmissionWindowDays: 30,
    mortalityWindowDays: 30,
  },
};

/** Each component may be omitted (undefined): it is then reported as unknown, never assumed met. */
export interface TextbookOutcomeInput {
  readonly site: 'stomach' | 'colorectal';
  readonly definition: TextbookOutcomeDefinition;
  readonly macroscopicallyComplete?: boolean;
  readonly rStatus?: 'R0' | 'R1' | 'R2' | 'RX';
  readonly lymphNodesExamined?: number;
  /** Postoperative length of stay in days (postoperativeLengthOfStay). */
  readonly lengthOfStayDays?: number;
  /** Clavien–Dindo grades of all complications in the window; [] = none. */
  readonly complications?: readonly string[];
  readonly reintervention?: boolean;
  /** Days from discharge to the first readmission; null = not readmitted. */
  readonly readmissionDaysAfterDischarge?: number | null;
  /** Days from operation to death; null = alive at the end of the window. */
  readonly deathDaysAfterOperation?: number | null;
  /** colorectal-too: the unit's 75th-percentile LOS, or another site threshold. Default 14. */
  readonly losThresholdDays?: number;
}

export interface TextbookOutcomeResult {
  /** true = every component met; false = at least one failed; null = none failed but some unknown. */
  readonly achieved: boolean | null;
  readonly failed: readonly TextbookOutcomeComponent[];
  readonly unknown: readonly TextbookOutcomeComponent[];
  readonly definition: TextbookOutcomeDefinition;
}

export const DEFAULT_COLORECTAL_TOO_LOS_DAYS = 14;

/** Evaluate one patient against a textbook-outcome definition, naming the components that failed. */
export function textbookOutcome(input: TextbookOutcomeInput): TextbookOutcomeResult {
  const issues = new Issues();
  const siteOk = checkOneOf(issues, 'site', input.site, ['stomach', 'colorectal'] as const);
  const defOk = checkOneOf(issues, 'definition', input.definition, TEXTBOOK_OUTCOME_DEFINITIONS);
  if (siteOk && defOk && TEXTBOOK_OUTCOME_RULES[input.definition].site !== input.site) {
    issues.add('definition', 'site_mismatch', 'clinical.quality.definitionSite', { definition: input.definition, site: input.site });
  }
  if (input.macroscopicallyComplete !== undefined) checkBoolean(issues, 'macroscopicallyComplete', input.macroscopicallyComplete);
  if (input.rStatus !== undefined) checkOneOf(issues, 'rStatus', input.rStatus, ['R0', 'R1', 'R2', 'RX'] as const);
  if (input.lymphNodesExamined !== undefined) checkInteger(issues, 'lymphNodesExamined', input.lymphNodesExamined, 0, 500);
  if (input.lengthOfStayDays !== undefined) checkInteger(issues, 'lengthOfStayDays', input.lengthOfStayDays, 0, 3650);
  if (input.reintervention !== undefined) checkBoolean(issues, 'reintervention', input.reintervention);
  if (input.readmissionDaysAfterDischarge != null)
    checkInteger(issues, 'readmissionDaysAfterDischarge', input.readmissionDaysAfterDischarge, 0, 36500);
  if (input.deathDaysAfterOperation != null) checkInteger(issues, 'deathDaysAfterOperation', input.deathDaysAfterOperation, 0, 36500);
  if (input.losThresholdDays !== undefined) checkInteger(issues, 'losThresholdDays', input.losThresholdDays, 1, 365);
  issues.throwIfAny();
  const highest = input.complications === undefined ? undefined : highestClavienDindo(input.complications);

  const rule = TEXTBOOK_OUTCOME_RULES[input.definition];
  const failed: TextbookOutcomeComponent[] = [];
  const unknown: TextbookOutcomeComponent[] = [];
  const judge = (component: TextbookOutcomeComponent, met: boolean | undefined): void => {
    if (met === undefined) unknown.push(component);
    else if (!met) failed.push(component);
  };
  if (rule.macroscopicComplete) judge('macroscopic-complete', input.macroscopicallyComplete);
  // RX (cannot be assessed) is not R0: the component is unknown.
  judge('r0', input.rStatus === undefined || input.rStatus === 'RX' ? undefined : input.rStatus === 'R0');
  judge('lymph-nodes', input.lymphNodesExamined === undefined ? undefined : input.lymphNodesExamined >= rule.minNodes);
  judge(
    'complications',
    highest === undefined
      ? undefined
      : highest === null ||
          rule.worstAllowedGrade === null ||
          compareClavienDindo(highest.replace(/d$/, '') as ClavienDindoGrade, rule.worstAllowedGrade) <= 0,
  );
  if (rule.reintervention) judge('reintervention', input.reintervention === undefined ? undefined : !input.reintervention);
  const maxLos = rule.maxLosDays ?? input.losThresholdDays ?? DEFAULT_COLORECTAL_TOO_LOS_DAYS;
  judge('length-of-stay', input.lengthOfStayDays === undefined ? undefined : input.lengthOfStayDays <= maxLos);
  const readmit = input.readmissionDaysAfterDischarge;
  judge('readmission', readmit === undefined ? undefined : readmit === null || readmit > rule.readmissionWindowDays);
  const death = input.deathDaysAfterOperation;
  judge('mortality', death === undefined ? undefined : death === null || death > rule.mortalityWindowDays);
  return { achieved: failed.length > 0 ? false : unknown.length > 0 ? null : true, failed, unknown, definition: input.definition };
}
