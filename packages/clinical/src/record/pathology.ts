import type { Her2IhcScore, Her2IshResult } from '../codes/pathology.js';
import { appendixNCategory, colorectalNCategory, gastricNCategory } from '../staging/nodes.js';
import { parseCategory } from '../staging/parse.js';
import type { StagingSite } from '../staging/types.js';
import { Issues, checkInteger, isFiniteNumber } from '../validate.js';

export interface NodeCounts {
  readonly examined: number;
  readonly positive: number;
  /** Tumour deposits (count, or yes/no); used for colorectal and appendix (N1c). */
  readonly tumorDeposits?: number | boolean | null;
}

/**
 * Validate regional-node counts: whole numbers 0–500, positive ≤ examined (a report with more positive
 * nodes than nodes examined is impossible). Throws ClinicalInputError on `nodesExamined`/`nodesPositive`.
 */
export function checkNodeCounts(counts: NodeCounts): void {
  const issues = new Issues();
  const e = checkInteger(issues, 'nodesExamined', counts.examined, 0, 500);
  const p = checkInteger(issues, 'nodesPositive', counts.positive, 0, 500);
  if (e && p && counts.positive > counts.examined) {
    issues.add('nodesPositive', 'exceeds_examined', 'clinical.staging.positiveExceedsExamined', {
      positive: counts.positive,
      examined: counts.examined,
    });
  }
  const d = counts.tumorDeposits;
  if (d !== undefined && d !== null && typeof d !== 'boolean' && !(isFiniteNumber(d) && Number.isInteger(d) && d >= 0 && d <= 200)) {
    issues.add('tumorDeposits', 'format', 'clinical.staging.tumorDeposits');
  }
  issues.throwIfAny();
}

/**
 * Pathological N category from the node counts, by site (AJCC 8; clinical-rules.md §2.7):
 * stomach `gastricNCategory`, colorectal `colorectalNCategory`, appendix `appendixNCategory`. No node
 * examined → NX ("regional lymph nodes cannot be assessed"), whatever the deposits. Anus: the N category
 * depends on where the positive nodes are (N1a inguinal/mesorectal/internal iliac, N1b external iliac,
 * N1c both), not on their number → null: the pathologist's N must be entered (`checkNAgainstNodeCounts`).
 */
export function nCategoryFromNodes(site: StagingSite, counts: NodeCounts): string | null {
  checkNodeCounts(counts);
  if (site === 'anus') return null;
  if (counts.examined === 0) return 'NX';
  const tumorDeposits = counts.tumorDeposits ?? false;
  switch (site) {
    case 'stomach':
      return gastricNCategory(counts.positive);
    case 'colorectal':
      return colorectalNCategory({ positiveNodes: counts.positive, tumorDeposits });
    case 'appendix':
      return appendixNCategory({ positiveNodes: counts.positive, tumorDeposits });
  }
}

/**
 * An N category entered by hand (anus) must not contradict the counts: N0 with positive nodes, or N1 with
 * nodes examined and none positive, is refused (field `n`).
 */
export function checkNAgainstNodeCounts(n: string, counts: NodeCounts): void {
  checkNodeCounts(counts);
  const parsed = parseCategory('N', n);
  if (!parsed || counts.examined === 0) return;
  const issues = new Issues();
  if (parsed.category === 'N0' && counts.positive > 0) {
    issues.add('n', 'contradicts_counts', 'clinical.staging.nContradictsCount', { n: parsed.category, positive: counts.positive });
  }
  if (parsed.category.startsWith('N1') && counts.positive === 0) {
    issues.add('n', 'contradicts_counts', 'clinical.staging.nContradictsCount', { n: parsed.category, positive: counts.positive });
  }
  issues.throwIfAny();
}

/**
 * HER2 status of gastric/GEJ adenocarcinoma (CAP/ASCP/ASCO guideline, Bartley AN et al., J Clin Oncol
 * 2017;35:446-464): IHC 3+ → positive; IHC 2+ → equivocal, resolved by ISH (amplified → positive, not
 * amplified → negative); IHC 0 or 1+ → negative. Null when IHC was not done.
 */
export function her2Status(ihc: Her2IhcScore | null | undefined, ish?: Her2IshResult | null): 'positive' | 'negative' | 'equivocal' | null {
  if (ihc === null || ihc === undefined) return ish === 'amplified' ? 'positive' : ish === 'not_amplified' ? 'negative' : null;
  if (ihc === '3+') return 'positive';
  if (ihc === '2+') return ish === 'amplified' ? 'positive' : ish === 'not_amplified' ? 'negative' : 'equivocal';
  return 'negative';
}

/** Biomarkers that apply only to some sites (issue 5): HER2 to the stomach; KRAS, NRAS, BRAF to the colorectum and appendix. */
export const SITE_SPECIFIC_PATHOLOGY_ITEMS: Readonly<Record<'her2Ihc' | 'her2Ish' | 'kras' | 'nras' | 'braf', readonly StagingSite[]>> = {
  her2Ihc: ['stomach'],
  her2Ish: ['stomach'],
  kras: ['colorectal', 'appendix'],
  nras: ['colorectal', 'appendix'],
  braf: ['colorectal', 'appendix'],
};

/** Refuse site-specific biomarkers recorded for a site they do not apply to (null site = not staged). */
export function checkSiteSpecificItems(
  site: StagingSite | null,
  items: Readonly<Partial<Record<keyof typeof SITE_SPECIFIC_PATHOLOGY_ITEMS, unknown>>>,
): void {
  const issues = new Issues();
  for (const [item, sites] of Object.entries(SITE_SPECIFIC_PATHOLOGY_ITEMS)) {
    const v = items[item as keyof typeof SITE_SPECIFIC_PATHOLOGY_ITEMS];
    if (v !== undefined && v !== null && (site === null || !sites.includes(site))) {
      issues.add(item, 'not_for_site', 'clinical.diagnosis.itemNotForSite', { sites: sites.join(', ') });
    }
  }
  issues.throwIfAny();
}
