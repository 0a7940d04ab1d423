import { newWorkbook } from '../../../core/excel.js';
import {
  INDICATOR_NAMES_ZH,
  MISSING_NAMES_ZH,
  consultationRows,
  educationRows,
  mdtRows,
  researchRows,
  type AnnualReportData,
  type SectionRow,
} from './report-data.js';

/** The annual workbook: every table of the PDF, numbers as numbers (rates 0–1 formatted as %). */
export async function renderAnnualXlsx(d: AnnualReportData): Promise<Buffer> {
  const wb = await newWorkbook();
  wb.creator = 'GISurg';
  wb.created = d.generatedAt;
  const pct = '0.0%';

  const v = wb.addWorksheet('手术量');
  v.columns = [
    { header: '项目', key: 'k', width: 36 },
    { header: '数值', key: 'v', width: 14 },
  ];
  v.addRows([
    { k: '年份', v: d.year },
    { k: '手术例数', v: d.volumes.operations },
    { k: '腹腔镜/机器人手术例数', v: d.volumes.laparoscopic },
    { k: 'CRS+HIPEC 例数', v: d.volumes.crsHipec },
    { k: '腹腔镜手术累计例数（含历史基数）', v: d.volumes.laparoscopicCumulative },
    { k: '历史基数', v: d.volumes.laparoscopicBaseline },
  ]);
  const m = wb.addWorksheet('月度手术量');
  m.columns = [
    { header: '月份', key: 'month', width: 8 },
    { header: '手术例数', key: 'operations', width: 12 },
    { header: '腹腔镜/机器人', key: 'laparoscopic', width: 14 },
  ];
  m.addRows(d.volumes.byMonth);

  const q = wb.addWorksheet('质量指标');
  q.columns = [
    { header: '代码', key: 'code', width: 16 },
    { header: '指标', key: 'name', width: 48 },
    { header: '分子', key: 'numerator', width: 8 },
    { header: '分母', key: 'denominator', width: 8 },
    { header: '率', key: 'rate', width: 9, style: { numFmt: pct } },
    { header: '95% CI 下限', key: 'lower', width: 11, style: { numFmt: pct } },
    { header: '95% CI 上限', key: 'upper', width: 11, style: { numFmt: pct } },
    { header: '目标', key: 'target', width: 10 },
    { header: '缺失数据', key: 'missing', width: 44 },
  ];
  for (const i of d.indicators.indicators)
    q.addRow({
      code: i.code,
      name: INDICATOR_NAMES_ZH[i.code],
      numerator: i.numerator,
      denominator: i.denominator,
      rate: i.rate,
      lower: i.ci?.lower ?? null,
      upper: i.ci?.upper ?? null,
      target: i.target ? `${i.target.comparator}${i.target.value}` : null,
      missing: i.missing.map((x) => `${MISSING_NAMES_ZH[x.reason] ?? x.reason}: ${x.count}`).join('; '),
    });

  const t = wb.addWorksheet('季度趋势');
  t.columns = [
    { header: '季度起始', key: 'period', width: 12 },
    { header: '代码', key: 'code', width: 16 },
    { header: '分子', key: 'numerator', width: 8 },
    { header: '分母', key: 'denominator', width: 8 },
  ];
  for (const p of d.quarters) for (const i of p.indicators) t.addRow({ period: p.period, ...i });

  // Tumor boards, consultations, research, teaching: the PDF's label/value tables, numbers as numbers.
  const section = (name: string, rows: SectionRow[] | null) => {
    const ws = wb.addWorksheet(name);
    ws.columns = [
      { header: '项目', key: 'k', width: 40 },
      { header: '数值', key: 'v', width: 14 },
    ];
    if (rows === null) {
      ws.addRow({ k: `${d.year} 年度暂无数据记录`, v: null });
      return;
    }
    for (const r of rows) {
      const row = ws.addRow({ k: r.label, v: r.value });
      if (r.format === 'percent') row.getCell('v').numFmt = pct;
      if (r.format === 'decimal') row.getCell('v').numFmt = '0.0';
      if (r.format === 'yuan') row.getCell('v').numFmt = '#,##0';
    }
  };
  section('MDT', d.mdt && mdtRows(d.mdt));
  section('会诊', d.consultations && consultationRows(d.consultations));
  section('科研', d.research && researchRows(d.research));
  section('教学', d.education && educationRows(d.education));

  for (const ws of wb.worksheets) ws.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
