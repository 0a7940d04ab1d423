/**
 * Sealing the audit chain (issue 18: every read audited): each read's audit row is hashed into the chain by the
 * sealer (audit/sealer.ts) after it commits — SELECT the unsealed rows, SHA-256 in the app, one UPDATE per 5,000 rows,
 * through the append-only guard trigger. This measures that cost per row, in the app and in all, on PostgreSQL:
 * `npx tsx bench/audit-seal.ts [rows=40000] [rounds=2]` (BENCH_DATABASE_URL or the local server; a database
 * gisurg_seal_* is created and dropped). The rows are search-like (20 patient ids in `details`).
 */
import { cpus, totalmem } from 'node:os';
import { insertRows } from '../packages/server/src/audit/writer.js';
import { sealPending } from '../packages/server/src/audit/sealer.js';
import { openDatabase } from '../packages/server/src/db/connection.js';
import { applyMigrations } from '../packages/server/src/db/migrate.js';
import { createBenchDatabase } from './support.js';

const N = Number(process.argv[2] ?? 40_000);
const ROUNDS = Number(process.argv[3] ?? 2);
const patientIds = Array.from({ length: 20 }, (_, k) => `00000000-0000-4000-8000-${String(k).padStart(12, '0')}`);
const row = (i: number) => ({
  actorId: '00000000-0000-4000-8000-000000000001',
  actorRole: 'surgeon',
  organizationId: '00000000-0000-4000-8000-000000000002',
  action: 'patient.list',
  resourceType: 'patient',
  outcome: 'success' as const,
  clientIp: '127.0.0.1',
  userAgent: 'bench',
  requestId: `r${i}`,
  details: { patientIds, total: 100, page: 1, hasQuery: true },
});

console.log(`Machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}`);
const created = await createBenchDatabase('gisurg_seal');
const database = await openDatabase({ databaseUrl: created.url });
try {
  await applyMigrations(database);
  console.log(`PostgreSQL ${database.version}; ${N} rows per round`);
  for (let r = 1; r <= ROUNDS; r++) {
    for (let i = 0; i < N; i += 1000)
      await insertRows(
        database.db,
        Array.from({ length: Math.min(1000, N - i) }, (_, k) => row(i + k)),
      );
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const sealed = await sealPending(database.db);
    const ms = performance.now() - t0;
    const c = process.cpuUsage(c0);
    console.log(
      `round ${r}: sealed ${sealed} rows in ${ms.toFixed(0)} ms — ${((ms * 1000) / sealed).toFixed(1)} µs per row, of which app CPU ${((c.user + c.system) / sealed).toFixed(1)} µs`,
    );
  }
} finally {
  await database.close();
  await created.drop();
}
