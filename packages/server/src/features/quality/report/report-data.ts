import type { Indicator, Indicators, Volumes } from '@gisurg/contracts/quality';
import type { ConsultationPeriodSummary } from '../../consultations/index.js';
import type { EducationPeriodSummary } from '../../education/index.js';
import type { MdtPeriodSummary } from '../../mdt/index.js';
import type { ResearchPeriodSummary } from '../../research/index.js';

/** Everything the annual report shows; the PDF and the workbook are drawn from this one object. */
export interface AnnualReportData {
  year: number;
  hospital: string;
  department: string | null;
  generatedAt: Date;
  generatedOn: string;
  volumes: Volumes;
  indicators: Indicators;
  quarters: { period: string; indicators: { code: Indicator['code']; numerator: number; denominator: number }[] }[];
  /** The other features' figures of the year, from their public summary functions; null = no data recorded. */
  mdt: MdtPeriodSummary | null;
  consultations: ConsultationPeriodSummary | null;
  research: ResearchPeriodSummary | null;
  education: EducationPeriodSummary | null;
}

/** One label/value list per section: the PDF tables and the workbook sheets are both drawn from it. */
export interface SectionRow {
  label: string;
  value: number | null;
  /** How the PDF prints the value (the workbook keeps the number). */
  format?: 'integer' | 'percent' | 'decimal' | 'yuan';
}

export const FUNDER_NAMES_ZH: Record<string, string> = {
  nsfc: '国家自然科学基金',
  zhejiang_nsf: '浙江省自然科学基金',
  health_commission: '省卫生健康委科研项目',
  hospital: '院级项目',
  other: '其他',
};
const GROUP_NAMES_ZH = { gastric: '胃癌', colorectal: '结直肠癌', peritoneal: '腹膜肿瘤' } as const;

export function mdtRows(m: MdtPeriodSummary): SectionRow[] {
  const c = m.concordance;
  return [
    { label: 'MDT 会议次数', value: m.boardsHeld },
    { label: '其中院内 MDT', value: m.boardsByKind.intra },
    { label: '其中院际（远程）MDT', value: m.boardsByKind.inter },
    { label: '讨论病例数（已形成决议）', value: m.casesDiscussed },
    { label: '讨论患者数', value: m.patients },
    { label: '决议完全执行病例', value: c.delivered },
    { label: '决议部分执行病例', value: c.partly },
    { label: '决议未执行病例', value: c.notDelivered },
    { label: '执行中病例（尚无结论）', value: c.pending },
    { label: 'MDT 执行一致率（完全执行 / 已有结论）', value: c.concordanceRate, format: 'percent' },
    ...m.byTumorGroup.flatMap((g) => [
      { label: `${GROUP_NAMES_ZH[g.tumorGroup]} MDT 会议次数`, value: g.boards },
      { label: `${GROUP_NAMES_ZH[g.tumorGroup]} MDT 执行一致率`, value: g.concordanceRate, format: 'percent' as const },
    ]),
  ];
}

export function consultationRows(c: ConsultationPeriodSummary): SectionRow[] {
  return [
    { label: '收到会诊申请', value: c.received },
    { label: '申请医院数', value: c.hospitals },
    { label: '已答复', value: c.answered },
    { label: '时限内答复', value: c.answeredWithinDeadline },
    { label: '答复时间中位数（小时）', value: c.medianHoursToAnswer, format: 'decimal' },
    { label: '建议当地治疗', value: c.recommendations.manage_locally },
    { label: '建议提交 MDT', value: c.recommendations.mdt },
    { label: '建议转诊', value: c.recommendations.transfer },
    { label: '填写结束问卷', value: c.surveyed },
    { label: '问卷：避免了转诊', value: c.referralAvoided },
    { label: '转诊入院', value: c.referralsAdmitted },
  ];
}

export function researchRows(r: ResearchPeriodSummary): SectionRow[] {
  return [
    { label: '在研项目数', value: r.projectsActive },
    ...r.byFunder.map((f) => ({ label: `其中${FUNDER_NAMES_ZH[f.funder] ?? f.funder}`, value: f.projects })),
    { label: '在研项目经费（元）', value: r.budgetYuan, format: 'yuan' },
    { label: '本年知情同意入组患者', value: r.enrolled },
    { label: '年末在组患者（未撤回同意）', value: r.consentingAtEnd },
    { label: '论文', value: r.outputs.paper },
    { label: '专利', value: r.outputs.patent },
    { label: '奖励', value: r.outputs.award },
  ];
}

export function educationRows(e: EducationPeriodSummary): SectionRow[] {
  return [
    { label: '学术论坛', value: e.events.forum },
    { label: '学习班', value: e.events.teaching_class },
    { label: '授课场次', value: e.sessions },
    { label: '报名人数', value: e.registrations },
    { label: '签到学员', value: e.attendees },
    { label: '可颁发学分证书', value: e.certificates },
    { label: '授予继续医学教育学分', value: e.creditsAwarded, format: 'decimal' },
    { label: '在站研究生/规培学员', value: e.trainees },
    { label: '学员病例记录：参与手术', value: e.caseLog.operations },
    { label: '学员病例记录：参加 MDT', value: e.caseLog.mdt },
    { label: '学员病例记录：其他记录', value: e.caseLog.entries },
    { label: '导师已签核记录', value: e.caseLog.signedOff },
  ];
}

/** How the PDF prints a section value (the workbook keeps the raw number). */
export function sectionValue(r: SectionRow): string {
  if (r.value === null) return '—';
  switch (r.format ?? 'integer') {
    case 'percent':
      return percent(r.value);
    case 'decimal':
      return r.value.toFixed(1);
    case 'yuan':
      return Math.round(r.value).toLocaleString('en-US');
    case 'integer':
      return String(r.value);
  }
}

export const INDICATOR_NAMES_ZH: Record<Indicator['code'], string> = {
  ln_adequacy: '淋巴结检出达标率（胃癌≥16枚、结直肠癌≥12枚）',
  conversion: '腹腔镜/机器人中转开腹率',
  cd3plus: '术后30天内严重并发症（Clavien-Dindo≥Ⅲa）发生率',
  mortality_30d: '术后30天死亡率',
  r0: 'R0切除率',
};

export const MISSING_NAMES_ZH: Record<string, string> = {
  no_pathology: '无病理报告',
  no_node_count: '未记录淋巴结检出数',
  no_margin: '未记录切缘',
  window_open: '术后未满30天且无死亡记录（计入分母）',
};

/** One formatting for every output (dashboard, workbook and PDF agree to the digit). */
export const percent = (rate: number | null): string => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);
export const ciText = (ci: Indicator['ci']): string =>
  ci === null ? '—' : `${(ci.lower * 100).toFixed(1)}%–${(ci.upper * 100).toFixed(1)}%`;
export const targetText = (t: Indicator['target']): string =>
  t === null ? '未设定' : `${t.comparator === '>=' ? '≥' : '≤'}${(t.value * 100).toFixed(1)}%`;
export const missingText = (m: Indicator['missing']): string =>
  m
    .filter((x) => x.count > 0)
    .map((x) => `${MISSING_NAMES_ZH[x.reason] ?? x.reason} ${x.count}`)
    .join('；') || '0';
