/**
 * Scale (issue 18): the app's reads on a province-size database made by `gisurg generate`, through the real
 * routes in-process (auth, SQL, audit row): patient search (Chinese name, full pinyin, pinyin initials, inpatient
 * number), the oncology summary (chart open), a year of occupancy and the bed board, the MDT tracking list and
 * survival on a 100,000-patient cohort (diagnosis dates chosen to hold that many), against the issue's targets.
 *
 * Run on an existing generated database: `SCALE_DATABASE_URL=postgres://…/gisurg_scale npx tsx bench/scale.ts`;
 * or let it make one (a database gisurg_bench_scale_* on BENCH_DATABASE_URL's server, dropped afterwards):
 * `npx tsx bench/scale.ts --patients 100000`. `--only search,summary,occupancy,tracking,survival` measures a part.
 * Readers (surgeon, nurse, MDT coordinator) are added once as bench-scale-* users. The machine and load average are
 * printed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { addDays, todayIn } from '@gisurg/contracts';
import type { Role } from '@gisurg/contracts/auth';
import { buildApp } from '../packages/server/src/app.js';
import { generate } from '../packages/server/src/cli/generate.js';
import { parseConfig } from '../packages/server/src/config.js';
import { openDatabase, type Database } from '../packages/server/src/db/connection.js';
import { applyMigrations } from '../packages/server/src/db/migrate.js';
import { queryRows } from '../packages/server/src/db/sql.js';
import { bootstrap } from '../packages/server/src/seed/bootstrap.js';
import { addBenchUser, benchLogin, createBenchDatabase } from './support.js';

const arg = (flag: string, def: number) => {
  const i = process.argv.indexOf(flag);
  return i < 0 ? def : Number(process.argv[i + 1]);
};
const SAMPLES = arg('--samples', 200);
/** `--only search,summary,occupancy,tracking,survival`: measure only these (default: all). */
const ONLY = (() => {
  const i = process.argv.indexOf('--only');
  return i < 0 ? null : new Set(process.argv[i + 1]!.split(','));
})();
const wanted = (part: string) => ONLY === null || ONLY.has(part);
const COHORT = arg('--cohort', 100_000);
const TZ = 'Asia/Shanghai';

const loadNow = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(', ');
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

async function run(database: Database): Promise<string[]> {
  const boot = await bootstrap(database.db, { adminPassword: 'Bench-Admin-1', now: new Date() });
  const cookies = new Map<Role, string>();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'gisurg-bench-scale-'));
  const config = {
    ...parseConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', GISURG_DEMO: '0' }),
    sessionSecret: 'bench-secret-0123456789abcdef0123',
  };
  const { app } = await buildApp({ config, database, logger: false });
  for (const role of ['surgeon', 'nurse', 'mdt_coordinator'] as const) {
    const username = `bench-scale-${role.replace('_', '-')}`;
    const [exists] = await queryRows<{ id: string }>(database.db, sql`select id from users where username = ${username}`);
    if (!exists) await addBenchUser(database, boot, role, username);
    cookies.set(role, await benchLogin(app, username));
  }
  const counts = (
    await queryRows<Record<string, number>>(
      database.db,
      sql`select (select count(*)::int from patients) as patients, (select count(*)::int from operations) as operations,
             (select count(*)::int from tumor_markers) as markers, (select count(*)::int from admissions) as admissions,
             (select count(*)::int from beds) as beds, (select count(*)::int from mdt_plan_items) as items,
             (select count(*)::int from follow_up_contacts) as contacts`,
    )
  )[0]!;
  console.log(
    `Database: ${Object.entries(counts)
      .map(([k, v]) => `${v.toLocaleString('en')} ${k}`)
      .join(', ')}`,
  );

  const time = async (role: Role, method: 'GET' | 'POST', url: string, payload?: object) => {
    const t = performance.now();
    const res = await app.inject({ method, url, headers: { cookie: cookies.get(role)! }, ...(payload ? { payload } : {}) });
    const ms = performance.now() - t;
    if (res.statusCode !== 200) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
    return { ms, body: res.json<unknown>() };
  };
  const rows: string[] = [];
  const line = (what: string, n: number, times: number[], target: number | null, p: 99 | 'max', extra = '') => {
    const worst = p === 99 ? pct(times, 99) : Math.max(...times);
    const verdict = target === null ? '' : worst < target ? `✓ < ${target}` : `✗ ≥ ${target}`;
    rows.push(
      `| ${what} | ${n} | ${pct(times, 50).toFixed(1)} | ${worst.toFixed(1)} (${p === 99 ? 'p99' : 'max'}) | ${verdict} | ${extra} |`,
    );
    console.log(rows.at(-1));
  };

  // Random generated patients with their search keys.
  const sample = await queryRows<{ id: string; name: string; inpatient_no: string; pinyin: string; initials: string }>(
    database.db,
    sql`select p.id, p.name, p.inpatient_no,
               (select min(term) from patient_search_terms t where t.patient_id = p.id and t.kind = 'pinyin') as pinyin,
               (select min(term) from patient_search_terms t where t.patient_id = p.id and t.kind = 'initials') as initials
        from patients p
        where p.inpatient_no in (select 'S' || lpad((1 + floor(random() * ${counts.patients}))::int::text, 9, '0') from generate_series(1, ${SAMPLES}))`,
  );
  const searches: Record<string, (s: (typeof sample)[number]) => string> = {
    'Chinese name': (s) => s.name,
    'full pinyin': (s) => s.pinyin,
    'pinyin initials': (s) => s.initials,
    'inpatient number': (s) => s.inpatient_no,
  };
  for (const [label, q] of Object.entries(wanted('search') ? searches : {})) {
    for (const s of sample.slice(0, 10)) await time('surgeon', 'GET', `/api/patients?q=${encodeURIComponent(q(s))}`);
    const times: number[] = [];
    let hits = 0;
    for (const s of sample) {
      const r = await time('surgeon', 'GET', `/api/patients?q=${encodeURIComponent(q(s))}`);
      times.push(r.ms);
      hits += (r.body as { total: number }).total;
    }
    line(`patient search: ${label}`, sample.length, times, 50, 99, `mean ${(hits / sample.length).toFixed(0)} matches`);
  }

  if (wanted('summary')) {
    for (const s of sample.slice(0, 10)) await time('surgeon', 'GET', `/api/patients/${s.id}/oncology-summary`);
    const times: number[] = [];
    for (const s of sample) times.push((await time('surgeon', 'GET', `/api/patients/${s.id}/oncology-summary`)).ms);
    line('oncology summary (chart open)', sample.length, times, 50, 99);
  }

  const today = todayIn(TZ, new Date());
  const repeat = async (n: number, f: () => Promise<{ ms: number; body: unknown }>) => {
    await f();
    const times: number[] = [];
    let last: unknown = null;
    for (let i = 0; i < n; i += 1) {
      const r = await f();
      times.push(r.ms);
      last = r.body;
    }
    return { times, last };
  };
  if (wanted('occupancy')) {
    // The kept daily census (ADR 0021): the first computation of a year with nothing kept; then a year as a day of
    // ward work leaves it — each read after a write that forgets the last two days (what a discharge or an operation
    // recorded today does), so three days are computed; then with every day over kept.
    const year = () => time('nurse', 'GET', `/api/ward/occupancy?from=${addDays(today, -364)}&to=${today}`);
    const cold: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      await database.db.execute(sql`select ward_census_forget('-infinity'::date)`);
      cold.push((await year()).ms);
    }
    line('occupancy, one year, all wards: nothing kept (first computation)', 3, cold, null, 'max', `${counts.beds} beds`);
    const afterWrite = await repeat(20, async () => {
      await database.db.execute(sql`select ward_census_forget(current_date - 2)`);
      return year();
    });
    const days = (afterWrite.last as { days: { rate: number | null }[] }).days;
    const mean = days.reduce((n, d) => n + (d.rate ?? 0), 0) / days.length;
    line(
      'occupancy, one year, all wards (after a write today)',
      20,
      afterWrite.times,
      300,
      'max',
      `${counts.beds} beds, mean ${mean.toFixed(0)} %`,
    );
    const r = await repeat(20, year);
    line('occupancy, one year, all wards (every day over kept)', 20, r.times, 300, 'max');
    const b = await repeat(20, () => time('nurse', 'GET', '/api/wards'));
    line('bed board, all wards (today)', 20, b.times, null, 'max', `${(b.last as unknown[]).length} wards`);
  }
  for (const status of wanted('tracking') ? ['', 'overdue', 'pending'] : []) {
    const r = await repeat(20, () => time('mdt_coordinator', 'GET', `/api/mdt/tracking${status ? `?status=${status}` : ''}`));
    line(
      `MDT tracking list${status ? ` (${status})` : ' (all)'}`,
      20,
      r.times,
      100,
      'max',
      `${(r.last as { total: number }).total}${(r.last as { totalCapped?: boolean }).totalCapped ? '+' : ''} items`,
    );
  }
  if (wanted('survival')) {
    // Diagnosis dates that hold COHORT patients, ending three years ago (so the cohort has follow-up).
    const to = addDays(today, -3 * 365);
    const [from] = await queryRows<{ d: string }>(
      database.db,
      sql`select diagnosis_date::text as d from oncology_diagnoses where diagnosis_date <= ${to} order by diagnosis_date desc offset ${COHORT - 1} limit 1`,
    );
    const cohort = { from: from?.d ?? addDays(to, -3650), to };
    const r = await repeat(5, () => time('surgeon', 'POST', '/api/analytics/survival', { cohort, endpoint: 'os', groupBy: 'stage' }));
    const s = r.last as { n: number; events: number; groups: unknown[] };
    line(`survival by stage (KM, log-rank, Cox), ${cohort.from}…${cohort.to}`, 5, r.times, 2000, 'max', `n ${s.n}, ${s.events} deaths`);
  }
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
  return rows;
}

console.log(`Machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}`);
const startLoad = loadNow();
const existing = process.env.SCALE_DATABASE_URL ?? process.env.DATABASE_URL;
const made = existing ? null : await createBenchDatabase('gisurg_bench_scale');
let out: string[];
try {
  const database = await openDatabase({ databaseUrl: existing ?? made!.url });
  try {
    await applyMigrations(database);
    if (made) {
      const boot = await bootstrap(database.db, { adminPassword: 'Bench-Admin-1', now: new Date() });
      const patients = arg('--patients', 100_000);
      await generate(database.db, boot.homeOrganizationId, { hospitals: 100, patients, observationsPerPatient: 10, years: 20 }, new Date());
    }
    console.log(`PostgreSQL ${database.version}`);
    out = await run(database);
  } finally {
    await database.close();
  }
} finally {
  await made?.drop();
}
console.log('| read | requests | p50 ms | worst ms | target | |');
console.log('| --- | ---: | ---: | ---: | --- | --- |');
for (const l of out) console.log(l);
console.log(`Load average (1, 5, 15 min): ${startLoad} at the start, ${loadNow()} at the end`);
