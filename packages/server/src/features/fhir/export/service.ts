import { and, count, eq, inArray } from 'drizzle-orm';
import { recordAudit } from '../../../audit/record.js';
import { AppError, notFound } from '../../../core/app-error.js';
import type { UseCaseContext } from '../../../core/context.js';
import { fhirExports } from '../../../db/schema/index.js';
import { enqueueJob, wakeJobQueues } from '../../../jobs/queue.js';
import { FHIR_EXPORT_TYPES, type FhirExportManifest, type FhirExportQuery } from '@gisurg/contracts/fhir-export';
import type { FhirResourceType } from '@gisurg/contracts/fhir';
import { requireScope } from '../clients.js';
import { mayExport } from './access.js';
import { ownerOf } from './actor.js';
import { EXPORT_JOB, type ExportOutputRow } from './exporter.js';
import { groupVisible } from './queries.js';
import { removeExportFiles } from './store.js';

/** Exports one caller may have queued or running at once (a fourth kick-off is 429). */
export const MAX_ACTIVE_EXPORTS = 3;

export interface KickOff {
  level: 'system' | 'patient' | 'group';
  groupId: string | null;
  query: FhirExportQuery;
  requestUrl: string;
}

/**
 * `$export` kick-off: checks the types against the caller's permissions and scopes (403), the Group (404 when
 * unknown or none of its patients is visible), inserts the export and its job in one transaction, and wakes the
 * job queue. Returns the export's id.
 */
export async function startExport(ctx: UseCaseContext, k: KickOff, opts: { ttlMs: number }): Promise<string> {
  const { db, actor, meta, clock } = ctx;
  let types: FhirResourceType[];
  if (k.query._type) {
    for (const t of k.query._type) requireScope(actor, t, 's');
    types = k.query._type;
    if (!types.every((t) => mayExport(actor, t))) throw new AppError('FORBIDDEN', 'errors.forbidden');
  } else {
    types = FHIR_EXPORT_TYPES.filter((t) => mayExport(actor, t));
    if (types.length === 0) throw new AppError('FORBIDDEN', 'fhir.export.noTypes');
  }
  const owner = ownerOf(actor);
  const now = clock.now();
  const id = await db.transaction(async (tx) => {
    if (k.groupId && !(await groupVisible(tx, actor, k.groupId))) throw notFound();
    const [active] = await tx
      .select({ n: count() })
      .from(fhirExports)
      .where(and(eq(fhirExports.actorId, owner.actorId), inArray(fhirExports.state, ['queued', 'running'])));
    if (Number(active?.n ?? 0) >= MAX_ACTIVE_EXPORTS) throw new AppError('RATE_LIMITED', 'fhir.export.tooMany');
    const [row] = await tx
      .insert(fhirExports)
      .values({
        actorKind: owner.actorKind,
        actorId: owner.actorId,
        scopes: owner.scopes,
        organizationId: actor.organizationId,
        level: k.level,
        groupId: k.groupId,
        types,
        since: k.query._since ?? null,
        requestUrl: k.requestUrl,
        requestMeta: meta,
        createdAt: now,
        expiresAt: new Date(now.getTime() + opts.ttlMs),
      })
      .returning({ id: fhirExports.id });
    await enqueueJob(tx, EXPORT_JOB, row!.id, now);
    return row!.id;
  });
  wakeJobQueues();
  return id;
}

type ExportRow = typeof fhirExports.$inferSelect;

/** The caller's own live export, or 404 (another caller's, cancelled, expired or unknown). */
async function ownExport(ctx: UseCaseContext, id: string): Promise<ExportRow> {
  const owner = ownerOf(ctx.actor);
  const [row] = await ctx.db
    .select()
    .from(fhirExports)
    .where(and(eq(fhirExports.id, id), eq(fhirExports.actorKind, owner.actorKind), eq(fhirExports.actorId, owner.actorId)))
    .limit(1);
  if (!row || row.state === 'cancelled' || row.state === 'expired' || row.expiresAt <= ctx.clock.now()) throw notFound();
  return row;
}

export type ExportStatus =
  { state: 'in-progress'; progress: string } | { state: 'complete'; manifest: FhirExportManifest } | { state: 'failed' };

export async function exportStatus(ctx: UseCaseContext, id: string, base: string): Promise<ExportStatus> {
  const row = await ownExport(ctx, id);
  if (row.state === 'queued') return { state: 'in-progress', progress: 'queued' };
  if (row.state === 'running') {
    const total = row.patientsTotal ?? 0;
    const pct = total > 0 ? Math.floor((100 * row.patientsDone) / total) : 0;
    return { state: 'in-progress', progress: `${pct}% (${row.patientsDone}/${total} patients)` };
  }
  if (row.state === 'failed') return { state: 'failed' };
  const output = (row.output as ExportOutputRow[] | null) ?? [];
  return {
    state: 'complete',
    manifest: {
      transactionTime: (row.transactionTime ?? row.createdAt).toISOString(),
      request: row.requestUrl,
      requiresAccessToken: true,
      output: output
        .filter((o) => o.count > 0)
        .map((o) => ({ type: o.type, url: `${base}/$export-file/${row.id}/${o.file}`, count: o.count })),
      error: [],
    },
  };
}

/** DELETE on the status URL: the export stops (the job checks between pages), its files go; audited. */
export async function cancelExport(ctx: UseCaseContext, id: string, dataDir: string): Promise<void> {
  const row = await ownExport(ctx, id);
  await ctx.db.transaction(async (tx) => {
    await tx.update(fhirExports).set({ state: 'cancelled', output: null, finishedAt: ctx.clock.now() }).where(eq(fhirExports.id, id));
    await recordAudit(tx, ctx.meta, ctx.actor, {
      action: 'fhir.export.cancel',
      outcome: 'success',
      resourceType: 'fhir_export',
      resourceId: id,
      details: { previousState: row.state },
    });
  });
  await removeExportFiles(dataDir, id);
}

/** A file of the caller's complete export (404 otherwise); the download is audited (type and count). */
export async function exportFileToSend(ctx: UseCaseContext, id: string, file: string): Promise<ExportOutputRow> {
  const row = await ownExport(ctx, id);
  const out =
    row.state === 'complete' ? ((row.output as ExportOutputRow[] | null) ?? []).find((o) => o.file === file && o.count > 0) : undefined;
  if (!out) throw notFound();
  await recordAudit(ctx.db, ctx.meta, ctx.actor, {
    action: 'fhir.export.download',
    outcome: 'success',
    resourceType: 'fhir_export',
    resourceId: id,
    details: { type: out.type, count: out.count },
  });
  return out;
}
