import { randomBytes } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import { addDays, todayIn } from '@gisurg/contracts';
import { hashPassword } from '../auth/passwords.js';
import type { Config } from '../config.js';
import { users } from '../db/schema/index.js';
import { queryRows } from '../db/sql.js';
import type { Db } from '../db/types.js';
import { openRuntime } from '../runtime.js';
import { bootstrap } from '../seed/bootstrap.js';
import { planLayout } from './generate/layout.js';
import { statements, type BatchStatement } from './generate/statements.js';

/**
 * `gisurg generate`: a large synthetic database for scale measurements (issue 18 "Scale"), on PostgreSQL (the
 * function also runs on PGlite for the tests). Synthetic only: names from fixed lists of surnames and given-name
 * characters, no ID numbers. Set-based: each table is filled by one `INSERT … SELECT … FROM generate_series` per
 * batch of patients, inside the database, and rows/s are printed per table.
 *
 * Per patient, coherent with each other (generate/layout.ts, generate/statements.ts): search terms (name,
 * pinyin, initials, inpatient number), a primary GI cancer (ICD-10, AJCC 8 clinical stage), 1.5 operations
 * on average with their procedure and one admission each holding a bed of the home department's synthetic
 * wards, tumour markers, follow-up contacts (deaths and recurrences drawn by stage) and, for a share of
 * patients, a tumour-board case with its recommendation and tracked plan items. Bulk data: no audit rows.
 */
export interface GenerateOptions {
  hospitals: number;
  patients: number;
  observationsPerPatient: number;
  years: number;
  /** Share of patients discussed at a tumour board, in percent (default 20). */
  mdtPercent?: number;
}

export interface GenerateResult {
  tables: { table: string; rows: number; seconds: number }[];
  rows: number;
  seconds: number;
  beds: number;
}

const BATCH = 50_000;
const TZ = 'Asia/Shanghai';

function parseArgs(args: readonly string[]): GenerateOptions {
  const get = (flag: string, def: number) => {
    const i = args.indexOf(flag);
    if (i < 0) return def;
    const n = Number(args[i + 1]);
    if (!Number.isInteger(n) || n < 0) throw new Error(`${flag} needs a whole number`);
    return n;
  };
  return {
    hospitals: get('--hospitals', 100),
    patients: get('--patients', 1_000_000),
    observationsPerPatient: get('--observations-per-patient', 10),
    years: get('--years', 20),
    mdtPercent: get('--mdt-percent', 20),
  };
}

async function rowCount(db: Db, statement: SQL): Promise<number> {
  const r = (await db.execute(statement)) as { rowCount?: number | null; affectedRows?: number };
  return r.rowCount ?? r.affectedRows ?? 0;
}

export async function generate(
  db: Db,
  homeOrganizationId: string,
  o: GenerateOptions,
  now: Date,
  log: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Promise<GenerateResult> {
  const [first] = await queryRows<{ start: number; department: string | null }>(
    db,
    sql`select (select count(*)::int from patients where inpatient_no like 'S%') as start,
               (select id from departments where organization_id = ${homeOrganizationId} order by created_at limit 1) as department`,
  );
  if (!first?.department) throw new Error('the home organization has no department (run bootstrap first)');
  const today = todayIn(TZ, now);
  const days = Math.max(30, Math.round(o.years * 365.25));
  const layout = planLayout(o.patients, days, addDays(today, -(days - 1)), first.start);
  const runNo = first.start + 1;
  const userName = '合成数据医师';
  const [u] = await db
    .insert(users)
    .values({
      username: `synthetic-surgeon-${runNo}`,
      displayName: userName,
      role: 'surgeon',
      organizationId: homeOrganizationId,
      departmentId: first.department,
      passwordHash: await hashPassword(randomBytes(24).toString('base64url')),
      disabledAt: now,
    })
    .returning({ id: users.id });
  const s = statements({
    layout,
    now,
    homeOrganizationId,
    departmentId: first.department,
    userId: u!.id,
    userName,
    observationsPerPatient: o.observationsPerPatient,
    mdtShare: (o.mdtPercent ?? 20) / 100,
  });
  const tables: GenerateResult['tables'] = [];
  const timed = async (table: string, run: () => Promise<number>) => {
    const t0 = performance.now();
    const rows = await run();
    const seconds = (performance.now() - t0) / 1000;
    tables.push({ table, rows, seconds });
    log(
      `  ${table.padEnd(22)} ${rows.toLocaleString('en').padStart(12)} rows ${seconds.toFixed(1).padStart(8)} s ${Math.round(
        rows / Math.max(seconds, 0.001),
      )
        .toLocaleString('en')
        .padStart(10)} rows/s`,
    );
  };
  const batched = (statement: BatchStatement) => async () => {
    let rows = 0;
    for (let a = 1; a <= o.patients; a += BATCH) rows += await rowCount(db, statement(a, Math.min(o.patients, a + BATCH - 1)));
    return rows;
  };
  const t0 = performance.now();
  log(`  layout: ${layout.beds} beds in ${Math.ceil(layout.beds / 40)} wards, ${days} days from ${layout.day0}`);
  await timed('organizations', () =>
    rowCount(
      db,
      sql`insert into organizations (name, kind, region, created_at, updated_at)
        select '合成医院 ' || ${runNo}::int || '-' || lpad(g::text, 4, '0') || ' (synthetic)', 'primary', '浙江省', ${now}, ${now}
        from generate_series(1, ${o.hospitals}::int) g`,
    ),
  );
  await timed('wards + beds', async () => {
    let rows = 0;
    for (const st of s.wardsAndBeds) rows += await rowCount(db, st);
    return rows;
  });
  await timed('mdt_meetings', () => rowCount(db, s.meetings));
  for (const [table, statement] of Object.entries(s.batches)) await timed(table, batched(statement));
  await timed('bed_states', () => rowCount(db, s.bedStates));
  const t1 = performance.now();
  // VACUUM as well as ANALYZE: it sets the visibility map, so index-only scans (the patient search's term index) do
  // not visit the table for every entry — what autovacuum does a while after a bulk load; measurements right after
  // generating then do not depend on whether it has run yet (initials search p99 111 → 70 ms at 1,000,000 patients).
  await db.execute(sql`vacuum (analyze)`);
  const analyze = (performance.now() - t1) / 1000;
  const rows = tables.reduce((n, t) => n + t.rows, 0);
  const seconds = (performance.now() - t0) / 1000;
  log(
    `Generated ${rows.toLocaleString('en')} rows in ${seconds.toFixed(1)} s (${Math.round(rows / seconds).toLocaleString('en')} rows/s), VACUUM ANALYZE ${analyze.toFixed(1)} s.`,
  );
  return { tables, rows, seconds, beds: layout.beds };
}

/** `gisurg generate [--hospitals 100] [--patients 1000000] [--observations-per-patient 10] [--years 20] [--mdt-percent 20]` (PostgreSQL only). */
export async function generateCli(config: Config, args: readonly string[]): Promise<number> {
  if (!config.databaseUrl) {
    process.stderr.write('gisurg: generate builds a province-size database and needs PostgreSQL: set DATABASE_URL.\n');
    return 2;
  }
  let opts: GenerateOptions;
  try {
    opts = parseArgs(args);
  } catch (e) {
    process.stderr.write(`gisurg: ${(e as Error).message}\n`);
    return 2;
  }
  const runtime = await openRuntime(config);
  try {
    const now = new Date();
    const boot = await bootstrap(runtime.database.db, { adminPassword: config.adminPassword, now });
    process.stdout.write(
      `Generating ${opts.hospitals} hospitals, ${opts.patients} patients, ${opts.observationsPerPatient} observations each over ${opts.years} years …\n`,
    );
    await generate(runtime.database.db, boot.homeOrganizationId, opts, now);
    return 0;
  } finally {
    await runtime.close();
  }
}
