import type { Bilingual, CodedOption } from '../bilingual.js';
import type { StagingClassification, StagingSite, TnmAxis } from './types.js';

/**
 * Bilingual labels for the staging form: sites, classifications and the T/N/M categories offered per
 * site, with the AJCC 8 definitions of clinical-rules.md §5.1–5.4 (Chinese wording by us, for review).
 */

export const STAGING_SITE_OPTIONS: readonly CodedOption<StagingSite>[] = [
  { value: 'stomach', label: { zh: '胃', en: 'Stomach' } },
  { value: 'colorectal', label: { zh: '结直肠', en: 'Colon and rectum' } },
  { value: 'anus', label: { zh: '肛管', en: 'Anus' } },
  { value: 'appendix', label: { zh: '阑尾', en: 'Appendix' } },
];

export const STAGING_CLASSIFICATION_OPTIONS: readonly CodedOption<StagingClassification>[] = [
  { value: 'c', label: { zh: '临床分期（cTNM）', en: 'Clinical (cTNM)' } },
  { value: 'p', label: { zh: '病理分期（pTNM）', en: 'Pathological (pTNM)' } },
  { value: 'yp', label: { zh: '新辅助治疗后病理分期（ypTNM）', en: 'Post-neoadjuvant pathological (ypTNM)' } },
];

export const GRADE_OPTIONS: readonly CodedOption<'G1' | 'G2' | 'G3' | 'GX'>[] = [
  { value: 'G1', label: { zh: 'G1 高分化 / 低级别', en: 'G1 well differentiated / low grade' } },
  { value: 'G2', label: { zh: 'G2 中分化', en: 'G2 moderately differentiated' } },
  { value: 'G3', label: { zh: 'G3 低分化', en: 'G3 poorly differentiated' } },
  { value: 'GX', label: { zh: 'GX 分级无法评估', en: 'GX grade cannot be assessed' } },
];

type Defs = readonly (readonly [string, string, string])[];

const COMMON_T: Defs = [
  ['TX', '原发肿瘤无法评估', 'Primary tumour cannot be assessed'],
  ['T0', '无原发肿瘤证据', 'No evidence of primary tumour'],
];
const COMMON_N: Defs = [
  ['NX', '区域淋巴结无法评估', 'Regional lymph nodes cannot be assessed'],
  ['N0', '无区域淋巴结转移', 'No regional lymph node metastasis'],
];
const M0: readonly [string, string, string] = ['M0', '无远处转移', 'No distant metastasis'];

const STOMACH_T: Defs = [
  ...COMMON_T,
  ['Tis', '原位癌：上皮内肿瘤，未侵及固有层，高级别异型增生', 'Carcinoma in situ: intraepithelial tumour, high-grade dysplasia'],
  ['T1', '侵及固有层、黏膜肌层或黏膜下层', 'Invades lamina propria, muscularis mucosae or submucosa'],
  ['T1a', '侵及固有层或黏膜肌层', 'Invades lamina propria or muscularis mucosae'],
  ['T1b', '侵及黏膜下层', 'Invades submucosa'],
  ['T2', '侵及固有肌层', 'Invades muscularis propria'],
  ['T3', '穿透固有肌层达浆膜下结缔组织', 'Penetrates subserosal connective tissue'],
  ['T4a', '侵及浆膜（脏层腹膜）', 'Invades serosa (visceral peritoneum)'],
  ['T4b', '侵及邻近结构', 'Invades adjacent structures'],
];
const STOMACH_N_SPLIT: Defs = [
  ...COMMON_N,
  ['N1', '1–2 个区域淋巴结转移', '1–2 positive regional nodes'],
  ['N2', '3–6 个区域淋巴结转移', '3–6 positive regional nodes'],
  ['N3a', '7–15 个区域淋巴结转移', '7–15 positive regional nodes'],
  ['N3b', '≥16 个区域淋巴结转移', '16 or more positive regional nodes'],
];
const STOMACH_N_UNSPLIT: Defs = [
  ...COMMON_N,
  ['N1', '1–2 个区域淋巴结转移', '1–2 positive regional nodes'],
  ['N2', '3–6 个区域淋巴结转移', '3–6 positive regional nodes'],
  ['N3', '≥7 个区域淋巴结转移', '7 or more positive regional nodes'],
];
const COLORECTAL_T: Defs = [
  ...COMMON_T,
  ['Tis', '黏膜内癌（侵及固有层）', 'Intramucosal carcinoma (lamina propria)'],
  ['T1', '侵及黏膜下层', 'Invades submucosa'],
  ['T2', '侵及固有肌层', 'Invades muscularis propria'],
  ['T3', '穿透固有肌层至结直肠周围组织', 'Through the muscularis propria into pericolorectal tissue'],
  ['T4a', '穿透至脏层腹膜表面', 'Penetrates to the surface of the visceral peritoneum'],
  ['T4b', '直接侵犯或粘连其他器官或结构', 'Directly invades or adheres to other organs or structures'],
];
const COLORECTAL_N: Defs = [
  ...COMMON_N,
  ['N1a', '1 个区域淋巴结转移', '1 positive regional node'],
  ['N1b', '2–3 个区域淋巴结转移', '2–3 positive regional nodes'],
  [
    'N1c',
    '无淋巴结转移，但浆膜下、肠系膜或无腹膜覆盖的结直肠周围组织内有肿瘤结节',
    'No positive nodes, but tumour deposit(s) in subserosa, mesentery or non-peritonealised pericolic/perirectal tissue',
  ],
  ['N2a', '4–6 个区域淋巴结转移', '4–6 positive regional nodes'],
  ['N2b', '≥7 个区域淋巴结转移', '7 or more positive regional nodes'],
];
const COLORECTAL_M: Defs = [
  M0,
  [
    'M1a',
    '转移局限于 1 个器官或部位（如肝、肺、卵巢、非区域淋巴结），无腹膜转移',
    'Confined to 1 organ/site (e.g. liver, lung, ovary, non-regional node), no peritoneal metastasis',
  ],
  ['M1b', '转移至 1 个以上器官或部位，无腹膜转移', 'More than 1 organ/site, no peritoneal metastasis'],
  ['M1c', '腹膜表面转移，伴或不伴其他器官转移', 'Peritoneal surface metastasis, alone or with other organs'],
];
const ANUS_T: Defs = [
  ...COMMON_T,
  ['Tis', '高级别鳞状上皮内病变（HSIL，AIN II–III）', 'HSIL (AIN II–III)'],
  ['T1', '肿瘤最大径 ≤2 cm', 'Tumour ≤ 2 cm'],
  ['T2', '肿瘤最大径 >2 cm 且 ≤5 cm', 'Tumour > 2 cm and ≤ 5 cm'],
  ['T3', '肿瘤最大径 >5 cm', 'Tumour > 5 cm'],
  [
    'T4',
    '任何大小，侵犯邻近器官（如阴道、尿道、膀胱）；仅侵犯直肠壁、肛周皮肤、皮下组织或括约肌不属 T4',
    'Any size invading adjacent organ(s), e.g. vagina, urethra, bladder (not rectal wall, perianal skin, subcutaneous tissue or sphincter)',
  ],
];
const ANUS_N: Defs = [
  ...COMMON_N,
  ['N1a', '腹股沟、直肠系膜和/或髂内淋巴结转移', 'Inguinal, mesorectal and/or internal iliac nodes'],
  ['N1b', '髂外淋巴结转移', 'External iliac nodes'],
  ['N1c', '髂外淋巴结转移伴任何 N1a 淋巴结转移', 'External iliac plus any N1a nodes'],
];
const APPENDIX_T: Defs = [
  ...COMMON_T,
  ['Tis', '黏膜内癌', 'Intramucosal carcinoma'],
  ['Tis(LAMN)', '低级别阑尾黏液性肿瘤（LAMN）局限于固有肌层内', 'LAMN confined by the muscularis propria'],
  ['T1', '侵及黏膜下层', 'Invades submucosa'],
  ['T2', '侵及固有肌层', 'Invades muscularis propria'],
  ['T3', '侵及浆膜下或阑尾系膜', 'Invades subserosa or mesoappendix'],
  [
    'T4a',
    '穿透脏层腹膜，包括浆膜面的黏液或黏液上皮',
    'Through the visceral peritoneum, including mucin or mucinous epithelium on the serosa',
  ],
  ['T4b', '直接侵犯或粘连邻近器官或结构', 'Directly invades or adheres to adjacent organs or structures'],
];
const APPENDIX_N: Defs = [
  ...COMMON_N,
  ['N1a', '1 个区域淋巴结转移', '1 positive regional node'],
  ['N1b', '2–3 个区域淋巴结转移', '2–3 positive regional nodes'],
  ['N1c', '无淋巴结转移，但有肿瘤结节', 'Tumour deposits, no positive nodes'],
  ['N2', '≥4 个区域淋巴结转移', '4 or more positive regional nodes'],
];
const APPENDIX_M: Defs = [
  M0,
  ['M1a', '腹腔内仅有无细胞性黏液', 'Intraperitoneal acellular mucin only'],
  ['M1b', '仅腹腔内转移，包括含肿瘤细胞的黏液沉积', 'Intraperitoneal metastasis only, including mucinous deposits with tumour cells'],
  ['M1c', '腹膜以外部位转移', 'Metastasis to sites other than the peritoneum'],
];

function options(defs: Defs): readonly CodedOption[] {
  return defs.map(([value, zh, en]) => ({ value, label: { zh, en } satisfies Bilingual }));
}

/**
 * The categories a form should offer for one site, classification and axis (every value is accepted by
 * stageAjcc8; it also accepts a few more spellings, e.g. a bare T4 or N2).
 */
export function tnmCategoryOptions(site: StagingSite, classification: StagingClassification, axis: TnmAxis): readonly CodedOption[] {
  switch (site) {
    case 'stomach':
      if (axis === 'T') return options(STOMACH_T);
      if (axis === 'N') return options(classification === 'p' ? STOMACH_N_SPLIT : STOMACH_N_UNSPLIT);
      return options([M0, ['M1', '有远处转移（含腹膜转移）', 'Distant metastasis (including peritoneal)']]);
    case 'colorectal':
      return options(axis === 'T' ? COLORECTAL_T : axis === 'N' ? COLORECTAL_N : COLORECTAL_M);
    case 'anus':
      return options(
        axis === 'T'
          ? ANUS_T
          : axis === 'N'
            ? ANUS_N
            : [M0, ['M1', '有远处转移（主动脉旁淋巴结转移属 M1）', 'Distant metastasis (para-aortic nodes count as M1)']],
      );
    case 'appendix':
      return options(axis === 'T' ? APPENDIX_T : axis === 'N' ? APPENDIX_N : APPENDIX_M);
  }
}
