import type { CodedOption } from '../bilingual.js';

/**
 * Pathology report items beyond TNM (issue 5): mismatch repair / microsatellite status, HER2 (gastric),
 * RAS/BRAF (colorectal). Which items apply to which site is `pathologyItemApplies` (record/pathology.ts).
 */

export const MMR_STATUSES = ['pMMR', 'dMMR'] as const;
export type MmrStatus = (typeof MMR_STATUSES)[number];
export const MMR_OPTIONS: readonly CodedOption<MmrStatus>[] = [
  { value: 'pMMR', label: { zh: 'pMMR（错配修复功能完整）', en: 'pMMR (mismatch repair proficient)' } },
  { value: 'dMMR', label: { zh: 'dMMR（错配修复功能缺陷）', en: 'dMMR (mismatch repair deficient)' } },
];

export const MSI_STATUSES = ['MSS', 'MSI-L', 'MSI-H'] as const;
export type MsiStatus = (typeof MSI_STATUSES)[number];
export const MSI_OPTIONS: readonly CodedOption<MsiStatus>[] = [
  { value: 'MSS', label: { zh: 'MSS（微卫星稳定）', en: 'MSS (microsatellite stable)' } },
  { value: 'MSI-L', label: { zh: 'MSI-L（微卫星低度不稳定）', en: 'MSI-L (low)' } },
  { value: 'MSI-H', label: { zh: 'MSI-H（微卫星高度不稳定）', en: 'MSI-H (high)' } },
];

export const HER2_IHC_SCORES = ['0', '1+', '2+', '3+'] as const;
export type Her2IhcScore = (typeof HER2_IHC_SCORES)[number];
export const HER2_IHC_OPTIONS: readonly CodedOption<Her2IhcScore>[] = HER2_IHC_SCORES.map((v) => ({
  value: v,
  label: { zh: `IHC ${v}`, en: `IHC ${v}` },
}));

export const HER2_ISH_RESULTS = ['amplified', 'not_amplified'] as const;
export type Her2IshResult = (typeof HER2_ISH_RESULTS)[number];
export const HER2_ISH_OPTIONS: readonly CodedOption<Her2IshResult>[] = [
  { value: 'amplified', label: { zh: 'ISH 扩增', en: 'ISH amplified' } },
  { value: 'not_amplified', label: { zh: 'ISH 无扩增', en: 'ISH not amplified' } },
];

export const RAS_STATUSES = ['wild_type', 'mutant'] as const;
export type RasStatus = (typeof RAS_STATUSES)[number];
export const RAS_OPTIONS: readonly CodedOption<RasStatus>[] = [
  { value: 'wild_type', label: { zh: '野生型', en: 'Wild type' } },
  { value: 'mutant', label: { zh: '突变型', en: 'Mutant' } },
];

export const BRAF_STATUSES = ['wild_type', 'v600e', 'non_v600e'] as const;
export type BrafStatus = (typeof BRAF_STATUSES)[number];
export const BRAF_OPTIONS: readonly CodedOption<BrafStatus>[] = [
  { value: 'wild_type', label: { zh: '野生型', en: 'Wild type' } },
  { value: 'v600e', label: { zh: 'V600E 突变', en: 'V600E mutant' } },
  { value: 'non_v600e', label: { zh: '非 V600E 突变', en: 'Non-V600E mutant' } },
];
