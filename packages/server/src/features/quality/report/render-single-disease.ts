import { newWorkbook } from '../../../core/excel.js';
import { OPERATION_APPROACH_OPTIONS, OPERATION_URGENCY_OPTIONS } from '@gisurg/clinical';
import type { SingleDisease } from '@gisurg/contracts/quality-report';
import type { SingleDiseaseRow } from '../single-disease.js';

const label = (options: readonly { value: string; label: { zh: string } }[], v: string) =>
  options.find((o) => o.value === v)?.label.zh ?? v;
const yesNo = (b: boolean | null) => (b === null ? null : b ? '是' : '否');

/** 性别 GB/T 2261.1-2003: 1 男, 2 女, 0 未知. */
const SEX = { male: { code: '1', zh: '男' }, female: { code: '2', zh: '女' }, unknown: { code: '0', zh: '未知' } } as const;
/** 离院方式 as the inpatient front page (病案首页) codes it: 1 医嘱离院 … 5 死亡, 9 其他. */
const DISPOSITION: Record<string, string> = {
  order: '1 医嘱离院',
  transfer_hospital: '2 医嘱转院',
  transfer_community: '3 医嘱转社区卫生服务机构/乡镇卫生院',
  against_advice: '4 非医嘱离院',
  death: '5 死亡',
  other: '9 其他',
};

/**
 * The fields of the export, in column order: header, where the value comes from, how it is coded. The same
 * list is the workbook's second sheet ("字段说明") and the table in docs/quality.md.
 */
export const SINGLE_DISEASE_FIELDS: {
  header: string;
  width: number;
  source: string;
  coding: string;
  value: (r: SingleDiseaseRow) => unknown;
}[] = [
  { header: '住院号（病案号）', width: 14, source: '患者 inpatient_no', coding: '医院病案号', value: (r) => r.inpatientNo },
  { header: '性别代码', width: 8, source: '患者 sex', coding: 'GB/T 2261.1：1 男，2 女，0 未知', value: (r) => SEX[r.sex].code },
  { header: '性别', width: 6, source: '患者 sex', coding: '男/女/未知', value: (r) => SEX[r.sex].zh },
  { header: '手术时年龄（岁）', width: 10, source: '出生日期、手术日期', coding: '周岁', value: (r) => r.age },
  {
    header: '入院日期',
    width: 12,
    source: '病区 入院记录（包含手术日的住院）',
    coding: 'YYYY-MM-DD；无住院记录为空',
    value: (r) => r.admittedOn,
  },
  { header: '出院日期', width: 12, source: '病区 出院记录，否则手术记录的出院日期', coding: 'YYYY-MM-DD', value: (r) => r.dischargedOn },
  { header: '住院天数', width: 9, source: '出院日期 − 入院日期', coding: '天', value: (r) => r.lengthOfStay },
  { header: '术后住院天数', width: 10, source: '手术记录，否则 出院日期 − 手术日期', coding: '天', value: (r) => r.postoperativeLos },
  {
    header: '主要诊断 ICD-10',
    width: 12,
    source: '手术关联的肿瘤诊断（否则手术日前最近的诊断）',
    coding: 'ICD-10（国标版）',
    value: (r) => r.icd10,
  },
  {
    header: '主要手术 ICD-9-CM-3',
    width: 12,
    source: '手术的第一个根治性术式',
    coding: 'ICD-9-CM-3 基本码（按入路）',
    value: (r) => r.icd9cm3,
  },
  { header: '主要手术名称', width: 28, source: '同上', coding: '术式目录中文名', value: (r) => r.procedure },
  { header: '手术日期', width: 12, source: '手术记录', coding: 'YYYY-MM-DD', value: (r) => r.operationDate },
  {
    header: '手术入路',
    width: 14,
    source: '手术记录 approach',
    coding: '开腹/腹腔镜/机器人/腹腔镜中转开腹',
    value: (r) => label(OPERATION_APPROACH_OPTIONS, r.approach),
  },
  {
    header: '手术急缓',
    width: 8,
    source: '手术记录 urgency',
    coding: '择期/限期/急诊',
    value: (r) => label(OPERATION_URGENCY_OPTIONS, r.urgency),
  },
  { header: '淋巴结清扫范围', width: 10, source: '手术记录 lymphadenectomy', coding: 'D0–D3', value: (r) => r.lymphadenectomy },
  { header: '治疗前 cT', width: 8, source: '肿瘤诊断 临床分期', coding: 'AJCC 第 8 版', value: (r) => r.cT },
  { header: '治疗前 cN', width: 8, source: '同上', coding: 'AJCC 第 8 版', value: (r) => r.cN },
  { header: '治疗前 cM', width: 8, source: '同上', coding: 'AJCC 第 8 版', value: (r) => r.cM },
  { header: '临床分期', width: 9, source: '同上（系统计算）', coding: 'AJCC 第 8 版', value: (r) => r.clinicalStage },
  {
    header: '新辅助治疗后（yp）',
    width: 10,
    source: '病理报告 neoadjuvant',
    coding: '是/否；无病理为空',
    value: (r) => yesNo(r.neoadjuvant),
  },
  { header: 'pT', width: 7, source: '病理报告', coding: 'AJCC 第 8 版', value: (r) => r.pT },
  { header: 'pN', width: 7, source: '病理报告', coding: 'AJCC 第 8 版', value: (r) => r.pN },
  { header: 'pM', width: 7, source: '病理报告', coding: 'AJCC 第 8 版', value: (r) => r.pM },
  { header: '病理分期', width: 9, source: '病理报告（系统计算）', coding: 'AJCC 第 8 版', value: (r) => r.pathologicalStage },
  { header: '淋巴结检出数', width: 10, source: '病理报告', coding: '枚', value: (r) => r.nodesExamined },
  { header: '阳性淋巴结数', width: 10, source: '病理报告', coding: '枚', value: (r) => r.nodesPositive },
  { header: '切缘', width: 6, source: '病理报告 margin', coding: 'R0/R1/R2/RX', value: (r) => r.margin },
  { header: '术前 MDT 讨论', width: 10, source: 'MDT 决议（手术日或之前形成）', coding: '是/否', value: (r) => yesNo(r.mdtBeforeSurgery) },
  { header: 'MDT 决议日期', width: 12, source: '同上（最近一次）', coding: 'YYYY-MM-DD', value: (r) => r.mdtDecidedOn },
  {
    header: '术后30天内最高 Clavien-Dindo 分级',
    width: 14,
    source: '并发症记录（术后 0–30 天）',
    coding: 'I … V（d 后缀：出院时未愈）',
    value: (r) => r.highestCd30,
  },
  { header: '严重并发症（CD≥Ⅲa）', width: 10, source: '同上', coding: '是/否', value: (r) => yesNo(r.cd3plus) },
  {
    header: '30天内非计划再次手术',
    width: 10,
    source: '同一患者术后 30 天内的非择期手术',
    coding: '是/否',
    value: (r) => yesNo(r.reoperation30),
  },
  { header: '术后30天内死亡', width: 10, source: '死亡记录（病区离院方式“死亡”或随访）', coding: '是/否', value: (r) => yesNo(r.death30) },
  {
    header: '离院方式',
    width: 16,
    source: '病区 出院记录',
    coding: '病案首页离院方式代码',
    value: (r) => (r.disposition ? (DISPOSITION[r.disposition] ?? r.disposition) : null),
  },
  {
    header: '符合单病种纳入规则',
    width: 10,
    source: '主要诊断 + 主要手术编码',
    coding: 'GC：C16 + 43.4–43.9；CoC：C18/D01.0 + 45.4、45.73–45.79、45.8（含腹腔镜 17.31–17.39）',
    value: (r) => yesNo(r.included),
  },
  { header: '住院总费用（元）', width: 12, source: '未记录', coding: 'GISurg 不保存费用数据，请由医院收费系统补充', value: () => '未记录' },
  { header: '费用支付方式', width: 10, source: '未记录', coding: '同上', value: () => '未记录' },
];

const TITLE: Record<SingleDisease, string> = { gastric: '胃癌（手术治疗）GC', colorectal: '结直肠癌（手术治疗）CoC' };

/** The export workbook: one row per resection (sheet 1), the field dictionary (sheet 2). */
export async function renderSingleDiseaseXlsx(
  rows: SingleDiseaseRow[],
  meta: { from: string; to: string; disease: SingleDisease; generatedAt: Date },
): Promise<Buffer> {
  const wb = await newWorkbook();
  wb.creator = 'GISurg';
  wb.created = meta.generatedAt;
  const ws = wb.addWorksheet('病例');
  ws.columns = [
    { header: '序号', key: 'n', width: 6 },
    ...SINGLE_DISEASE_FIELDS.map((f, i) => ({ header: f.header, key: `f${i}`, width: f.width })),
  ];
  rows.forEach((r, n) => ws.addRow([n + 1, ...SINGLE_DISEASE_FIELDS.map((f) => f.value(r))]));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1, xSplit: 2 }];

  const dict = wb.addWorksheet('字段说明');
  dict.columns = [
    { header: '字段', key: 'header', width: 30 },
    { header: '来源', key: 'source', width: 44 },
    { header: '编码', key: 'coding', width: 60 },
  ];
  dict.addRow({ header: '单病种', source: TITLE[meta.disease], coding: `手术日期 ${meta.from} 至 ${meta.to}，共 ${rows.length} 例` });
  for (const f of SINGLE_DISEASE_FIELDS) dict.addRow({ header: f.header, source: f.source, coding: f.coding });
  dict.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
