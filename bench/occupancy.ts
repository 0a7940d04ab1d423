/**
 * Occupancy and length of stay over long periods (issue 16, point 3) on PGlite with the demo's beds (three
 * general wards of 22/22/21 beds, ICU 4, HDU 4 = 73) and five years of generated stay history (transfers,
 * same-day stays, cancellations, operations): GET /api/ward/occupancy through the real app in-process,
 * p50 and max over 20 calls for 30 days, 365 days and 5 years; and once (up to a year), for comparison, the
 * pure in-process computation the route used before (test/medium/support/occupancy-history.ts pureOccupancy).
 * Run: `npx tsx bench/occupancy.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { addDays } from '@gisurg/contracts';
import { buildApp } from '../packages/server/src/app.js';
import { parseConfig } from '../packages/server/src/config.js';
import { openDatabase } from '../packages/server/src/db/connection.js';
import { applyMigrations } from '../packages/server/src/db/migrate.js';
import { bootstrap } from '../packages/server/src/seed/bootstrap.js';
import { aWard } from '../packages/server/test/medium/support/ward.js';
import { pureOccupancy, writeStayHistory } from '../packages/server/test/medium/support/occupancy-history.js';
import { addBenchUser, benchLogin } from './support.js';

const TODAY = '2026-11-26';
const TZ = 'Asia/Shanghai';
const RUNS = 20;

console.log(`Machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}`);
const database = await openDatabase({});
await applyMigrations(database);
const boot = await bootstrap(database.db, { adminPassword: 'Bench-Admin-1', now: new Date(`${TODAY}T02:00:00Z`) });
const wards = [];
for (const [beds, kind] of [
  [22, 'general'],
  [22, 'general'],
  [21, 'general'],
  [4, 'icu'],
  [4, 'hdu'],
] as const)
  wards.push(await aWard(boot.homeOrganizationId, { beds, kind }).build(database.db));
const t0 = performance.now();
const admissions = await writeStayHistory(database.db, {
  organizationId: boot.homeOrganizationId,
  bedIdsByWard: wards.map((w) => w.bedIds),
  from: addDays(TODAY, -5 * 365 - 14),
  until: new Date(`${TODAY}T02:00:00Z`),
  timeZone: TZ,
});
await database.db.execute(sql`analyze`);
console.log(`  ${admissions} admissions on 73 beds over five years, written in ${((performance.now() - t0) / 1000).toFixed(0)} s`);

const dataDir = mkdtempSync(path.join(tmpdir(), 'gisurg-bench-occupancy-'));
const config = {
  ...parseConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', GISURG_DEMO: '0' }),
  sessionSecret: 'bench-secret-0123456789abcdef0123',
};
const { app } = await buildApp({ config, database, logger: false });
// The ward's reader is a nurse (the admin has no ward:read: separated duties).
await addBenchUser(database, boot, 'nurse', 'bench-nurse');
const cookie = await benchLogin(app, 'bench-nurse');

const lines: string[] = [];
for (const [label, days] of [
  ['30 days', 30],
  ['365 days', 365],
  ['5 years', 1826],
] as const) {
  const from = addDays(TODAY, -(days - 1));
  const times: number[] = [];
  for (let i = 0; i < RUNS + 2; i += 1) {
    const t = performance.now();
    const res = await app.inject({ method: 'GET', url: `/api/ward/occupancy?from=${from}&to=${TODAY}`, headers: { cookie } });
    if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body}`);
    if (i >= 2) times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  if (days > 366) {
    lines.push(`| ${label} | ${times[RUNS / 2]!.toFixed(0)} ms | ${times[RUNS - 1]!.toFixed(0)} ms | (not run: minutes) |`);
    continue;
  }
  const t = performance.now();
  await pureOccupancy(database.db, {
    from,
    to: TODAY,
    today: TODAY,
    timeZone: TZ,
    organizationId: boot.homeOrganizationId,
    wardIds: wards.map((w) => w.wardId),
    settings: { sameDayCountsOne: true, losCounting: 'midnights' },
  });
  const pure = performance.now() - t;
  lines.push(`| ${label} | ${times[RUNS / 2]!.toFixed(0)} ms | ${times[RUNS - 1]!.toFixed(0)} ms | ${(pure / 1000).toFixed(1)} s |`);
}
await app.close();
await database.close();
rmSync(dataDir, { recursive: true, force: true });
console.log(`PGlite ${database.version}, all wards (73 beds), ${RUNS} calls per row`);
console.log('| period | p50 (SQL) | max (SQL) | before (pure, once) |');
console.log('| --- | ---: | ---: | ---: |');
for (const l of lines) console.log(l);
