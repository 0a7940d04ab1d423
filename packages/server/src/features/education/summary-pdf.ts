import { PROCEDURES } from '@gisurg/clinical';
import { todayIn } from '@gisurg/contracts';
import { recordAudit } from '../../audit/record.js';
import type { UseCaseContext } from '../../core/context.js';
import { newPdf } from '../../shared/pdf-document.js';
import { ensurePdfFont, type PdfFont } from '../../shared/pdf-font.js';
import { traineeDetail, visibleTrainee } from './station.js';

const MILESTONE_ZH = { proposal: '开题', midterm: '中期考核', defence: '答辩' } as const;
const ENTRY_ZH: Record<string, string> = {
  ward_round: '查房',
  mdt_presentation: 'MDT汇报',
  clinic: '门诊',
  teaching: '教学',
  other: '其他',
};
const APPROACH_ZH: Record<string, string> = { open: '开腹', laparoscopic: '腹腔镜', robotic: '机器人', converted: '中转开腹' };

/** A trainee's summary (培养记录) as a Chinese PDF: profile, milestones, case-log totals and entries. */
export async function traineeSummaryPdf(ctx: UseCaseContext, id: string, font: PdfFont): Promise<Buffer> {
  const usable = ensurePdfFont(font);
  const d = await ctx.db.transaction(async (tx) => {
    const row = await visibleTrainee(tx, ctx.actor, id);
    const detail = await traineeDetail(tx, ctx.actor, row, ctx.timeZone);
    await recordAudit(tx, ctx.meta, ctx.actor, {
      action: 'education.summary.print',
      outcome: 'success',
      resourceType: 'edu_trainee',
      resourceId: id,
      details: { entries: detail.caseLog.length },
    });
    return detail;
  });
  const label = (code: string) => PROCEDURES.find((p) => p.code === code)?.label.zh ?? code;
  const pdf = await newPdf(usable, { title: `研究生培养记录 ${d.name}`, author: 'GISurg', createdAt: ctx.clock.now() });
  const { doc, width } = pdf;
  doc.fontSize(18).text('硕士研究生培养记录', { align: 'center', width });
  doc.moveDown(0.8).fontSize(11);
  doc.text(`姓名：${d.name}    学校：${d.university.name}    导师：${d.supervisor.name}`, { width });
  doc.text(`学位类型：${d.degree === 'academic' ? '学术学位' : '专业学位'}    入学年份：${d.enrolmentYear}    年级：${d.yearOfStudy}`, {
    width,
  });
  if (d.thesisTitle) doc.text(`论文题目：${d.thesisTitle}`, { width });
  doc.moveDown(0.6).fontSize(13).text('培养节点', { width });
  doc.fontSize(11);
  for (const m of d.milestones)
    doc.text(`${MILESTONE_ZH[m.kind]}：计划 ${m.plannedOn ?? '—'}，完成 ${m.completedOn ?? '—'}${m.note ? `（${m.note}）` : ''}`, {
      width,
    });
  doc.moveDown(0.6).fontSize(13).text('病例日志', { width });
  doc
    .fontSize(11)
    .text(
      `参与手术 ${d.totals.operations} 台，MDT 出席 ${d.totals.mdt} 次（${d.totals.mdtCredits} 学分），其他记录 ${d.totals.entries} 条；导师已签字 ${d.totals.signedOff} 条。`,
      { width },
    );
  doc.moveDown(0.4).fontSize(9.5);
  for (const e of d.caseLog) {
    const what =
      e.source === 'operation'
        ? `手术 第${e.role.replace('assistant_', '')}助手  ${e.procedures.map(label).join('、')}  ${APPROACH_ZH[e.approach ?? ''] ?? e.approach ?? ''}`
        : e.source === 'mdt_attendance'
          ? `MDT 出席（${e.credits ?? 0} 学分）`
          : `${ENTRY_ZH[e.kind ?? ''] ?? e.kind}  ${e.description ?? ''}`;
    doc.text(`${e.date}  ${what}  ${e.signedOff ? `✓ ${e.signedOff.by}` : '未签字'}`, { width });
  }
  doc
    .moveDown(1)
    .fontSize(9)
    .fillColor('#666666')
    .text(`打印日期 ${todayIn(ctx.timeZone, ctx.clock.now())}`, { width, align: 'right' });
  return pdf.finish((page, total) => `${d.name} · ${page} / ${total}`);
}
