import {
  DEFAULT_LYMPH_NODE_THRESHOLDS,
  checkNAgainstNodeCounts,
  checkNodeCounts,
  checkSiteSpecificItems,
  her2Status,
  lymphNodesAdequate,
  nCategoryFromNodes,
  parseCategory,
  stageAjcc8,
  type StagingSite,
} from '@gisurg/clinical';
import type { PutPathology } from '@gisurg/contracts/oncology-record';
import type { Problems } from '../../../core/problems.js';

export interface StagedPathology {
  classification: 'p' | 'yp' | null;
  stagingSite: StagingSite | null;
  t: string | null;
  n: string | null;
  nDerived: boolean | null;
  m: string | null;
  pathologicalStage: string | null;
  stagingEdition: number | null;
  lymphNodesAdequate: boolean | null;
  lymphNodeThreshold: number | null;
  her2Status: string | null;
}

const given = (v: unknown): boolean => v !== undefined && v !== null && v !== '';

/**
 * The rules of a pathology report (issue 5), shared by the API and the import:
 * - the report is dated on or after the operation and not in the future;
 * - N comes from the counts by site (nCategoryFromNodes: positive ≤ examined, NX when none examined);
 *   an N sent along must agree; for the anus the N is entered and must not contradict the counts;
 * - the stage is stageAjcc8 with classification p, or yp after neoadjuvant therapy; a stage sent along
 *   must agree; lymph-node adequacy (lymphNodesAdequate, default threshold by site) is stored with the
 *   threshold used;
 * - HER2 only for the stomach, KRAS/NRAS/BRAF only for the colorectum and appendix;
 * - a diagnosis without an AJCC chapter (peritoneal tumours, mesothelioma) takes no T/N/M.
 */
export function evaluatePathology(
  problems: Problems,
  p: PutPathology,
  ctx: { stagingSite: StagingSite | null; operationDate: string; today: string; hasDiagnosis: boolean },
): StagedPathology {
  const site = ctx.stagingSite;
  const out: StagedPathology = {
    classification: null,
    stagingSite: site,
    t: null,
    n: null,
    nDerived: null,
    m: null,
    pathologicalStage: null,
    stagingEdition: null,
    lymphNodesAdequate: null,
    lymphNodeThreshold: null,
    her2Status: null,
  };
  problems.notBefore('reportDate', p.reportDate, ctx.operationDate, 'oncology.validation.reportBeforeOperation');
  problems.notFuture('reportDate', p.reportDate, ctx.today);
  problems.clinical('', () =>
    checkSiteSpecificItems(site, { her2Ihc: p.her2Ihc, her2Ish: p.her2Ish, kras: p.kras, nras: p.nras, braf: p.braf }),
  );
  if (site === 'stomach') out.her2Status = her2Status(p.her2Ihc, p.her2Ish);

  const hasCounts = given(p.nodesExamined) || given(p.nodesPositive);
  const bothCounts = given(p.nodesExamined) && given(p.nodesPositive);
  if (hasCounts && !bothCounts) problems.add(given(p.nodesExamined) ? 'nodesPositive' : 'nodesExamined', 'oncology.validation.nodesOrN');
  const counts = bothCounts ? { examined: p.nodesExamined!, positive: p.nodesPositive!, tumorDeposits: p.tumorDeposits ?? null } : null;

  if (site === null) {
    if (counts) problems.clinical('', () => checkNodeCounts(counts));
    const tnm = (['t', 'n', 'm'] as const).filter((k) => given(p[k]));
    if (tnm.length > 0)
      problems.add(tnm[0]!, ctx.hasDiagnosis ? 'clinical.staging.noStagingForSite' : 'oncology.validation.pathologyNeedsDiagnosis');
    if (given(p.pathologicalStage)) problems.agree('pathologicalStage', p.pathologicalStage, null);
    return out;
  }

  out.classification = p.neoadjuvant ? 'yp' : 'p';
  const derived = counts ? problems.clinical('', () => nCategoryFromNodes(site, counts)) : undefined;
  let n: string | null = null;
  if (derived) {
    n = derived;
    out.nDerived = true;
    if (given(p.n)) {
      const sent = parseCategory('N', p.n!)?.category ?? p.n!;
      if (sent !== derived) problems.add('n', 'oncology.validation.computedMismatch', { expected: derived });
    }
  } else if (derived === null || !counts) {
    // Anus (location decides N), or no counts: the pathologist's N is entered.
    if (!given(p.n)) {
      if (derived === null || !hasCounts)
        problems.add('n', site === 'anus' ? 'clinical.staging.nRequiredForSite' : 'oncology.validation.nodesOrN');
    } else {
      n = p.n!;
      out.nDerived = false;
      if (counts) problems.clinical('', () => checkNAgainstNodeCounts(p.n!, counts));
    }
  }
  if (!given(p.t)) problems.add('t', 'validation.required');
  if (!given(p.m)) problems.add('m', 'validation.required');
  if (given(p.t) && n !== null && given(p.m)) {
    const staged = problems.clinical('', () =>
      stageAjcc8({ site, classification: out.classification!, t: p.t!, n: n, m: p.m!, ...(p.grade ? { grade: p.grade } : {}) }),
    );
    if (staged) {
      out.t = staged.categories.t;
      out.n = staged.categories.n;
      out.m = staged.categories.m;
      out.pathologicalStage = staged.stage;
      out.stagingEdition = staged.edition;
    }
  }
  if (counts && (site === 'stomach' || site === 'colorectal')) {
    out.lymphNodeThreshold = DEFAULT_LYMPH_NODE_THRESHOLDS[site];
    out.lymphNodesAdequate = problems.clinical('', () => lymphNodesAdequate({ site, examined: counts.examined })) ?? null;
  }
  if (!problems.any) {
    problems.agree('pathologicalStage', p.pathologicalStage, out.pathologicalStage);
    problems.agree('lymphNodesAdequate', p.lymphNodesAdequate, out.lymphNodesAdequate);
  }
  return out;
}
