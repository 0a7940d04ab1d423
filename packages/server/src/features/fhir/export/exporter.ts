import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Resource } from '@medplum/fhirtypes';
import { recordAudit } from '../../../audit/record.js';
import { can, type Actor } from '../../../auth/actor.js';
import type { Config } from '../../../config.js';
import type { RequestMeta } from '../../../core/context.js';
import type { Database } from '../../../db/connection.js';
import { fhirExports } from '../../../db/schema/index.js';
import type { Db } from '../../../db/types.js';
import type { JobContext, JobDefinition } from '../../../jobs/queue.js';
import type { FhirResourceType } from '@gisurg/contracts/fhir';
import { loadOncologyRecords } from '../../oncology-record/index.js';
import { clinicalResources, toFhirPatient } from '../mappers.js';
import { actorOfOwner } from './actor.js';
import { mayExport } from './access.js';
import { countExportPatients, exportPatientPage, staysOfPatients } from './queries.js';
import { exportFile, freshExportDir, NdjsonWriter, removeExportFiles } from './store.js';

export const EXPORT_JOB = 'fhir.export';
export const EXPORT_CLEANUP_JOB = 'fhir.export.cleanup';
/** Patients read per page (one short read transaction each: on PGlite other requests run between pages). */
export const EXPORT_PAGE_SIZE = 500;

export interface ExportOutputRow {
  type: FhirResourceType;
  file: string;
  count: number;
}

type ExportRow = typeof fhirExports.$inferSelect;

class Cancelled extends Error {}

async function stateOf(db: Db, id: string): Promise<ExportRow['state'] | null> {
  const [r] = await db.select({ state: fhirExports.state }).from(fhirExports).where(eq(fhirExports.id, id)).limit(1);
  return r?.state ?? null;
}

/**
 * Run one export (job `fhir.export`, run key = the export's id, lease mode: at least once, never two at a time;
 * a re-run after a crash starts the files over). Reads the visible patients page by page, maps each page with the
 * read path's mappers (`toFhirPatient`, `clinicalResources`: the lines equal what reads return) and streams them
 * to one NDJSON file per type. Checks for cancellation between pages. Writes one audit row at the end (counts and
 * types, no patient ids).
 */
export async function runExport(
  config: Config,
  db: Db,
  id: string,
  job: Pick<JobContext, 'now' | 'extendLease'>,
): Promise<Record<string, unknown>> {
  const [row] = await db.select().from(fhirExports).where(eq(fhirExports.id, id)).limit(1);
  if (!row || (row.state !== 'queued' && row.state !== 'running')) return { skipped: row?.state ?? 'missing' };
  const meta = row.requestMeta as RequestMeta;
  const types = row.types as FhirResourceType[];
  const actor = await actorOfOwner(db, row);
  const allowed = actor && types.every((t) => mayExport(actor, t));
  if (!actor || !allowed) {
    await finishFailed(config, db, row, actor, meta, 'forbidden');
    return { failed: 'forbidden' };
  }
  const transactionTime = job.now;
  const total = await countExportPatients(db, actor, row.groupId);
  await db
    .update(fhirExports)
    .set({ state: 'running', transactionTime, patientsDone: 0, patientsTotal: total })
    .where(and(eq(fhirExports.id, id), inArray(fhirExports.state, ['queued', 'running'])));
  await freshExportDir(config.dataDir, id);
  const writers = new Map(types.map((t) => [t, new NdjsonWriter(exportFile(config.dataDir, id, t))]));
  const since = row.since?.getTime() ?? null;
  const changedSince = (r: Resource) => since === null || (r.meta?.lastUpdated !== undefined && Date.parse(r.meta.lastUpdated) > since);
  const clinical = types.some((t) => t !== 'Patient');
  const includeIdNumber = can(actor, 'patient:read_id');
  let done = 0;
  try {
    let after: string | null = null;
    for (;;) {
      if ((await stateOf(db, id)) === 'cancelled') throw new Cancelled();
      const page = await db.transaction(async (tx) => {
        const patients = await exportPatientPage(tx, actor, row.groupId, after, EXPORT_PAGE_SIZE);
        const ids = patients.map((p) => p.id);
        const records = clinical ? await loadOncologyRecords(tx, ids) : null;
        const stays = clinical && types.includes('Encounter') ? await staysOfPatients(tx, ids) : null;
        return { patients, records, stays };
      });
      if (page.patients.length === 0) break;
      for (const p of page.patients) {
        const patient = writers.get('Patient');
        if (patient) {
          const r = toFhirPatient(p, { includeIdNumber });
          if (changedSince(r)) await patient.write(r);
        }
        const record = page.records?.get(p.id);
        if (!record) continue;
        for (const r of clinicalResources({ ...record, stays: page.stays?.get(p.id) ?? [] })) {
          const w = writers.get(r.resourceType);
          if (w && changedSince(r)) await w.write(r);
        }
      }
      done += page.patients.length;
      after = page.patients[page.patients.length - 1]!.id;
      await db.update(fhirExports).set({ patientsDone: done }).where(eq(fhirExports.id, id));
      await job.extendLease?.();
    }
    for (const w of writers.values()) await w.close();
  } catch (e) {
    for (const w of writers.values()) await w.close().catch(() => undefined);
    if (e instanceof Cancelled) {
      await removeExportFiles(config.dataDir, id);
      return { cancelled: true, patients: done };
    }
    await finishFailed(config, db, row, actor, meta, e instanceof Error ? e.name : 'error');
    return { failed: 'error' };
  }
  const output: ExportOutputRow[] = types.map((t) => ({ type: t, file: `${t}.ndjson`, count: writers.get(t)!.count }));
  const counts = Object.fromEntries(output.map((o) => [o.type, o.count]));
  const completed = await db.transaction(async (tx) => {
    const [updated] = await tx
      .update(fhirExports)
      .set({ state: 'complete', output, patientsDone: done, finishedAt: new Date() })
      .where(and(eq(fhirExports.id, id), eq(fhirExports.state, 'running')))
      .returning({ id: fhirExports.id });
    if (!updated) return false;
    await recordAudit(tx, meta, actor, {
      action: 'fhir.export',
      outcome: 'success',
      resourceType: 'fhir_export',
      resourceId: id,
      details: { level: row.level, groupId: row.groupId, types, since: row.since?.toISOString() ?? null, patients: done, counts },
    });
    return true;
  });
  // Cancelled while the last page was written: the files go.
  if (!completed) await removeExportFiles(config.dataDir, id);
  return { patients: done, counts };
}

async function finishFailed(config: Config, db: Db, row: ExportRow, actor: Actor | null, meta: RequestMeta, reason: string): Promise<void> {
  await removeExportFiles(config.dataDir, row.id);
  await db.transaction(async (tx) => {
    await tx
      .update(fhirExports)
      .set({ state: 'failed', error: reason, finishedAt: new Date() })
      .where(and(eq(fhirExports.id, row.id), inArray(fhirExports.state, ['queued', 'running'])));
    await recordAudit(
      tx,
      meta,
      actor ?? { actorId: row.actorId, actorRole: row.actorKind === 'client' ? 'api_client' : null, organizationId: row.organizationId },
      {
        action: 'fhir.export',
        outcome: 'failure',
        resourceType: 'fhir_export',
        resourceId: row.id,
        details: { level: row.level, groupId: row.groupId, types: row.types, reason },
      },
    );
  });
}

/** Expired exports: files removed, status gone (404), the row kept as `expired`. Returns how many. */
export async function cleanUpExpiredExports(config: Config, db: Db, now: Date): Promise<number> {
  const expired = await db
    .update(fhirExports)
    .set({ state: 'expired', output: null })
    .where(and(lt(fhirExports.expiresAt, now), sql`${fhirExports.state} <> 'expired'`))
    .returning({ id: fhirExports.id });
  for (const e of expired) await removeExportFiles(config.dataDir, e.id);
  return expired.length;
}

/** The bulk export's jobs: one on-demand run per kick-off, and the hourly clean-up of expired exports. */
export function exportJobs(config: Config, database: Database): JobDefinition[] {
  return [
    {
      name: EXPORT_JOB,
      mode: 'lease',
      run: async ({ runKey, now, extendLease }) => runExport(config, database.db, runKey, { now, ...(extendLease ? { extendLease } : {}) }),
    },
    {
      name: EXPORT_CLEANUP_JOB,
      everyMs: 3_600_000,
      mode: 'transaction',
      run: async ({ db, now, runKey, workerId }) => {
        const expired = await cleanUpExpiredExports(config, db, now);
        if (expired > 0) {
          await recordAudit(
            db,
            { requestId: `job-${EXPORT_CLEANUP_JOB}-${runKey}`, clientIp: null, userAgent: `gisurg job ${workerId}` },
            null,
            {
              action: 'system.job',
              outcome: 'success',
              resourceType: 'job',
              resourceId: `${EXPORT_CLEANUP_JOB}@${runKey}`,
              details: { expiredExports: expired },
            },
          );
        }
        return { expired };
      },
    },
  ];
}
