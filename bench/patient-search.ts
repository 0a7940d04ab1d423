/**
 * Patient search latency (issue 2, point 12) with 100,000 synthetic patients, on PGlite and on PostgreSQL:
 * GET /api/patients?q=… through the real app in-process (routing, auth, query, audit row), p50 and p99 over
 * 300 searches each by full pinyin, pinyin initials, Chinese name and last ID digits.
 * Run: `npx tsx bench/patient-search.ts [patients=100000]`; PostgreSQL from BENCH_DATABASE_URL or
 * postgres://postgres@127.0.0.1:5432/postgres (a database gisurg_bench_* is created and dropped).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { pinyin } from 'pinyin-pro';
import { buildApp } from '../packages/server/src/app.js';
import { parseConfig } from '../packages/server/src/config.js';
import { openDatabase, type Database } from '../packages/server/src/db/connection.js';
import { applyMigrations } from '../packages/server/src/db/migrate.js';
import { patients, patientSearchTerms } from '../packages/server/src/db/schema/index.js';
import { patientSearchTerms as termsFor } from '../packages/server/src/features/patients/search-terms.js';
import { bootstrap } from '../packages/server/src/seed/bootstrap.js';
import { syntheticPerson } from '../packages/server/src/seed/people.js';
import { Rng } from '../packages/server/src/seed/random.js';
import { addBenchUser, benchLogin } from './support.js';

const N = Number(process.argv[2] ?? 100_000);
const SAMPLES = 300;

interface Sample {
  name: string;
  idNumber: string;
}

async function load(database: Database, homeOrgId: string): Promise<Sample[]> {
  const rng = new Rng(42);
  const samples: Sample[] = [];
  const t0 = performance.now();
  for (let start = 0; start < N; start += 1000) {
    const batch = Array.from({ length: Math.min(1000, N - start) }, (_, i) => {
      const p = syntheticPerson(rng, '2026-11-26');
      return { ...p, organizationId: homeOrgId, inpatientNo: `B${String(start + i).padStart(8, '0')}`, idType: 'resident_id' as const };
    });
    await database.db.transaction(async (tx) => {
      const rows = await tx
        .insert(patients)
        .values(batch)
        .onConflictDoNothing()
        .returning({ id: patients.id, name: patients.name, inpatientNo: patients.inpatientNo, idNumber: patients.idNumber });
      const terms = rows.flatMap((r) => termsFor(r).map((t) => ({ patientId: r.id, kind: t.kind, term: t.term })));
      for (let i = 0; i < terms.length; i += 5000)
        await tx
          .insert(patientSearchTerms)
          .values(terms.slice(i, i + 5000))
          .onConflictDoNothing();
      if (samples.length < SAMPLES) samples.push(...rows.slice(0, 5).map((r) => ({ name: r.name, idNumber: r.idNumber! })));
    });
  }
  console.log(`  loaded ${N} patients in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  return samples.slice(0, SAMPLES);
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

async function measure(engine: string, database: Database): Promise<string[]> {
  const boot = await bootstrap(database.db, { adminPassword: 'Bench-Admin-1', now: new Date() });
  const samples = await load(database, boot.homeOrganizationId);
  await database.db.execute(sql`analyze`);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'gisurg-bench-search-'));
  const config = {
    ...parseConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', GISURG_DEMO: '0' }),
    sessionSecret: 'bench-secret-0123456789abcdef0123',
  };
  const { app } = await buildApp({ config, database, logger: false });
  // A surgeon searches (the admin has no patient:read: separated duties).
  await addBenchUser(database, boot, 'surgeon', 'bench-surgeon');
  const cookie = await benchLogin(app, 'bench-surgeon');
  const queries: Record<string, (s: Sample) => string> = {
    'full pinyin': (s) => pinyin(s.name, { surname: 'head', toneType: 'none', type: 'array', v: true }).join(''),
    'pinyin initials': (s) =>
      pinyin(s.name, { surname: 'head', toneType: 'none', type: 'array', v: true })
        .map((x) => x[0])
        .join(''),
    'Chinese name': (s) => s.name,
    'last 6 ID digits': (s) => s.idNumber.slice(-6),
  };
  const lines: string[] = [];
  for (const [label, q] of Object.entries(queries)) {
    for (const s of samples.slice(0, 20))
      await app.inject({ method: 'GET', url: `/api/patients?q=${encodeURIComponent(q(s))}`, headers: { cookie } });
    const times: number[] = [];
    let totalHits = 0;
    for (const s of samples) {
      const t = performance.now();
      const r = await app.inject({ method: 'GET', url: `/api/patients?q=${encodeURIComponent(q(s))}`, headers: { cookie } });
      times.push(performance.now() - t);
      totalHits += r.json<{ total: number }>().total;
    }
    lines.push(
      `| ${engine} | ${label} | ${pct(times, 50).toFixed(1)} ms | ${pct(times, 99).toFixed(1)} ms | ${(totalHits / samples.length).toFixed(1)} |`,
    );
  }
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
  return lines;
}

console.log(
  `Machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}; ${N} patients, ${SAMPLES} searches per row`,
);
const out: string[] = [];
{
  console.log('PGlite…');
  const database = await openDatabase({});
  await applyMigrations(database);
  out.push(...(await measure(`PGlite ${database.version}`, database)));
  await database.close();
}
{
  const admin = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `gisurg_bench_${Date.now()}`;
  const c = new pg.Client({ connectionString: admin });
  try {
    await c.connect();
    await c.query(`create database ${name}`);
    console.log('PostgreSQL…');
    const url = new URL(admin);
    url.pathname = `/${name}`;
    const database = await openDatabase({ databaseUrl: url.toString() });
    await applyMigrations(database);
    out.push(...(await measure(`PostgreSQL ${database.version}`, database)));
    await database.close();
    await c.query(`drop database ${name} with (force)`);
  } catch (e) {
    console.log(`PostgreSQL not measured: ${(e as Error).message}`);
  } finally {
    await c.end().catch(() => undefined);
  }
}
console.log('| engine | search by | p50 | p99 | mean matches |');
console.log('| --- | --- | ---: | ---: | ---: |');
for (const l of out) console.log(l);
