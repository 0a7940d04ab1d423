import type { Indicator, Indicators, Volumes } from '@gisurg/contracts/quality';

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
