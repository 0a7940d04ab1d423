import { newWorkbook } from '../../core/excel.js';
import type { Figures } from '@gisurg/contracts/consultations';
import type { Locale } from '../../i18n/messages.js';

const HEADERS: Record<Locale, Record<string, string>> = {
  'zh-CN': {
    sheet: '基层会诊统计',
    hospital: '医院',
    consultations: '会诊数',
    answered: '已答复',
    answeredWithinDeadline: '按时答复',
    withinShare: '按时答复率',
    medianHoursToAnswer: '答复时间中位数（小时）',
    manage_locally: '建议：当地处理',
    mdt: '建议：提交MDT',
    transfer: '建议：转诊',
    referralsAdmitted: '转诊入院',
    referralsSentBack: '出院转回',
    surveys: '结束问卷数',
    referralAvoided: '避免转诊比例',
    willFollowAdvice: '将采纳建议比例',
    educational: '有学习价值比例',
    outreachVisits: '技术指导下乡次数',
    teleSessions: '远程会诊场次',
  },
  en: {
    sheet: 'Consultation figures',
    hospital: 'Hospital',
    consultations: 'Consultations',
    answered: 'Answered',
    answeredWithinDeadline: 'Answered within deadline',
    withinShare: 'Share within deadline',
    medianHoursToAnswer: 'Median hours to answer',
    manage_locally: 'Advice: manage locally',
    mdt: 'Advice: tumor board',
    transfer: 'Advice: transfer',
    referralsAdmitted: 'Referrals admitted',
    referralsSentBack: 'Sent back on discharge',
    surveys: 'Close-out surveys',
    referralAvoided: 'Share referral avoided',
    willFollowAdvice: 'Share will follow advice',
    educational: 'Share educational',
    outreachVisits: 'Guidance visits',
    teleSessions: 'Tele-consultation sessions',
  },
};

/** The figures page as a workbook: one row per hospital, numbers as numbers, shares formatted as %. */
export async function renderFiguresXlsx(f: Figures, locale: Locale): Promise<Buffer> {
  const h = HEADERS[locale];
  const wb = await newWorkbook();
  wb.creator = 'GISurg';
  const ws = wb.addWorksheet(`${h.sheet} ${f.year}`);
  const pct = { numFmt: '0.0%' };
  ws.columns = [
    { header: h.hospital!, key: 'hospital', width: 28 },
    { header: h.consultations!, key: 'consultations', width: 10 },
    { header: h.answered!, key: 'answered', width: 10 },
    { header: h.answeredWithinDeadline!, key: 'answeredWithinDeadline', width: 12 },
    { header: h.withinShare!, key: 'withinShare', width: 12, style: pct },
    { header: h.medianHoursToAnswer!, key: 'medianHoursToAnswer', width: 14 },
    { header: h.manage_locally!, key: 'manage_locally', width: 12 },
    { header: h.mdt!, key: 'mdt', width: 12 },
    { header: h.transfer!, key: 'transfer', width: 12 },
    { header: h.referralsAdmitted!, key: 'referralsAdmitted', width: 12 },
    { header: h.referralsSentBack!, key: 'referralsSentBack', width: 12 },
    { header: h.surveys!, key: 'surveys', width: 12 },
    { header: h.referralAvoided!, key: 'referralAvoided', width: 12, style: pct },
    { header: h.willFollowAdvice!, key: 'willFollowAdvice', width: 12, style: pct },
    { header: h.educational!, key: 'educational', width: 12, style: pct },
    { header: h.outreachVisits!, key: 'outreachVisits', width: 12 },
    { header: h.teleSessions!, key: 'teleSessions', width: 12 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const x of f.hospitals)
    ws.addRow({
      hospital: x.organizationName,
      consultations: x.consultations,
      answered: x.answered,
      answeredWithinDeadline: x.answeredWithinDeadline,
      withinShare: x.answered ? x.answeredWithinDeadline / x.answered : null,
      medianHoursToAnswer: x.medianHoursToAnswer,
      manage_locally: x.recommendations.manage_locally,
      mdt: x.recommendations.mdt,
      transfer: x.recommendations.transfer,
      referralsAdmitted: x.referralsAdmitted,
      referralsSentBack: x.referralsSentBack,
      surveys: x.survey.count,
      referralAvoided: x.survey.referralAvoidedShare,
      willFollowAdvice: x.survey.willFollowAdviceShare,
      educational: x.survey.educationalShare,
      outreachVisits: x.outreachVisits,
      teleSessions: x.teleSessions,
    });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function figuresFileName(year: number, locale: Locale): string {
  return locale === 'en' ? `consultation-figures-${year}.xlsx` : `基层会诊统计-${year}.xlsx`;
}
