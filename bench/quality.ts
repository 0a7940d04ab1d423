/**
 * Quality dashboard latency (issue 12, acceptance point 3): a year of a 1,000-operation department
 * (~2 years of records in the database: 2,000 operations with procedures, pathology, complications and
 * deaths), then what the dashboard loads — GET /api/quality/indicators, /api/quality/trend (monthly) and
 * /api/quality/volumes — through the real app in-process (auth, SQL, audit row), p50 and p95 over 30 loads; the
 * funnel plot (/api/quality/funnel, one grouped pass per surgeon) is timed on its own beside them.
 * Run: `npx tsx bench/quality.ts [operationsPerYear=1000]` (PGlite; PostgreSQL too when BENCH_DATABASE_URL is set:
 * a database gisurg_bench_quality_* is created and dropped). The reader is a department head (the admin has no
 * quality:read: separated duties); the load average is printed before and after (the machine is shared).
 */
import { mkdtempSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { addDays } from '@gisurg/contracts';
import { sql } from 'drizzle-orm';
import { buildApp } from '../packages/server/src/app.js';
import { parseConfig } from '../packages/server/src/config.js';
import { openDatabase, type Database } from '../packages/server/src/db/connection.js';
import { applyMigrations } from '../packages/server/src/db/migrate.js';
import {
  complications,
  operationProcedures,
  operations,
  pathologyReports,
  patients,
  qualityDeaths,
} from '../packages/server/src/db/schema/index.js';
import { bootstrap } from '../packages/server/src/seed/bootstrap.js';
import { Rng } from '../packages/server/src/seed/random.js';
import { addBenchUser, benchLogin, createBenchDatabase } from './support.js';

const PER_YEAR = Number(process.argv[2] ?? 1000);
const LOADS = 30;
const CODES = [
  'gastrectomy_distal_d2',
  'gastrectomy_total_d2',
  'right_hemicolectomy_cme',
  'sigmoidectomy',
  'anterior_resection_tme',
  'crs',
  'gastrojejunostomy',
];

/**
 * The department head who reads the dashboard (the admin has no quality:read: separated duties) and eight
 * surgeons who operate (so the surgeon filter and the funnel plot have something to group).
 */
async function people(database: Database, boot: { homeOrganizationId: string; departmentId: string }): Promise<string[]> {
  await addBenchUser(database, boot, 'department_head', 'bench-head', '基准主任');
  const surgeons: string[] = [];
  for (let i = 0; i < 8; i += 1) surgeons.push(await addBenchUser(database, boot, 'surgeon', `bench-surgeon-${i}`, `基准医师${i}`));
  return surgeons;
}

async function load(database: Database, orgId: string, surgeons: string[]): Promise<void> {
  const rng = new Rng(7);
  const db = database.db;
  for (let i = 0; i < PER_YEAR * 2; i += 100) {
    const pats = await db
      .insert(patients)
      .values(
        Array.from({ length: 100 }, (_, k) => ({
          organizationId: orgId,
          name: '基准患者',
          sex: 'male' as const,
          birthDate: '1960-01-01',
          inpatientNo: `Q${i + k}`,
        })),
      )
      .returning({ id: patients.id });
    const ops = await db
      .insert(operations)
      .values(
        pats.map((p, k) => {
          const approach = rng.pick(['laparoscopic', 'laparoscopic', 'robotic', 'open', 'converted'] as const);
          return {
            patientId: p.id,
            operationDate: addDays('2025-01-01', Math.floor(((i + k) * 730) / (PER_YEAR * 2))),
            urgency: 'elective',
            intent: 'curative',
            approach,
            converted: approach === 'converted',
            surgeonId: rng.pick(surgeons),
            durationMin: rng.int(120, 360),
          };
        }),
      )
      .returning({ id: operations.id, patientId: operations.patientId, date: operations.operationDate });
    await db
      .insert(operationProcedures)
      .values(ops.map((o) => ({ operationId: o.id, position: 0, code: rng.pick(CODES), icd9cm3: '00.0' })));
    await db.insert(pathologyReports).values(
      ops
        .filter(() => rng.chance(0.9))
        .map((o) => ({
          operationId: o.id,
          nodesExamined: rng.chance(0.95) ? rng.int(5, 40) : null,
          margin: rng.chance(0.95) ? 'R0' : 'R1',
        })),
    );
    const comp = ops.filter(() => rng.chance(0.12));
    if (comp.length)
      await db.insert(complications).values(
        comp.map((o) => ({
          operationId: o.id,
          patientId: o.patientId,
          occurredOn: addDays(o.date, 5),
          dayAfterOperation: 5,
          type: 'other',
          grade: rng.pick(['II', 'IIIa', 'IIIb', 'IVa']),
        })),
      );
    const dead = ops.filter(() => rng.chance(0.02));
    if (dead.length)
      await db.insert(qualityDeaths).values(dead.map((o) => ({ patientId: o.patientId, source: 'ward', deathDate: addDays(o.date, 12) })));
  }
  await db.execute(sql`analyze`);
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

async function measure(engine: string, database: Database): Promise<string[]> {
  const boot = await bootstrap(database.db, { adminPassword: 'Bench-Admin-1', now: new Date() });
  const surgeons = await people(database, boot);
  const t0 = performance.now();
  await load(database, boot.homeOrganizationId, surgeons);
  console.log(`${engine}: loaded ${PER_YEAR * 2} operations in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const config = {
    ...parseConfig({ DATA_DIR: mkdtempSync(path.join(tmpdir(), 'gisurg-bench-quality-')), LOG_LEVEL: 'silent', GISURG_DEMO: '0' }),
    sessionSecret: 'bench-secret-0123456789abcdef0123',
  };
  const { app } = await buildApp({ config, database, logger: false });
  const cookie = await benchLogin(app, 'bench-head');
  const urls = [
    '/api/quality/indicators?from=2026-01-01&to=2026-12-31',
    '/api/quality/trend?from=2026-01-01&to=2026-12-31&interval=month',
    '/api/quality/volumes?year=2026',
  ];
  // The funnel plot (issue 12) is timed on its own: the acceptance figure is the three requests above.
  const funnelUrl = '/api/quality/funnel?from=2026-01-01&to=2026-12-31&code=cd3plus';
  const get = async (url: string) => {
    const r = await app.inject({ method: 'GET', url, headers: { cookie } });
    if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode} ${r.body}`);
  };
  const times: number[] = [];
  const funnel: number[] = [];
  for (let i = 0; i < LOADS + 3; i += 1) {
    const s = performance.now();
    for (const url of urls) await get(url);
    const f = performance.now();
    await get(funnelUrl);
    if (i >= 3) {
      times.push(f - s);
      funnel.push(performance.now() - f);
    }
  }
  await app.close();
  const ms = (xs: number[], p: number) => pct(xs, p).toFixed(0);
  return [
    `| ${engine} | ${PER_YEAR} / year (${PER_YEAR * 2} in the database) | ${ms(times, 50)} | ${ms(times, 95)} | ${ms(funnel, 50)} / ${ms(funnel, 95)} |`,
  ];
}

console.log(
  `Machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}; ${LOADS} dashboard loads (indicators + trend + volumes)`,
);
const loadNow = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(', ');
const startLoad = loadNow();
const out = ['| engine | operations | dashboard p50 ms | p95 ms | funnel plot p50 / p95 ms |', '| --- | --- | --- | --- | --- |'];
{
  const database = await openDatabase({});
  await applyMigrations(database);
  out.push(...(await measure(`PGlite ${database.version}`, database)));
  await database.close();
}
if (process.env.BENCH_DATABASE_URL) {
  const bench = await createBenchDatabase('gisurg_bench_quality');
  try {
    const database = await openDatabase({ databaseUrl: bench.url });
    await applyMigrations(database);
    out.push(...(await measure(`PostgreSQL ${database.version}`, database)));
    await database.close();
  } finally {
    await bench.drop();
  }
}
console.log(out.join('\n'));
console.log(`Load average (1, 5, 15 min): ${startLoad} at the start, ${loadNow()} at the end`);
