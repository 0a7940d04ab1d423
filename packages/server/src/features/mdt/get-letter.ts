import { asc, eq } from 'drizzle-orm';
import { recordAudit } from '../../audit/record.js';
import { departments, mdtMeetings, organizations, users } from '../../db/schema/index.js';
import type { Db } from '../../db/types.js';
import { AppError } from '../../core/app-error.js';
import type { UseCaseContext } from '../../core/context.js';
import { todayIn } from '@gisurg/contracts';
import { ensurePdfFont, type PdfFont } from '../../shared/pdf-font.js';
import { buildCaseDetail } from './get-case.js';
import type { LetterLang } from './letter/letter-texts.js';
import { renderLetter, renderPatientSummary, type LetterData } from './letter/render-letter.js';

async function homeHospital(db: Db): Promise<LetterData['hospital']> {
  const [home] = await db.select().from(organizations).where(eq(organizations.kind, 'home')).limit(1);
  const [dept] = home
    ? await db.select().from(departments).where(eq(departments.organizationId, home.id)).orderBy(asc(departments.createdAt)).limit(1)
    : [];
  return { name: home?.name ?? 'GISurg', nameEn: home?.nameEn ?? null, department: dept?.name ?? null, departmentEn: dept?.nameEn ?? null };
}

/** Everything a letter shows, for the case's audience only; the issue of each letter is audited. */
async function letterData(ctx: UseCaseContext, caseId: string, action: string, details: Record<string, unknown>): Promise<LetterData> {
  const { db, actor, meta, clock, timeZone } = ctx;
  return db.transaction(async (tx) => {
    const now = clock.now();
    const detail = await buildCaseDetail(tx, actor, caseId, todayIn(timeZone, now));
    if (!detail.recommendation) throw new AppError('INVALID_STATE', 'mdt.errors.notDecided');
    // The case is visible, so its board's chair may be named (even on a board the reader cannot list).
    const [chair] = await tx
      .select({ name: users.displayName })
      .from(mdtMeetings)
      .innerJoin(users, eq(users.id, mdtMeetings.chairUserId))
      .where(eq(mdtMeetings.id, detail.meeting.id));
    await recordAudit(tx, meta, actor, {
      action,
      outcome: 'success',
      resourceType: 'mdt_case',
      resourceId: caseId,
      patientId: detail.patient.id,
      details,
    });
    return { hospital: await homeHospital(tx), detail, chairName: chair?.name ?? null, generatedAt: now, timeZone };
  });
}

export interface LetterFile {
  pdf: Buffer;
  /** Patient, kind and board date, as a Chinese office saves it: "张三-MDT意见-2026-12-01.pdf". */
  fileName: string;
}

const FILE_KIND = { 'zh-CN': 'MDT意见', en: 'MDT-letter', summary: '病情说明' } as const;

function fileName(data: LetterData, kind: keyof typeof FILE_KIND): string {
  const day = todayIn(data.timeZone, new Date(data.detail.meeting.startsAt));
  return `${data.detail.patient.name}-${FILE_KIND[kind]}-${day}.pdf`;
}

/** The recommendation letter as PDF, Chinese unless English is asked for. */
export async function getLetter(ctx: UseCaseContext, caseId: string, lang: LetterLang, font: PdfFont): Promise<LetterFile> {
  // The font first: without it no letter is issued (and none is audited as read).
  const usable = ensurePdfFont(font);
  const data = await letterData(ctx, caseId, 'mdt.letter.read', { lang });
  return { pdf: await renderLetter(data, usable, lang), fileName: fileName(data, lang) };
}

/** The plain-language summary for the patient, in Chinese, as PDF. */
export async function getPatientSummaryPdf(ctx: UseCaseContext, caseId: string, font: PdfFont): Promise<LetterFile> {
  const usable = ensurePdfFont(font);
  const data = await letterData(ctx, caseId, 'mdt.patient_summary.read', {});
  return { pdf: await renderPatientSummary(data, usable), fileName: fileName(data, 'summary') };
}
