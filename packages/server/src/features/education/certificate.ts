import { eq } from 'drizzle-orm';
import { todayIn } from '@gisurg/contracts';
import { recordAudit } from '../../audit/record.js';
import { AppError, notFound } from '../../core/app-error.js';
import type { UseCaseContext } from '../../core/context.js';
import { eduEvents, eduRegistrations, organizations } from '../../db/schema/index.js';
import { newPdf } from '../../shared/pdf-document.js';
import { ensurePdfFont, type PdfFont } from '../../shared/pdf-font.js';
import { eventData } from './events.js';

const LEVEL_ZH = { national: '国家级', provincial: '省级' } as const;
const KIND_ZH = { forum: '学术论坛', teaching_class: '学习班' } as const;

/** A CME certificate (继续医学教育学分证书) in Chinese for one attendee who checked in at least once. */
export async function certificatePdf(ctx: UseCaseContext, registrationId: string, font: PdfFont): Promise<Buffer> {
  const usable = ensurePdfFont(font);
  const data = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .select({ r: eduRegistrations, e: eduEvents })
      .from(eduRegistrations)
      .innerJoin(eduEvents, eq(eduEvents.id, eduRegistrations.eventId))
      .where(eq(eduRegistrations.id, registrationId));
    if (!row) throw notFound();
    const d = await eventData(tx, row.e.id);
    const mine = d.registrations.find((r) => r.row.id === registrationId)!;
    if (mine.attendedSessionIds.length === 0) throw new AppError('INVALID_STATE', 'education.errors.noAttendance');
    const [home] = await tx.select({ name: organizations.name }).from(organizations).where(eq(organizations.kind, 'home')).limit(1);
    await recordAudit(tx, ctx.meta, ctx.actor, {
      action: 'education.certificate.issue',
      outcome: 'success',
      resourceType: 'edu_registration',
      resourceId: registrationId,
      details: { eventId: row.e.id, credits: mine.credits },
    });
    const sessions = d.sessions.filter((s) => mine.attendedSessionIds.includes(s.id));
    return { r: row.r, e: row.e, credits: mine.credits, sessions, hospital: home?.name ?? 'GISurg' };
  });
  const { r, e } = data;
  const pdf = await newPdf(usable, {
    title: `继续医学教育学分证书 ${r.code}`,
    author: data.hospital,
    createdAt: ctx.clock.now(),
  });
  const { doc, width } = pdf;
  doc
    .rect(36, 36, doc.page.width - 72, doc.page.height - 72)
    .lineWidth(2)
    .stroke('#8b1a1a');
  doc.moveDown(3);
  doc.fontSize(26).fillColor('#8b1a1a').text('继续医学教育学分证书', { align: 'center', width });
  doc.moveDown(0.4).fontSize(11).fillColor('#444444').text('Continuing Medical Education Certificate', { align: 'center', width });
  doc.moveDown(2).fillColor('#000000').fontSize(15);
  doc.text(`${r.name} 同志（${r.hospital}，${r.title}）：`, { width });
  doc.moveDown(0.8).fontSize(13);
  doc.text(
    `于 ${e.startDate} 至 ${e.endDate} 参加${LEVEL_ZH[e.cmeLevel as 'national'] ?? ''}继续医学教育项目“${e.title}”（${
      KIND_ZH[e.kind as 'forum'] ?? ''
    }），经签到核实，授予 ${e.cmeCategory} 类学分 ${data.credits} 分。`,
    { width, lineGap: 6 },
  );
  if (e.cmeProjectNo) doc.moveDown(0.5).text(`项目编号：${e.cmeProjectNo}`, { width });
  doc.moveDown(1).fontSize(12).text('签到场次：', { width });
  for (const s of data.sessions)
    doc.fontSize(11).text(`· ${todayIn(ctx.timeZone, s.startsAt)}  ${s.title}（${s.credits} 分）`, { width, indent: 12 });
  doc.moveDown(3).fontSize(13);
  doc.text(data.hospital, { width, align: 'right' });
  doc.text(todayIn(ctx.timeZone, ctx.clock.now()), { width, align: 'right' });
  doc
    .moveDown(2)
    .fontSize(9)
    .fillColor('#666666')
    .text(`证书编号 ${e.id.slice(0, 8).toUpperCase()}-${r.code}`, { width, align: 'center' });
  return pdf.finish((page, total) => `${page} / ${total}`);
}
