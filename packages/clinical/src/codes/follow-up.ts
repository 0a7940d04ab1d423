import type { CodedOption } from '../bilingual.js';
import type { FollowUpGuideline, FollowUpKind } from '../follow-up/types.js';

export const FOLLOW_UP_KIND_OPTIONS: readonly CodedOption<FollowUpKind>[] = [
  { value: 'visit', label: { zh: '门诊复查（病史、查体）', en: 'Visit (history and examination)' } },
  { value: 'cea', label: { zh: '癌胚抗原（CEA）', en: 'CEA' } },
  { value: 'ca19-9', label: { zh: '糖类抗原 19-9（CA19-9）', en: 'CA19-9' } },
  { value: 'ct', label: { zh: 'CT 检查', en: 'CT' } },
  { value: 'mri', label: { zh: '磁共振（MRI）', en: 'MRI' } },
  { value: 'colonoscopy', label: { zh: '结肠镜', en: 'Colonoscopy' } },
  { value: 'gastroscopy', label: { zh: '胃镜', en: 'Gastroscopy' } },
];

export const FOLLOW_UP_GUIDELINE_OPTIONS: readonly (CodedOption<FollowUpGuideline> & { readonly site: 'colorectal' | 'stomach' })[] = [
  {
    value: 'china-2023-colorectal',
    site: 'colorectal',
    label: { zh: '《中国结直肠癌诊疗规范（2023年版）》', en: 'China NHC colorectal cancer guideline 2023' },
  },
  { value: 'nccn-colon', site: 'colorectal', label: { zh: 'NCCN 结肠癌指南（2022 V1）', en: 'NCCN Colon Cancer V1.2022' } },
  { value: 'csco-gastric', site: 'stomach', label: { zh: 'CSCO 胃癌诊疗指南（2023）', en: 'CSCO gastric cancer guideline 2023' } },
  { value: 'nccn-gastric', site: 'stomach', label: { zh: 'NCCN 胃癌指南', en: 'NCCN Gastric Cancer' } },
];
