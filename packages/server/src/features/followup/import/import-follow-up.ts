import { and, eq, or } from 'drizzle-orm';
import { ContactBodySchema, type FollowUpImportReport, type FollowUpImportRowError } from '@gisurg/contracts/followup';
import { recordAudit } from '../../../audit/record.js';
import { AppError } from '../../../core/app-error.js';
import type { UseCaseContext } from '../../../core/context.js';
import { readSpreadsheet, rowsByColumn, sniffSpreadsheet, SpreadsheetError } from '../../../core/spreadsheet.js';
import { zodIssuesToFields } from '../../../core/validation.js';
import { followUpContacts, patients } from '../../../db/schema/index.js';
import { translate } from '../../../i18n/messages.js';
import { patientScope } from '../../patients/index.js';
import { recordContact } from '../record-contact.js';
import {
  code,
  columnOfPath,
  DEATH_CAUSE_LABELS,
  followUpColumnForHeader,
  isoDate,
  METHOD_LABELS,
  RECURRENCE_SITE_LABELS,
  STATUS_LABELS,
} from './columns.js';

/** Why a file is refused as a whole (texts in ../messages.ts, zh-CN and en); row problems are reported per cell. */
export const FOLLOW_UP_IMPORT_ERRORS = {
  rowsFailed: 'followup.import.rowsFailed',
  notSpreadsheet: 'followup.import.notSpreadsheet',
  unknownColumns: 'followup.import.unknownColumns',
  missingColumns: 'followup.import.missingColumns',
  noRows: 'followup.import.noRows',
  tooManyRows: 'followup.import.tooManyRows',
} as const;

/** More rows than this in one file is refused (split the file): the whole file is one transaction. */
export const FOLLOW_UP_IMPORT_MAX_ROWS = 20_000;

type RowOutcome = 'imported' | 'skipped';
class RowFailure extends Error {
  constructor(readonly errors: Omit<FollowUpImportRowError, 'line'>[]) {
    super('row failed');
  }
}
/** Thrown out of the file's transaction to roll it back (dry run, or a row failed), carrying the report. */
class Rollback extends Error {
  constructor(readonly report: FollowUpImportReport) {
    super('rollback');
  }
}

const refuse = (key: string, params?: Record<string, string | number>) => new AppError('VALIDATION', key, undefined, params);

/** One row → one contact through recordContact (the API's use case: same validation, events, audit). */
async function importRow(ctx: UseCaseContext, v: Record<string, string>): Promise<RowOutcome> {
  const { locale, actor } = ctx;
  const inpatientNo = v.inpatient_no?.trim() || undefined;
  const idNumber = v.id_number?.trim().toUpperCase() || undefined;
  const idColumn = inpatientNo ? 'inpatient_no' : 'id_number';
  if (!inpatientNo && !idNumber)
    throw new RowFailure([{ column: 'inpatient_no', message: translate(locale, 'followup.import.patientMissing') }]);
  // Only patients the user may see are found: another hospital's patient is "not found", never revealed.
  const found = await ctx.db
    .select({ id: patients.id })
    .from(patients)
    .where(
      and(
        patientScope(actor),
        or(inpatientNo ? eq(patients.inpatientNo, inpatientNo) : undefined, idNumber ? eq(patients.idNumber, idNumber) : undefined),
      ),
    )
    .limit(2);
  if (found.length !== 1)
    throw new RowFailure([
      {
        column: idColumn,
        message: translate(locale, found.length ? 'followup.import.patientAmbiguous' : 'followup.import.patientNotFound'),
      },
    ]);
  const patientId = found[0]!.id;

  const recurrenceDate = isoDate(v.recurrence_date);
  const recurrenceSite = code(RECURRENCE_SITE_LABELS, v.recurrence_site);
  const deathDate = isoDate(v.death_date);
  const deathCause = code(DEATH_CAUSE_LABELS, v.death_cause);
  const parsed = ContactBodySchema.safeParse({
    date: isoDate(v.date) ?? '',
    status: code(STATUS_LABELS, v.status) ?? '',
    ...(v.method?.trim() ? { method: code(METHOD_LABELS, v.method) } : {}),
    ...(recurrenceDate || recurrenceSite ? { recurrence: { date: recurrenceDate ?? '', site: recurrenceSite ?? '' } } : {}),
    ...(deathDate || deathCause ? { death: { date: deathDate ?? '', cause: deathCause ?? '' } } : {}),
    ...(v.note?.trim() ? { notes: v.note.trim() } : {}),
  });
  if (!parsed.success)
    throw new RowFailure(zodIssuesToFields(parsed.error.issues, locale).map((f) => ({ column: columnOfPath(f.path), message: f.message })));
  const body = parsed.data;

  // Idempotent: the same patient, date and status is already there (a second run of the same file writes nothing).
  const [same] = await ctx.db
    .select({ id: followUpContacts.id })
    .from(followUpContacts)
    .where(
      and(eq(followUpContacts.patientId, patientId), eq(followUpContacts.contactDate, body.date), eq(followUpContacts.status, body.status)),
    )
    .limit(1);
  if (same) return 'skipped';
  try {
    await recordContact(ctx, patientId, body);
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    const fields = e.details?.fields ?? [];
    throw new RowFailure(
      fields.length
        ? fields.map((f) => ({ column: columnOfPath(f.path), message: f.message }))
        : [{ column: idColumn, message: translate(locale, e.messageKey, { ...e.params }) }],
    );
  }
  return 'imported';
}

/** The file's rows, or a 400 naming what is wrong with the file itself. */
async function readRows(bytes: Buffer | null) {
  const kind = bytes ? sniffSpreadsheet(bytes) : null;
  if (!bytes || !kind) throw refuse(FOLLOW_UP_IMPORT_ERRORS.notSpreadsheet);
  let sheet;
  try {
    sheet = await readSpreadsheet(bytes, kind);
  } catch (e) {
    if (e instanceof SpreadsheetError) throw refuse(FOLLOW_UP_IMPORT_ERRORS.notSpreadsheet);
    throw e;
  }
  const { rows, unknownHeaders } = rowsByColumn(sheet, followUpColumnForHeader);
  if (unknownHeaders.length > 0) throw refuse(FOLLOW_UP_IMPORT_ERRORS.unknownColumns, { columns: unknownHeaders.join(', ') });
  const present = new Set(sheet.header.map(followUpColumnForHeader));
  const missing = ['date', 'status'].filter((k) => !present.has(k));
  if (!present.has('inpatient_no') && !present.has('id_number')) missing.unshift('inpatient_no');
  if (missing.length > 0) throw refuse(FOLLOW_UP_IMPORT_ERRORS.missingColumns, { columns: missing.join(', ') });
  if (rows.length === 0) throw refuse(FOLLOW_UP_IMPORT_ERRORS.noRows);
  if (rows.length > FOLLOW_UP_IMPORT_MAX_ROWS) throw refuse(FOLLOW_UP_IMPORT_ERRORS.tooManyRows, { max: FOLLOW_UP_IMPORT_MAX_ROWS });
  return rows;
}

/**
 * Import historic follow-up contacts from a spreadsheet (docs/follow-up.md). The whole file is one
 * transaction and each row a savepoint inside it, so every row's problems are collected and, if any row
 * fails, nothing is written (400 VALIDATION with the report in `details`). `dryRun`: check only, write nothing.
 */
export async function importFollowUp(ctx: UseCaseContext, bytes: Buffer | null, opts: { dryRun: boolean }): Promise<FollowUpImportReport> {
  const rows = await readRows(bytes);
  let report: FollowUpImportReport;
  try {
    report = await ctx.db.transaction(async (tx) => {
      const r: FollowUpImportReport = { total: rows.length, imported: 0, skipped: 0, failed: 0, dryRun: opts.dryRun, errors: [] };
      for (const row of rows) {
        const meta = { ...ctx.meta, requestId: `${ctx.meta.requestId}:${row.line}` };
        try {
          const outcome = await tx.transaction(async (sp) => importRow({ ...ctx, db: sp, meta }, row.values));
          r[outcome] += 1;
        } catch (e) {
          if (!(e instanceof RowFailure)) throw e;
          r.failed += 1;
          r.errors.push(...e.errors.map((x) => ({ line: row.line, ...x })));
        }
      }
      if (opts.dryRun || r.failed > 0) throw new Rollback(r);
      await recordAudit(tx, ctx.meta, ctx.actor, {
        action: 'followup.import',
        outcome: 'success',
        resourceType: 'import',
        details: counts(r),
      });
      return r;
    });
  } catch (e) {
    if (!(e instanceof Rollback)) throw e;
    report = e.report;
    // The attempt is audited even though its transaction was rolled back.
    const outcome = report.failed > 0 ? 'failure' : 'success';
    await recordAudit(ctx.db, ctx.meta, ctx.actor, { action: 'followup.import', outcome, resourceType: 'import', details: counts(report) });
  }
  if (!report.dryRun && report.failed > 0)
    throw new AppError('VALIDATION', FOLLOW_UP_IMPORT_ERRORS.rowsFailed, { ...report, imported: 0 }, { failed: report.failed });
  return report;
}

const counts = (r: FollowUpImportReport) => ({
  total: r.total,
  imported: r.imported,
  skipped: r.skipped,
  failed: r.failed,
  dryRun: r.dryRun,
});
