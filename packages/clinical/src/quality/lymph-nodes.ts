import { Issues, checkInteger, checkOneOf } from '../validate.js';

export type LymphNodeSite = 'stomach' | 'colorectal';

/**
 * Default minimum number of regional nodes examined (clinical-rules.md §6.1):
 * - colorectal 12: CoC "12 RLN" measure, NQF #0225; NCCN principle of colon surgery;
 * - stomach 16: department and AJCC practice. Sources disagree (AJCC "minimum of 15" as quoted, DUCA
 *   textbook outcome >= 15, NCDB ">= 15 adequate"): pass `threshold: 15` to report that share too.
 */
export const DEFAULT_LYMPH_NODE_THRESHOLDS: Readonly<Record<LymphNodeSite, number>> = { stomach: 16, colorectal: 12 };

/** True when at least `threshold` (default by site) regional nodes were examined. */
export function lymphNodesAdequate(input: {
  readonly site: LymphNodeSite;
  readonly examined: number;
  readonly threshold?: number;
}): boolean {
  const issues = new Issues();
  const siteOk = checkOneOf(issues, 'site', input.site, ['stomach', 'colorectal'] as const);
  checkInteger(issues, 'examined', input.examined, 0, 500);
  if (input.threshold !== undefined) checkInteger(issues, 'threshold', input.threshold, 1, 100);
  issues.throwIfAny();
  const threshold = input.threshold ?? (siteOk ? DEFAULT_LYMPH_NODE_THRESHOLDS[input.site] : 0);
  return input.examined >= threshold;
}
