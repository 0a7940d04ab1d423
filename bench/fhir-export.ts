/**
 * FHIR Bulk Data `$export` of N patients with their records (issue 13, acceptance 4): duration, peak RSS (sampled
 * every 50 ms), resources/s, on PGlite and on PostgreSQL. Each patient has a diagnosis (→ Condition + 4 cTNM
 * Observations), a CEA marker (→ Observation) and an operation with one procedure (→ Procedure), bulk-inserted in
 * batches of 1,000 rows.
 *
 * Memory must stay flat: the load and the export run in separate processes (the export process opens the loaded
 * database fresh), so the export process's peak RSS is the export's own (app + engine + one page of patients),
 * comparable between sizes: run 10,000 and 100,000 and compare.
 *
 * Run: `npx tsx bench/fhir-export.ts [--patients 100000] [--engine pglite|postgresql|both]` (BENCH_LIVE_HEAP=1: the export
 * process runs with --expose-gc, collects every second and reports the largest heap left after a collection)
 * PostgreSQL from BENCH_DATABASE_URL or postgres://postgres@127.0.0.1:5432/postgres (a database gisurg_fx_* is
 * created and dropped). The machine is shared with other work: note `uptime` beside the figures.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { buildApp } from '../packages/server/src/app.js';
import { parseConfig } from '../packages/server/src/config.js';
import { openDatabase, type Database } from '../packages/server/src/db/connection.js';
import { applyMigrations } from '../packages/server/src/db/migrate.js';
import { oncologyDiagnoses, operationProcedures, operations, patients, tumorMarkers } from '../packages/server/src/db/schema/index.js';
import { featureJobs } from '../packages/server/src/features/index.js';
import { JobQueue } from '../packages/server/src/jobs/queue.js';
import { bootstrap } from '../packages/server/src/seed/bootstrap.js';
import { syntheticPerson } from '../packages/server/src/seed/people.js';
import { Rng } from '../packages/server/src/seed/random.js';
import type { FhirExportManifest } from '../packages/contracts/src/fhir-export.js';
import { addBenchUser, benchLogin } from './support.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const { values: args } = parseArgs({
  options: {
    patients: { type: 'string', default: '100000' },
    engine: { type: 'string', default: 'both' },
    /** Internal: the child process phases. */
    phase: { type: 'string' },
    dir: { type: 'string' },
    url: { type: 'string' },
  },
});
const N = Number(args.patients);
const HEAD = 'bench_head';
const BATCH = 1000;

async function open(dir: string, url: string | undefined): Promise<Database> {
  return url ? openDatabase({ databaseUrl: url }) : openDatabase({ pgliteDir: path.join(dir, 'pglite') });
}

/** Phase 1 (own process): migrate, bootstrap, a department head, N patients with their records. */
async function loadPhase(dir: string, url: string | undefined): Promise<void> {
  const t0 = performance.now();
  const database = await open(dir, url);
  await applyMigrations(database);
  const boot = await bootstrap(database.db, { adminPassword: 'Bench-Admin-1', now: new Date() });
  await addBenchUser(database, boot, 'department_head', HEAD);
  const rng = new Rng(13);
  let loaded = 0;
  let seq = 0;
  while (loaded < N) {
    const n = Math.min(BATCH, N - loaded);
    const people = Array.from({ length: n }, () => ({
      ...syntheticPerson(rng, '2026-12-01'),
      id: randomUUID(),
      organizationId: boot.homeOrganizationId,
      inpatientNo: `X${String(seq++).padStart(8, '0')}`,
      idType: 'resident_id' as const,
    }));
    await database.db.transaction(async (tx) => {
      // Synthetic ID numbers may repeat: a repeated one is skipped (as bench/throughput.ts does) and made up by the next batch.
      const kept = await tx.insert(patients).values(people).onConflictDoNothing().returning({ id: patients.id });
      loaded += kept.length;
      const diagnoses = kept.map((p) => ({
        id: randomUUID(),
        patientId: p.id,
        site: 'stomach' as const,
        icd10: 'C16.3',
        diagnosisDate: '2026-01-10',
        stagingSite: 'stomach',
        clinicalT: 'T3',
        clinicalN: 'N1',
        clinicalM: 'M0',
        clinicalStage: 'III',
        stagingEdition: 8,
      }));
      const ops = diagnoses.map((d) => ({
        id: randomUUID(),
        patientId: d.patientId,
        diagnosisId: d.id,
        operationDate: '2026-02-01',
        urgency: 'elective' as const,
        intent: 'curative' as const,
        approach: 'laparoscopic' as const,
      }));
      await tx.insert(oncologyDiagnoses).values(diagnoses);
      await tx
        .insert(tumorMarkers)
        .values(kept.map((p) => ({ patientId: p.id, marker: 'CEA', value: 3.2, unit: 'ng/mL', sampledOn: '2026-01-05' })));
      await tx.insert(operations).values(ops);
      await tx
        .insert(operationProcedures)
        .values(ops.map((o) => ({ operationId: o.id, position: 0, code: 'gastrectomy_distal_d2', icd9cm3: '43.7' })));
    });
  }
  await database.db.execute(sql`analyze`);
  await database.close();
  process.stdout.write(`${JSON.stringify({ loadSeconds: (performance.now() - t0) / 1000 })}\n`);
}

/** Phase 2 (fresh process): the real app and job queue; kick off `$export`, run it, sample RSS, read the manifest. */
async function exportPhase(dir: string, url: string | undefined): Promise<void> {
  const database = await open(dir, url);
  const config = {
    ...parseConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent', GISURG_DEMO: '0', ...(url ? { DATABASE_URL: url } : {}) }),
    sessionSecret: 'bench-secret-0123456789abcdef0123',
  };
  const { app } = await buildApp({ config, database, logger: false });
  await app.ready();
  const cookie = await benchLogin(app, HEAD);
  const queue = new JobQueue(database, featureJobs(config, database), {
    clock: { now: () => new Date() },
    pollMs: 3_600_000,
    onError: (e) => {
      throw e;
    },
  });
  const rssBefore = process.memoryUsage().rss;
  let peakRss = rssBefore;
  let peakHeap = process.memoryUsage().heapUsed;
  // BENCH_LIVE_HEAP=1: also a full GC every second and the largest heap left after it (what the export holds).
  const gc = process.env.BENCH_LIVE_HEAP === '1' ? (globalThis as { gc?: () => void }).gc : undefined;
  let peakLiveHeap = 0;
  let ticks = 0;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
    if (gc && ++ticks % 20 === 0) {
      gc();
      peakLiveHeap = Math.max(peakLiveHeap, process.memoryUsage().heapUsed);
    }
  }, 50);
  const t0 = performance.now();
  const kick = await app.inject({ method: 'GET', url: '/fhir/R4/$export', headers: { cookie, prefer: 'respond-async' } });
  if (kick.statusCode !== 202) throw new Error(`kick-off: ${kick.statusCode} ${kick.body}`);
  const status = new URL(String(kick.headers['content-location'])).pathname;
  await queue.runDue();
  const res = await app.inject({ method: 'GET', url: status, headers: { cookie } });
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  if (res.statusCode !== 200) throw new Error(`status: ${res.statusCode} ${res.body}`);
  const manifest = res.json<FhirExportManifest>();
  const resources = manifest.output.reduce((s, o) => s + o.count, 0);
  const id = status.split('/').pop()!;
  const bytes = manifest.output.reduce((s, o) => s + statSync(path.join(dir, 'fhir-exports', id, `${o.type}.ndjson`)).size, 0);
  await app.close();
  await database.close();
  const mb = (b: number) => Math.round(b / 1024 / 1024);
  process.stdout.write(
    `${JSON.stringify({
      seconds,
      resources,
      perSecond: Math.round(resources / seconds),
      counts: Object.fromEntries(manifest.output.map((o) => [o.type, o.count])),
      fileMb: mb(bytes),
      rssBeforeMb: mb(rssBefore),
      peakRssMb: mb(peakRss),
      peakHeapMb: mb(peakHeap),
      ...(gc ? { peakLiveHeapMb: mb(peakLiveHeap) } : {}),
    })}\n`,
  );
}

function child(phase: string, dir: string, url: string | undefined): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const argv = [
      ...(process.env.BENCH_LIVE_HEAP === '1' ? ['--expose-gc'] : []),
      '--import',
      'tsx',
      path.join(here, 'fhir-export.ts'),
      '--phase',
      phase,
      '--dir',
      dir,
      '--patients',
      String(N),
    ];
    if (url) argv.push('--url', url);
    const p = spawn(process.execPath, argv, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`${phase} exited ${code}: ${out}`));
      resolve(JSON.parse(out.trim().split('\n').pop()!) as Record<string, unknown>);
    });
  });
}

async function run(engine: 'pglite' | 'postgresql'): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'gisurg-bench-fx-'));
  let url: string | undefined;
  let drop: (() => Promise<void>) | null = null;
  if (engine === 'postgresql') {
    const admin = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    const name = `gisurg_fx_${Date.now()}`;
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    await c.query(`create database ${name}`);
    await c.end();
    const u = new URL(admin);
    u.pathname = `/${name}`;
    url = u.toString();
    drop = async () => {
      const d = new pg.Client({ connectionString: admin });
      await d.connect();
      await d.query(`drop database ${name} with (force)`);
      await d.end();
    };
  }
  try {
    const load = await child('load', dir, url);
    const exp = await child('export', dir, url);
    const la = loadavg().map((x) => x.toFixed(2));
    console.log(
      `${engine}: ${N} patients (loaded in ${Number(load.loadSeconds).toFixed(0)} s) → $export ${Number(exp.seconds).toFixed(1)} s, ` +
        `${String(exp.resources)} resources (${JSON.stringify(exp.counts)}), ${String(exp.perSecond)} resources/s, ${String(exp.fileMb)} MB NDJSON; ` +
        `RSS ${String(exp.rssBeforeMb)} MB before, peak ${String(exp.peakRssMb)} MB; JS heap peak ${String(exp.peakHeapMb)} MB` +
        (exp.peakLiveHeapMb !== undefined ? ` (after GC: ${Number(exp.peakLiveHeapMb)} MB)` : '') +
        '; ' +
        `load average ${la.join(' ')}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await drop?.();
  }
}

if (args.phase === 'load') await loadPhase(args.dir!, args.url);
else if (args.phase === 'export') await exportPhase(args.dir!, args.url);
else {
  console.log(
    `FHIR $export bench: ${N} patients, ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), ${Math.round(totalmem() / 1024 ** 3)} GB, ` +
      `Node ${process.version}, load average at start ${loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')}`,
  );
  const engines = args.engine === 'both' ? (['pglite', 'postgresql'] as const) : [args.engine as 'pglite' | 'postgresql'];
  for (const e of engines) await run(e);
}
