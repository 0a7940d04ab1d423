import { createHash } from 'node:crypto';
import { todayIn } from '@gisurg/contracts';
import {
  DATE_COLUMNS,
  EXPORT_COLUMNS,
  type DateMode,
  type ExportColumn,
  type ExportLog,
  type KAnonymity,
} from '@gisurg/contracts/research';
import { ageOn } from '@gisurg/contracts';
import { and, desc, eq, like } from 'drizzle-orm';
import { newWorkbook } from '../../core/excel.js';
import { recordAudit } from '../../audit/record.js';
import type { UseCaseContext } from '../../core/context.js';
import { auditLog, users } from '../../db/schema/index.js';
import { ageBand, csvField, exportDate, kAnonymity, monthsBetween, pseudonym, regionOf } from './deidentify.js';
import { exportSources, requireProject, type ExportSource, type ProjectRow } from './queries.js';

export type ExportFormat = 'csv' | 'xlsx';
type Cell = string | number | boolean | null;

export interface ExportFile {
  body: Buffer;
  contentType: string;
  fileName: string;
}

/** The identifiers the identified export adds in front (never in the de-identified one). */
const IDENTIFIED_COLUMNS = ['patient_id', 'name', 'id_number', 'inpatient_no', 'phone', 'address', 'birth_date'] as const;

/** Months from the operation (else the diagnosis) to death (OS) and to recurrence or death (DFS); censored at the last contact. */
function survival(s: ExportSource): { os: number | null; dfs: number | null } {
  const start = s.operation_date ?? s.diagnosis_date;
  if (!start) return { os: null, dfs: null };
  const osEnd = s.death_date ?? s.last_contact_date;
  const dfsEnd = s.recurrence_date ?? s.death_date ?? s.last_contact_date;
  return {
    os: osEnd && osEnd >= start ? monthsBetween(start, osEnd) : null,
    dfs: dfsEnd && dfsEnd >= start ? monthsBetween(start, dfsEnd) : null,
  };
}

function ageAt(s: ExportSource): number | null {
  const on = s.diagnosis_date ?? s.operation_date;
  return on ? ageOn(s.birth_date, on) : null;
}

/** One export row's value of a column: dates shifted by the patient's offset (or reduced to the year). */
function value(s: ExportSource, c: ExportColumn, mode: DateMode, shift: boolean): Cell {
  if (c === 'age_band') return ageBand(ageAt(s));
  if (c === 'region') return regionOf(s.address);
  if (c === 'os_months') return survival(s).os;
  if (c === 'dfs_months') return survival(s).dfs;
  const raw = s[c];
  if ((DATE_COLUMNS as readonly string[]).includes(c)) {
    const date = typeof raw === 'string' ? raw : null;
    return shift ? exportDate(date, s.date_offset_days, mode) : date;
  }
  return raw;
}

export interface Table {
  header: string[];
  rows: Cell[][];
  k: KAnonymity;
}

/** The de-identified table: pseudonym first, then the chosen columns in the contract's order. */
export function deidentifiedTable(project: ProjectRow, sources: ExportSource[], columns: readonly ExportColumn[], mode: DateMode): Table {
  const cols = EXPORT_COLUMNS.filter((c) => columns.includes(c));
  const rows = sources.map((s) => [pseudonym(project.exportSecret, s.patient_id), ...cols.map((c) => value(s, c, mode, true))]);
  const included = { ageBand: cols.includes('age_band'), sex: cols.includes('sex'), region: cols.includes('region') };
  const k = kAnonymity(
    sources.map((s) => ({ ageBand: ageBand(ageAt(s)), sex: s.sex, region: regionOf(s.address) })),
    project.kThreshold,
    included,
  );
  return {
    header: ['pseudonym', ...cols],
    rows,
    k: {
      k: project.kThreshold,
      patients: sources.length,
      quasiIdentifiers: (['age_band', 'sex', 'region'] as const).filter((q) => cols.includes(q)),
      rare: k.rare,
      patientsInRareGroups: k.patientsInRareGroups,
    },
  };
}

function identifiedTable(project: ProjectRow, sources: ExportSource[]): { header: string[]; rows: Cell[][] } {
  const cols = EXPORT_COLUMNS;
  return {
    header: ['pseudonym', ...IDENTIFIED_COLUMNS, ...cols],
    rows: sources.map((s) => [
      pseudonym(project.exportSecret, s.patient_id),
      s.patient_id,
      s.name,
      s.id_number,
      s.inpatient_no,
      s.phone,
      s.address,
      s.birth_date,
      ...cols.map((c) => value(s, c, 'shifted', false)),
    ]),
  };
}

function toCsv(t: { header: string[]; rows: Cell[][] }): Buffer {
  const lines = [t.header, ...t.rows].map((r) => r.map(csvField).join(','));
  // BOM: Excel opens UTF-8 CSV with Chinese text correctly only with it.
  return Buffer.from('\uFEFF' + lines.join('\r\n') + '\r\n', 'utf8');
}

async function toXlsx(t: { header: string[]; rows: Cell[][] }, sheet: string, now: Date): Promise<Buffer> {
  const wb = await newWorkbook();
  wb.creator = 'GISurg';
  wb.created = now;
  const ws = wb.addWorksheet(sheet);
  ws.columns = t.header.map((h) => ({ header: h, key: h, width: Math.max(12, h.length + 2) }));
  for (const r of t.rows) ws.addRow(r);
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function render(t: { header: string[]; rows: Cell[][] }, format: ExportFormat, sheet: string, now: Date): Promise<Buffer> {
  return format === 'csv' ? toCsv(t) : toXlsx(t, sheet, now);
}

function fileOf(body: Buffer, format: ExportFormat, name: string): ExportFile {
  return format === 'csv'
    ? { body, contentType: 'text/csv; charset=utf-8', fileName: `${name}.csv` }
    : { body, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', fileName: `${name}.xlsx` };
}

/** GET /api/research/projects/:id/k-anonymity: the check the export would report, without exporting. */
export async function checkKAnonymity(
  ctx: UseCaseContext,
  projectId: string,
  columns: readonly ExportColumn[] | undefined,
): Promise<KAnonymity> {
  const project = await requireProject(ctx.db, ctx.actor, projectId);
  const sources = await exportSources(ctx.db, projectId);
  return deidentifiedTable(project, sources, columns ?? EXPORT_COLUMNS, 'shifted').k;
}

/**
 * GET /api/research/projects/:id/export.csv | export.xlsx: one row per consenting patient, de-identified.
 * Audited with who, the project, how many patients, which columns, the date mode, the k-anonymity warnings
 * and the file's SHA-256. The k-anonymity result travels in the `x-k-anonymity-rare` header too.
 */
export async function exportDeidentified(
  ctx: UseCaseContext,
  projectId: string,
  q: { columns?: readonly ExportColumn[] | undefined; dateMode: DateMode },
  format: ExportFormat,
): Promise<ExportFile & { k: KAnonymity }> {
  const project = await requireProject(ctx.db, ctx.actor, projectId);
  const sources = await exportSources(ctx.db, projectId);
  const table = deidentifiedTable(project, sources, q.columns ?? EXPORT_COLUMNS, q.dateMode);
  const body = await render(table, format, 'cohort', ctx.clock.now());
  await recordAudit(ctx.db, ctx.meta, ctx.actor, {
    action: 'research.export',
    outcome: 'success',
    resourceType: 'research_project',
    resourceId: projectId,
    details: {
      format,
      identified: false,
      patients: sources.length,
      columns: table.header,
      dateMode: q.dateMode,
      kThreshold: table.k.k,
      rareGroups: table.k.rare.length,
      sha256: createHash('sha256').update(body).digest('hex'),
    },
  });
  const stamp = todayIn(ctx.timeZone, ctx.clock.now());
  return { ...fileOf(body, format, `research-${project.grantNo.replace(/[^\w.-]+/g, '_')}-${stamp}`), k: table.k };
}

/**
 * POST /api/research/projects/:id/export-identified: the cohort with names, ID numbers, inpatient numbers,
 * phones, addresses and true dates — department head only, with a stated reason, audited as identified with
 * every patient id.
 */
export async function exportIdentified(
  ctx: UseCaseContext,
  projectId: string,
  input: { reason: string; format: ExportFormat },
): Promise<ExportFile> {
  const project = await requireProject(ctx.db, ctx.actor, projectId);
  const sources = await exportSources(ctx.db, projectId);
  const table = identifiedTable(project, sources);
  const body = await render(table, input.format, 'identified', ctx.clock.now());
  await recordAudit(ctx.db, ctx.meta, ctx.actor, {
    action: 'research.export_identified',
    outcome: 'success',
    resourceType: 'research_project',
    resourceId: projectId,
    details: {
      format: input.format,
      identified: true,
      reason: input.reason,
      patients: sources.length,
      patientIds: sources.map((s) => s.patient_id),
      columns: table.header,
      sha256: createHash('sha256').update(body).digest('hex'),
    },
  });
  const stamp = todayIn(ctx.timeZone, ctx.clock.now());
  return fileOf(body, input.format, `research-identified-${project.grantNo.replace(/[^\w.-]+/g, '_')}-${stamp}`);
}

/** GET /api/research/projects/:id/exports: the project's export history from the audit log. */
export async function exportLog(ctx: UseCaseContext, projectId: string): Promise<ExportLog> {
  await requireProject(ctx.db, ctx.actor, projectId);
  const rows = await ctx.db
    .select({ at: auditLog.at, action: auditLog.action, details: auditLog.details, actor: users.displayName })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(
      and(eq(auditLog.resourceType, 'research_project'), eq(auditLog.resourceId, projectId), like(auditLog.action, 'research.export%')),
    )
    .orderBy(desc(auditLog.id))
    .limit(200);
  return {
    items: rows.map((r) => {
      const d = (r.details ?? {}) as Record<string, unknown>;
      return {
        at: r.at.toISOString(),
        actor: r.actor ?? null,
        action: r.action,
        patients: typeof d.patients === 'number' ? d.patients : null,
        format: typeof d.format === 'string' ? d.format : null,
        columns: Array.isArray(d.columns) ? d.columns.map(String) : [],
        reason: typeof d.reason === 'string' ? d.reason : null,
      };
    }),
  };
}
