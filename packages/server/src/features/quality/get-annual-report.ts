import { addDays, todayIn } from '@gisurg/contracts';
import type { AnnualReportQuery } from '@gisurg/contracts/quality';
import { asc, eq } from 'drizzle-orm';
import type { Actor } from '../../auth/actor.js';
import { recordAudit } from '../../audit/record.js';
import type { UseCaseContext } from '../../core/context.js';
import { departments, organizations } from '../../db/schema/index.js';
import type { Db } from '../../db/types.js';
import { ensurePdfFont, type PdfFont } from '../../shared/pdf-font.js';
import { consultationPeriodSummary } from '../consultations/index.js';
import { educationPeriodSummary } from '../education/index.js';
import { mdtPeriodSummary } from '../mdt/index.js';
import { researchPeriodSummary } from '../research/index.js';
import { computeIndicators } from './get-indicators.js';
import { computeVolumes } from './get-volumes.js';
import { indicatorCounts, rawIndicators } from './queries.js';
import type { AnnualReportData } from './report/report-data.js';
import { renderAnnualPdf } from './report/render-pdf.js';
import { renderAnnualXlsx } from './report/render-xlsx.js';

/**
 * The data of the annual report: the department's year (never one surgeon's), as the dashboard computes it;
 * tumor boards, consultations, research and teaching from those features' public summary functions (the
 * actor's scope, like their own pages), null where the year has no data recorded.
 */
export async function annualReportData(db: Db, actor: Actor, year: number, now: Date, timeZone: string): Promise<AnnualReportData> {
  const today = todayIn(timeZone, now);
  const scope = { from: `${year}-01-01`, to: `${year}-12-31`, surgeonId: null };
  const [home] = await db.select().from(organizations).where(eq(organizations.kind, 'home')).limit(1);
  const [dept] = home
    ? await db.select().from(departments).where(eq(departments.organizationId, home.id)).orderBy(asc(departments.createdAt)).limit(1)
    : [];
  const volumes = await computeVolumes(db, year, null);
  const indicators = await computeIndicators(db, scope, today);
  const quarters = (await indicatorCounts(db, scope, today, 'quarter')).map((r) => ({
    period: r.bucket,
    indicators: rawIndicators(r).map((i) => ({ code: i.code, numerator: i.numerator, denominator: i.denominator })),
  }));
  const period = { from: scope.from, to: scope.to, toExclusive: addDays(scope.to, 1), timeZone };
  const mdt = await mdtPeriodSummary(db, actor, period);
  const consultations = await consultationPeriodSummary(db, actor, period);
  const research = await researchPeriodSummary(db, home?.id ?? actor.organizationId, period);
  const education = await educationPeriodSummary(db, period);
  const researchRecorded =
    research.projectsActive + research.enrolled + research.outputs.paper + research.outputs.patent + research.outputs.award > 0;
  const teachingRecorded = education.events.forum + education.events.teaching_class + education.trainees > 0;
  return {
    year,
    hospital: home?.name ?? 'GISurg',
    department: dept?.name ?? null,
    generatedAt: now,
    generatedOn: today,
    volumes,
    indicators,
    quarters,
    mdt: mdt.boardsHeld + mdt.casesDiscussed > 0 ? mdt : null,
    consultations: consultations.received > 0 ? consultations : null,
    research: researchRecorded ? research : null,
    education: teachingRecorded ? education : null,
  };
}

export interface ReportFile {
  body: Buffer;
  contentType: string;
  fileName: string;
}

/** GET /api/reports/annual: the PDF (Chinese, with charts) or the workbook with every table. */
export async function getAnnualReport(
  ctx: UseCaseContext,
  query: AnnualReportQuery & { year?: number | undefined; format: 'pdf' | 'xlsx' },
  font: PdfFont,
): Promise<ReportFile> {
  const q = { year: query.year ?? Number(todayIn(ctx.timeZone, ctx.clock.now()).slice(0, 4)), format: query.format };
  const usable = q.format === 'pdf' ? ensurePdfFont(font) : null;
  const data = await annualReportData(ctx.db, ctx.actor, q.year, ctx.clock.now(), ctx.timeZone);
  const body = usable ? await renderAnnualPdf(data, usable) : await renderAnnualXlsx(data);
  await recordAudit(ctx.db, ctx.meta, ctx.actor, {
    action: 'quality.annual_report.read',
    outcome: 'success',
    resourceType: 'annual_report',
    details: { year: q.year, format: q.format },
  });
  return usable
    ? { body, contentType: 'application/pdf', fileName: `annual-report-${q.year}.pdf` }
    : { body, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', fileName: `annual-report-${q.year}.xlsx` };
}
