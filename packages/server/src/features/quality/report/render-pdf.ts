import type { PdfFont } from '../../../shared/pdf-font.js';
import { newPdf } from '../../../shared/pdf-document.js';
import {
  INDICATOR_NAMES_ZH,
  ciText,
  consultationRows,
  educationRows,
  mdtRows,
  missingText,
  percent,
  researchRows,
  sectionValue,
  targetText,
  type AnnualReportData,
  type SectionRow,
} from './report-data.js';

const INK = '#1f2933';
const ACCENT = '#0f6e56';
const GRID = '#d0d7de';
const BAR = '#3a8f76';

/**
 * The annual discipline report (issue 12) in Chinese: cover, contents, volumes with a monthly bar chart,
 * quality indicators with a rate/CI/target chart, quarterly trend, and the sections whose data GISurg does
 * not hold yet, marked as such. Charts are drawn as vector graphics.
 */
export async function renderAnnualPdf(d: AnnualReportData, font: PdfFont): Promise<Buffer> {
  const title = `${d.year} 年度学科质量报告`;
  const pdf = await newPdf(font, { title, author: d.hospital, createdAt: d.generatedAt });
  const { doc, width } = pdf;
  const left = doc.page.margins.left;

  // Cover.
  doc.moveDown(8).fontSize(22).fillColor(INK).text(d.hospital, { width, align: 'center' });
  if (d.department) doc.moveDown(0.5).fontSize(16).fillColor('#444444').text(d.department, { width, align: 'center' });
  doc.moveDown(2).fontSize(26).fillColor(ACCENT).text(title, { width, align: 'center' });
  doc.moveDown(1).fontSize(12).fillColor('#555555').text(`统计期间：${d.year}-01-01 至 ${d.year}-12-31`, { width, align: 'center' });
  doc.text(`生成日期：${d.generatedOn}（由 GISurg 根据病历数据自动生成，可重复生成）`, { width, align: 'center' });

  // Contents.
  doc.addPage();
  const sections = [
    '一、手术量',
    '二、质量指标',
    '三、季度趋势',
    '四、MDT 与执行一致性',
    '五、院际会诊与帮扶',
    '六、科研',
    '七、教学',
    '附：指标定义',
  ];
  doc.fontSize(18).fillColor(ACCENT).text('目录', { width });
  doc.moveDown(0.5).fontSize(12).fillColor(INK);
  for (const s of sections) doc.text(s, { width }).moveDown(0.3);

  const heading = (text: string) => {
    if (doc.y > doc.page.height - doc.page.margins.bottom - 160) doc.addPage();
    doc.moveDown(0.8).fontSize(15).fillColor(ACCENT).text(text, left, undefined, { width });
    doc
      .moveTo(left, doc.y + 2)
      .lineTo(left + width, doc.y + 2)
      .lineWidth(0.6)
      .strokeColor('#b7d7cb')
      .stroke();
    doc.moveDown(0.5).fontSize(10).fillColor(INK);
  };
  /** A simple table: fixed column widths, header row shaded. */
  const table = (headers: string[], rows: string[][], widths: number[]) => {
    const rowHeight = (cells: string[]) => Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: widths[i]! - 6 }))) + 6;
    const drawRow = (cells: string[], header: boolean) => {
      const h = rowHeight(cells);
      if (doc.y + h > doc.page.height - doc.page.margins.bottom) doc.addPage();
      const y = doc.y;
      if (header) doc.rect(left, y, width, h).fill('#eef5f2');
      let x = left;
      cells.forEach((c, i) => {
        doc.fillColor(header ? ACCENT : INK).text(c, x + 3, y + 3, { width: widths[i]! - 6 });
        x += widths[i]!;
      });
      doc
        .moveTo(left, y + h)
        .lineTo(left + width, y + h)
        .lineWidth(0.4)
        .strokeColor(GRID)
        .stroke();
      doc.x = left;
      doc.y = y + h;
    };
    doc.fontSize(9);
    drawRow(headers, true);
    for (const r of rows) drawRow(r, false);
    doc.fontSize(10).moveDown(0.5);
  };

  // 1. Volumes.
  doc.addPage();
  heading(sections[0]!);
  const v = d.volumes;
  const share = v.operations > 0 ? v.laparoscopic / v.operations : null;
  table(
    ['项目', '数值'],
    [
      ['手术例数', String(v.operations)],
      ['腹腔镜/机器人手术例数', String(v.laparoscopic)],
      ['腹腔镜/机器人手术占比', percent(share)],
      ['CRS+HIPEC 例数', String(v.crsHipec)],
      ['腹腔镜手术累计例数（含历史基数）', String(v.laparoscopicCumulative)],
      ['其中历史基数', String(v.laparoscopicBaseline)],
      ['胃癌根治性切除', String(v.bySite.find((s) => s.site === 'stomach')?.operations ?? 0)],
      ['结直肠癌根治性切除', String(v.bySite.find((s) => s.site === 'colorectal')?.operations ?? 0)],
    ],
    [width * 0.7, width * 0.3],
  );
  // Monthly bar chart.
  doc.fontSize(11).fillColor(INK).text('月度手术量（深色：腹腔镜/机器人）', left, undefined, { width });
  const chartTop = doc.y + 8;
  const chartH = 150;
  const max = Math.max(1, ...v.byMonth.map((m) => m.operations));
  const slot = width / 12;
  doc.lineWidth(0.5).strokeColor(GRID);
  for (let g = 0; g <= 4; g += 1) {
    const y = chartTop + chartH - (chartH * g) / 4;
    doc
      .moveTo(left, y)
      .lineTo(left + width, y)
      .stroke();
    doc
      .fontSize(7)
      .fillColor('#777777')
      .text(String(Math.round((max * g) / 4)), left - 24, y - 4, { width: 20, align: 'right', lineBreak: false });
  }
  v.byMonth.forEach((m, i) => {
    const x = left + i * slot + slot * 0.15;
    const w = slot * 0.7;
    const h = (chartH * m.operations) / max;
    const hl = (chartH * m.laparoscopic) / max;
    doc.rect(x, chartTop + chartH - h, w, h).fill('#a9d3c4');
    doc.rect(x, chartTop + chartH - hl, w, hl).fill(BAR);
    doc
      .fontSize(7)
      .fillColor(INK)
      .text(`${m.month}月`, left + i * slot, chartTop + chartH + 3, { width: slot, align: 'center', lineBreak: false });
    doc.text(String(m.operations), left + i * slot, chartTop + chartH - h - 10, { width: slot, align: 'center', lineBreak: false });
  });
  doc.x = left;
  doc.y = chartTop + chartH + 24;

  // 2. Indicators.
  heading(sections[1]!);
  const ind = d.indicators.indicators;
  table(
    ['指标', '分子', '分母', '率', '95% CI', '目标', '缺失数据'],
    ind.map((i) => [
      INDICATOR_NAMES_ZH[i.code],
      String(i.numerator),
      String(i.denominator),
      percent(i.rate),
      ciText(i.ci),
      targetText(i.target),
      missingText(i.missing),
    ]),
    [width * 0.3, width * 0.07, width * 0.07, width * 0.09, width * 0.16, width * 0.1, width * 0.21],
  );
  // Rate chart: bar = rate, whisker = 95 % CI, red tick = target.
  doc.fontSize(11).fillColor(INK).text('指标率与 95% 置信区间（红线：目标）', left, undefined, { width });
  const labelW = 150;
  const plotW = width - labelW - 10;
  let y = doc.y + 8;
  if (y + ind.length * 26 + 20 > doc.page.height - doc.page.margins.bottom) {
    doc.addPage();
    y = doc.y;
  }
  for (let g = 0; g <= 4; g += 1) {
    const x = left + labelW + (plotW * g) / 4;
    doc
      .moveTo(x, y)
      .lineTo(x, y + ind.length * 26)
      .lineWidth(0.4)
      .strokeColor(GRID)
      .stroke();
    doc
      .fontSize(7)
      .fillColor('#777777')
      .text(`${g * 25}%`, x - 15, y + ind.length * 26 + 3, { width: 30, align: 'center', lineBreak: false });
  }
  for (const i of ind) {
    doc
      .fontSize(8)
      .fillColor(INK)
      .text(INDICATOR_NAMES_ZH[i.code].replace(/（.*）/, ''), left, y + 6, { width: labelW - 6, lineBreak: false, ellipsis: true });
    if (i.rate !== null) doc.rect(left + labelW, y + 5, Math.max(0.5, plotW * i.rate), 14).fill(BAR);
    if (i.ci) {
      const x1 = left + labelW + plotW * i.ci.lower;
      const x2 = left + labelW + plotW * i.ci.upper;
      doc
        .moveTo(x1, y + 12)
        .lineTo(x2, y + 12)
        .moveTo(x1, y + 8)
        .lineTo(x1, y + 16)
        .moveTo(x2, y + 8)
        .lineTo(x2, y + 16)
        .lineWidth(1)
        .strokeColor('#222222')
        .stroke();
    }
    if (i.target) {
      const xt = left + labelW + plotW * i.target.value;
      doc
        .moveTo(xt, y + 2)
        .lineTo(xt, y + 22)
        .lineWidth(1.5)
        .strokeColor('#c0392b')
        .stroke();
    }
    y += 26;
  }
  doc.x = left;
  doc.y = y + 20;

  // 3. Quarterly trend.
  heading(sections[2]!);
  const codes = ind.map((i) => i.code);
  table(
    ['季度', ...codes.map((c) => INDICATOR_NAMES_ZH[c].replace(/（.*）/, ''))],
    d.quarters.map((p) => [
      p.period,
      ...codes.map((c) => {
        const x = p.indicators.find((i) => i.code === c);
        return x ? `${x.numerator}/${x.denominator}` : '0/0';
      }),
    ]),
    [width * 0.15, ...codes.map(() => (width * 0.85) / codes.length)],
  );

  // 4–7. Tumor boards, consultations, research, teaching: label/value tables, or "no data recorded".
  const section = (title: string, rows: SectionRow[] | null, note: string, chart?: () => void) => {
    heading(title);
    if (rows === null) {
      doc.text(`${d.year} 年度暂无数据记录。`, { width });
      return;
    }
    table(
      ['项目', '数值'],
      rows.map((r) => [r.label, sectionValue(r)]),
      [width * 0.7, width * 0.3],
    );
    chart?.();
    doc.fontSize(8).fillColor('#555555').text(note, left, undefined, { width }).fontSize(10).fillColor(INK);
  };
  /** MDT decisions by outcome: one stacked bar (delivered, partly, not delivered, pending) with a legend. */
  const outcomeBar = () => {
    const c = d.mdt!.concordance;
    const parts = [
      { label: '完全执行', n: c.delivered, color: BAR },
      { label: '部分执行', n: c.partly, color: '#a9d3c4' },
      { label: '未执行', n: c.notDelivered, color: '#c0392b' },
      { label: '执行中', n: c.pending, color: '#d0d7de' },
    ];
    const total = parts.reduce((a, p) => a + p.n, 0);
    if (total === 0) return;
    if (doc.y + 60 > doc.page.height - doc.page.margins.bottom) doc.addPage();
    doc.fontSize(11).fillColor(INK).text('MDT 决议执行情况（病例数）', left, undefined, { width });
    const y = doc.y + 6;
    let x = left;
    for (const p of parts) {
      const w = (width * p.n) / total;
      if (w > 0) doc.rect(x, y, w, 18).fill(p.color);
      if (w > 16)
        doc
          .fontSize(8)
          .fillColor(p.color === '#d0d7de' || p.color === '#a9d3c4' ? INK : '#ffffff')
          .text(String(p.n), x, y + 5, { width: w, align: 'center', lineBreak: false });
      x += w;
    }
    let lx = left;
    for (const p of parts) {
      doc.rect(lx, y + 26, 8, 8).fill(p.color);
      doc
        .fontSize(8)
        .fillColor(INK)
        .text(`${p.label} ${p.n}`, lx + 11, y + 25, { lineBreak: false });
      lx += 90;
    }
    doc.x = left;
    doc.y = y + 44;
  };
  section(
    sections[3]!,
    d.mdt && mdtRows(d.mdt),
    '统计当年召开（进行中或已结束）的 MDT 会议及其已形成决议的病例。执行一致性：决议的全部计划项均已执行为“完全执行”；全部计划项已有结论、部分执行为“部分执行”；均未执行为“未执行”；尚有计划项未完成为“执行中”。执行一致率 = 完全执行 ÷（完全执行 + 部分执行 + 未执行）。',
    outcomeBar,
  );
  section(
    sections[4]!,
    d.consultations && consultationRows(d.consultations),
    '统计当年提交的院际会诊申请；答复时间为提交至答复的小时数（全部已答复会诊的中位数）；“避免了转诊”来自申请医生结束会诊时填写的问卷。',
  );
  section(
    sections[5]!,
    d.research && researchRows(d.research),
    '在研项目：起止日期与本年度有交集的项目；入组：本年度签署知情同意的患者；成果按登记年份统计。',
  );
  section(
    sections[6]!,
    d.education && educationRows(d.education),
    '活动按开始日期统计；签到学员为至少签到一个场次的报名者（可颁发学分证书），学分按每个项目不超过 25 分计；学员病例记录为在站学员当年参与的手术（助手）、签到的 MDT 及自行添加的记录。',
  );

  heading(sections[7]!);
  doc.fontSize(9);
  for (const line of [
    '淋巴结检出达标率：有病理报告的根治性切除中，胃癌检出≥16枚、结直肠癌≥12枚的比例；未记录检出数者单列为缺失，不计入分母。',
    '中转开腹率：以腹腔镜或机器人开始的手术中中转开腹的比例（意向性治疗，Shawki 2009）。',
    '严重并发症发生率：术后30天内发生 Clavien-Dindo ≥Ⅲa 级并发症的手术占全部手术的比例。',
    '术后30天死亡率：术后30天内任何原因死亡（院内或随访记录）的手术占全部手术的比例。',
    'R0切除率：有病理报告且记录切缘的根治性切除中 R0 的比例；未记录切缘者单列为缺失。',
    '95% 置信区间：Wilson 区间。目标由科室设定，未设定者标为“未设定”。',
  ])
    doc.text(line, { width }).moveDown(0.2);

  return pdf.finish((page, total) => `${d.hospital} · ${title} · 第 ${page} / ${total} 页`);
}
