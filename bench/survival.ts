/**
 * Survival page latency (issue 11, acceptance point 4): 10,000 cancer patients with a diagnosis (site, clinical
 * stage), a curative operation and several years of follow-up contacts (recurrence and death drawn by stage), then
 * what the survival page asks — POST /api/analytics/survival { endpoint: 'os', groupBy: 'stage' } (Kaplan–Meier
 * per stage group, log-rank, Cox) — through the real app in-process (auth, SQL, audit row), p50 and p95 over 20
 * requests after 3 warm-ups. Run: `npx tsx bench/survival.ts [patients=10000]` (PGlite; PostgreSQL too when
 * BENCH_DATABASE_URL is set: a database gisurg_bench_survival_* is created and dropped). The reader is a
 * surgeon (the admin has no clinical permission: separated duties); the load average is printed before and after.
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
import { followUpContacts, oncologyDiagnoses, operations, patients } from '../packages/server/src/db/schema/index.js';
import { bootstrap } from '../packages/server/src/seed/bootstrap.js';
import { Rng } from '../packages/server/src/seed/random.js';
import { addBenchUser, benchLogin, createBenchDatabase } from './support.js';

const N = Number(process.argv[2] ?? 10_000);
const REQUESTS = 20;
const TODAY = '2026-11-30';
const STAGES = [
  ['I', 0.0018],
  ['IIA', 0.0041],
  ['IIIB', 0.01],
  ['IVA', 0.032],
] as const;
const SITES = ['colon', 'rectum', 'stomach'] as const;
const ICD: Record<(typeof SITES)[number], string> = { colon: 'C18.7', rectum: 'C20', stomach: 'C16.3' };

/** Diagnoses spread over 2016–2026; monthly death hazard by stage; contacts every 3–6 months until death or today. */
async function load(database: Database, orgId: string, surgeonId: string): Promise<number> {
  const rng = new Rng(11);
  const db = database.db;
  let contacts = 0;
  for (let i = 0; i < N; i += 200) {
    const size = Math.min(200, N - i);
    const pats = await db
      .insert(patients)
      .values(
        Array.from({ length: size }, (_, k) => ({
          organizationId: orgId,
          name: '基准患者',
          sex: rng.chance(0.6) ? ('male' as const) : ('female' as const),
          birthDate: '1958-01-01',
          inpatientNo: `S${i + k}`,
        })),
      )
      .returning({ id: patients.id });
    const plan = pats.map((p) => {
      const site = rng.pick(SITES);
      const [stage, hazard] = rng.pick(STAGES);
      const diagnosisDate = addDays('2016-01-01', rng.int(0, 3800));
      return { patientId: p.id, site, stage, hazard, diagnosisDate };
    });
    const dx = await db
      .insert(oncologyDiagnoses)
      .values(
        plan.map((p) => ({
          patientId: p.patientId,
          site: p.site,
          icd10: ICD[p.site],
          diagnosisDate: p.diagnosisDate,
          clinicalStage: p.stage,
        })),
      )
      .returning({ id: oncologyDiagnoses.id });
    await db.insert(operations).values(
      plan.map((p, k) => ({
        patientId: p.patientId,
        diagnosisId: dx[k]!.id,
        operationDate: addDays(p.diagnosisDate, rng.int(7, 40)),
        urgency: 'elective',
        intent: 'curative',
        approach: rng.pick(['laparoscopic', 'laparoscopic', 'robotic', 'open'] as const),
        surgeonId,
      })),
    );
    const rows: (typeof followUpContacts.$inferInsert)[] = [];
    for (const p of plan) {
      const deathDay = Math.round((-Math.log(1 - rng.next()) / p.hazard) * 30.4375);
      let day = 0;
      for (;;) {
        day += rng.int(90, 180);
        const date = addDays(p.diagnosisDate, day);
        if (date > TODAY) break;
        if (day >= deathDay) {
          const death = addDays(p.diagnosisDate, deathDay);
          rows.push({
            patientId: p.patientId,
            contactDate: death,
            method: 'phone',
            status: 'dead',
            deathDate: death,
            deathCause: 'cancer',
          });
          break;
        }
        rows.push({ patientId: p.patientId, contactDate: date, method: 'clinic', status: 'alive_no_disease' });
      }
    }
    for (let j = 0; j < rows.length; j += 1000) await db.insert(followUpContacts).values(rows.slice(j, j + 1000));
    contacts += rows.length;
  }
  await db.execute(sql`analyze`);
  return contacts;
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

async function measure(engine: string, database: Database): Promise<string> {
  const boot = await bootstrap(database.db, { adminPassword: 'Bench-Admin-1', now: new Date() });
  const surgeonId = await addBenchUser(database, boot, 'surgeon', 'bench-surgeon', '基准医师');
  const t0 = performance.now();
  const contacts = await load(database, boot.homeOrganizationId, surgeonId);
  console.log(`${engine}: loaded ${N} patients, ${contacts} contacts in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const config = {
    ...parseConfig({ DATA_DIR: mkdtempSync(path.join(tmpdir(), 'gisurg-bench-survival-')), LOG_LEVEL: 'silent', GISURG_DEMO: '0' }),
    sessionSecret: 'bench-secret-0123456789abcdef0123',
  };
  const { app } = await buildApp({ config, database, logger: false });
  const cookie = await benchLogin(app, 'bench-surgeon');
  const times: number[] = [];
  let last: { n: number; events: number; groups: unknown[]; logRank?: unknown; cox?: { rows: unknown[] } } | null = null;
  for (let i = 0; i < REQUESTS + 3; i += 1) {
    const s = performance.now();
    const r = await app.inject({
      method: 'POST',
      url: '/api/analytics/survival',
      headers: { cookie },
      payload: { cohort: {}, endpoint: 'os', groupBy: 'stage' },
    });
    if (r.statusCode !== 200) throw new Error(`survival: ${r.statusCode} ${r.body}`);
    if (i >= 3) times.push(performance.now() - s);
    last = r.json();
  }
  await app.close();
  if (!last?.logRank || !last.cox) throw new Error('survival: no log-rank or Cox in the answer');
  console.log(`${engine}: n ${last.n}, events ${last.events}, ${last.groups.length} groups, Cox rows ${last.cox.rows.length}`);
  return `| ${engine} | ${N} (${contacts} contacts, ${last.events} deaths) | ${pct(times, 50).toFixed(0)} | ${pct(times, 95).toFixed(0)} |`;
}

console.log(`Machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}`);
const loadNow = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(', ');
const startLoad = loadNow();
const out = ['| engine | patients | survival (KM + log-rank + Cox by stage) p50 ms | p95 ms |', '| --- | --- | --- | --- |'];
{
  const database = await openDatabase({});
  await applyMigrations(database);
  out.push(await measure(`PGlite ${database.version}`, database));
  await database.close();
}
if (process.env.BENCH_DATABASE_URL) {
  const bench = await createBenchDatabase('gisurg_bench_survival');
  try {
    const database = await openDatabase({ databaseUrl: bench.url });
    await applyMigrations(database);
    out.push(await measure(`PostgreSQL ${database.version}`, database));
    await database.close();
  } finally {
    await bench.drop();
  }
}
console.log(out.join('\n'));
console.log(`Load average (1, 5, 15 min): ${startLoad} at the start, ${loadNow()} at the end`);
