/**
 * FHIR read and search throughput next to the REST API (issue 13, acceptance 5): the real app listening on a
 * local port, autocannon with 10 connections for 10 s per endpoint, every request authenticated (session
 * cookie) and audited (one audit row per request). PGlite in memory, 500 patients with a diagnosis, a marker
 * and an operation each. Run: `npx tsx bench/fhir-throughput.ts [seconds=10]`. The machine is shared: the
 * figures are an upper bound of what this code does here, not a capacity promise.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { buildApp } from '../packages/server/src/app.js';
import { parseConfig } from '../packages/server/src/config.js';
import { openDatabase } from '../packages/server/src/db/connection.js';
import { applyMigrations } from '../packages/server/src/db/migrate.js';
import { bootstrap } from '../packages/server/src/seed/bootstrap.js';
import { addBenchUser, benchLogin } from './support.js';
import { aDiagnosis, aMarker, anOperation, aPatient } from '../packages/server/test/medium/support/builders.js';

const SECONDS = Number(process.argv[2] ?? 10);
const PATIENTS = 500;

const database = await openDatabase({});
await applyMigrations(database);
const boot = await bootstrap(database.db, { adminPassword: 'Bench-Admin-1', now: new Date() });
const ids: string[] = [];
const surnames = ['王', '李', '张', '刘', '陈'];
for (let i = 0; i < PATIENTS; i++) {
  const p = await aPatient(boot.homeOrganizationId, { name: `${surnames[i % 5]}测${i}` }).build(database.db);
  const d = await aDiagnosis(p.id).build(database.db);
  await aMarker(p.id).build(database.db);
  await anOperation(p.id, { diagnosisId: d.id }).build(database.db);
  ids.push(p.id);
}
const dataDir = mkdtempSync(path.join(tmpdir(), 'gisurg-bench-fhir-'));
const config = {
  ...parseConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', GISURG_DEMO: '0' }),
  sessionSecret: 'bench-secret-0123456789abcdef0123',
};
const { app } = await buildApp({ config, database, logger: false });
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
// The admin has no clinical permission (separated duties): read as a surgeon.
await addBenchUser(database, boot, 'surgeon', 'bench-surgeon');
const cookie = await benchLogin(app, 'bench-surgeon');

let n = 0;
const pick = () => ids[n++ % ids.length]!;
const cases: [string, () => string][] = [
  ['REST read   GET /api/patients/:id', () => `/api/patients/${pick()}`],
  ['FHIR read   GET /fhir/R4/Patient/:id', () => `/fhir/R4/Patient/${pick()}`],
  ['REST search GET /api/patients?q=wang', () => '/api/patients?q=wang'],
  ['FHIR search GET /fhir/R4/Patient?name=wang', () => '/fhir/R4/Patient?name=wang'],
  ['REST oncology summary GET /api/patients/:id/oncology-summary', () => `/api/patients/${pick()}/oncology-summary`],
  ['FHIR search GET /fhir/R4/Observation?patient=:id', () => `/fhir/R4/Observation?patient=${pick()}`],
];

console.log(`FHIR vs REST, ${PATIENTS} patients, PGlite, 10 connections, ${SECONDS} s each, ${cpus().length} CPUs (shared)`);
for (const [name, url] of cases) {
  const first = await app.inject({ method: 'GET', url: url(), headers: { cookie } });
  if (first.statusCode !== 200) throw new Error(`${name}: ${first.statusCode} ${first.body.slice(0, 200)}`);
  const result = await autocannon({
    url: base,
    connections: 10,
    duration: SECONDS,
    headers: { cookie },
    requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: url() }) }],
  });
  const bad = result.non2xx + result.errors;
  console.log(
    `${name.padEnd(56)} ${result.requests.average.toFixed(0).padStart(6)} req/s  p50 ${result.latency.p50} ms  p99 ${result.latency.p99} ms${bad ? `  (${bad} non-2xx/errors)` : ''}`,
  );
}
await app.close();
await database.close();
rmSync(dataDir, { recursive: true, force: true });
