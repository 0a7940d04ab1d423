/**
 * Throughput (issue 18, acceptance 1), the method used for the FHIR platform peer: 10,000 synthetic patients,
 * 10 keep-alive connections for 10 s per scenario — create a patient / read one fixed patient / search a name
 * that matches 100 patients (and the same read and search through FHIR, issue 13 point 5) — median of 3 runs, p99 latency; beside a same-run bare Fastify hello-world
 * (the ceiling of this machine) and GISurg's GET /api/health. Both engines: PGlite (the real server on a
 * DATA_DIR) and PostgreSQL (the real server on DATABASE_URL). The server and the load generator
 * (bench/load.ts) each run in their own process; every read is audited as in production.
 *
 * Run: `npx tsx bench/throughput.ts [--runs 3] [--seconds 10] [--engine pglite|postgresql] [--only read,search]
 * [--pg-transport tcp|socket] [--processes N]` (N app processes on one port, PostgreSQL only; socket: the server connects through PostgreSQL's Unix socket, BENCH_PG_SOCKET_DIR or
 * /var/run/postgresql — how an app on the database's own machine should connect; tcp, the default, is the method's)
 * PostgreSQL from BENCH_DATABASE_URL or postgres://postgres@127.0.0.1:5432/postgres (a database
 * gisurg_tp_* is created and dropped). BENCH_PROFILE=<dir> starts the server with --cpu-prof into <dir>;
 * BENCH_SERVER_ROOT=<checkout> serves from another checkout (same schema) for before/after comparisons.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { openDatabase, type Database } from '../packages/server/src/db/connection.js';
import { applyMigrations } from '../packages/server/src/db/migrate.js';
import { patients, patientSearchTerms } from '../packages/server/src/db/schema/index.js';
import { patientSearchTerms as termsFor } from '../packages/server/src/features/patients/search-terms.js';
import { bootstrap } from '../packages/server/src/seed/bootstrap.js';
import { syntheticPerson } from '../packages/server/src/seed/people.js';
import { Rng } from '../packages/server/src/seed/random.js';
import { addBenchUser, BENCH_ADMIN_URL, BENCH_PASSWORD, createBenchDatabase } from './support.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '10' },
    patients: { type: 'string', default: '10000' },
    engine: { type: 'string' },
    only: { type: 'string' },
    /** How the server reaches PostgreSQL: TCP to 127.0.0.1 (the method's default) or the local Unix socket. */
    'pg-transport': { type: 'string', default: 'tcp' },
    /** PostgreSQL: app processes on the one port (GISURG_PROCESSES; the server's CPU is summed over them). */
    processes: { type: 'string', default: '1' },
  },
});
const PG_SOCKET_DIR = process.env.BENCH_PG_SOCKET_DIR ?? '/var/run/postgresql';
const RUNS = Number(args.runs);
/** BENCH_SERVER_ROOT=<checkout>: serve from another checkout (e.g. main, for before/after figures). */
const serverRoot = process.env.BENCH_SERVER_ROOT ?? root;
const SECONDS = Number(args.seconds);
const N = Number(args.patients);
const ADMIN_PASSWORD = 'Bench-Admin-1';
/** 100 of the patients carry this name; nobody else's name starts with it. */
const SEARCH_NAME = '司马测压';
const SEARCH_HITS = 100;

async function load(database: Database): Promise<void> {
  const boot = await bootstrap(database.db, { adminPassword: ADMIN_PASSWORD, now: new Date() });
  // The admin has no clinical permission (separated duties): the load runs as a surgeon.
  await addBenchUser(database, boot, 'surgeon', 'bench-surgeon');
  const rng = new Rng(18);
  for (let start = 0; start < N; start += 1000) {
    const batch = Array.from({ length: Math.min(1000, N - start) }, (_, i) => {
      const p = syntheticPerson(rng, '2026-12-01');
      const n = start + i;
      return {
        ...p,
        ...(n % Math.floor(N / SEARCH_HITS) === 0 ? { name: SEARCH_NAME } : {}),
        organizationId: boot.homeOrganizationId,
        inpatientNo: `T${String(n).padStart(8, '0')}`,
        idType: 'resident_id' as const,
      };
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
    });
  }
  await database.db.execute(sql`analyze`);
}

function startProcess(argv: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, argv, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
}

async function waitFor(url: string, child: ChildProcess): Promise<void> {
  for (;;) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      /* not yet */
    }
    if (child.exitCode !== null) throw new Error(`process for ${url} exited`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.on('exit', r));
  child.kill('SIGTERM');
  await exited;
}

/** CPU time (user + system) a process and its live children have used, in ms (Linux /proc; clock ticks of 10 ms). */
function cpuMs(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean).map(Number);
    return (Number(fields[11]) + Number(fields[12])) * 10 + children.reduce((a, c) => a + cpuMs(c), 0);
  } catch {
    return 0;
  }
}

interface LoadResult {
  /** Server CPU ms per request (robust when other work shares the cores). */
  cpuPerReq?: number;
  /** PostgreSQL backends' CPU ms per request (the server's pool connections). */
  dbCpuPerReq?: number;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

function runLoad(spec: Record<string, unknown>): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'bench/load.ts'), JSON.stringify(spec)], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as LoadResult) : reject(new Error(`load exited ${code}`))));
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

interface Scenario {
  label: string;
  spec: Record<string, unknown>;
}

async function measure(
  scenarios: Scenario[],
  pids: { hello?: number | undefined; server?: number | undefined; db: () => Promise<number[]> },
): Promise<Map<string, LoadResult[]>> {
  const results = new Map<string, LoadResult[]>();
  for (let r = 0; r < RUNS; r += 1) {
    for (const s of scenarios) {
      const pid = s.label.startsWith('hello') ? pids.hello : pids.server;
      const dbPids = s.label.startsWith('hello') ? [] : await pids.db();
      const dbCpu = () => dbPids.reduce((a, p) => a + cpuMs(p), 0);
      const cpu0 = cpuMs(pid);
      const db0 = dbCpu();
      const res = await runLoad({ connections: 10, seconds: SECONDS, ...s.spec });
      res.cpuPerReq = (cpuMs(pid) - cpu0) / res.requests;
      res.dbCpuPerReq = (dbCpu() - db0) / res.requests;
      if (res.errors || res.non2xx) console.log(`  ! ${s.label}: ${res.errors} errors, ${res.non2xx} unexpected statuses`);
      console.log(
        `  run ${r + 1} ${s.label}: ${res.rps.toFixed(0)} req/s, p50 ${res.p50.toFixed(1)} ms, p99 ${res.p99.toFixed(1)} ms, server CPU ${(res.cpuPerReq * 1000).toFixed(0)} µs/req, db CPU ${(res.dbCpuPerReq * 1000).toFixed(0)} µs/req`,
      );
      results.set(s.label, [...(results.get(s.label) ?? []), res]);
    }
  }
  return results;
}

async function gisurg(engine: 'pglite' | 'postgresql', port: number, helloUrl: string, helloPid: number | undefined): Promise<string[]> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'gisurg-bench-tp-'));
  const env: Record<string, string> = {
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    GISURG_DEMO: '0',
    GISURG_ADMIN_PASSWORD: ADMIN_PASSWORD,
  };
  let dropDb: (() => Promise<void>) | null = null;
  let dbPids: () => Promise<number[]> = async () => [];
  let database: Database;
  const t0 = performance.now();
  if (engine === 'pglite') {
    database = await openDatabase({ pgliteDir: path.join(dataDir, 'pglite') });
  } else {
    const created = await createBenchDatabase('gisurg_tp');
    // The server on the Unix socket (a database on the same machine): no TCP stack on each statement's way.
    const serverUrl = new URL(created.url);
    if (args['pg-transport'] === 'socket') serverUrl.searchParams.set('host', PG_SOCKET_DIR);
    env.DATABASE_URL = serverUrl.toString();
    env.GISURG_PROCESSES = args.processes;
    database = await openDatabase({ databaseUrl: env.DATABASE_URL });
    dbPids = async () => {
      const d = new pg.Client({ connectionString: BENCH_ADMIN_URL });
      await d.connect();
      const r = await d.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1', [created.name]);
      await d.end();
      return r.rows.map((x) => x.pid);
    };
    dropDb = created.drop;
  }
  await applyMigrations(database);
  await load(database);
  const version = database.version;
  await database.close();
  console.log(
    `${engine} ${version}${engine === 'postgresql' ? ` (server over ${args['pg-transport'] === 'socket' ? 'the Unix socket' : 'TCP'}, ${args.processes} app process${args.processes === '1' ? '' : 'es'})` : ''}: ${N} patients loaded in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
  );

  const profile = process.env.BENCH_PROFILE;
  const server = startProcess(
    [
      ...(profile ? ['--cpu-prof', '--cpu-prof-dir', profile] : []),
      '--import',
      'tsx',
      path.join(serverRoot, 'packages/server/src/main.ts'),
      'serve',
    ],
    env,
  );
  const base = `http://127.0.0.1:${port}`;
  const lines: string[] = [];
  try {
    await waitFor(`${base}/api/health`, server);
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'bench-surgeon', password: BENCH_PASSWORD }),
    });
    if (!login.ok) throw new Error(`login failed: ${login.status}`);
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const headers = { cookie };
    const searchUrl = `${base}/api/patients?q=${encodeURIComponent(SEARCH_NAME)}`;
    const found = (await (await fetch(searchUrl, { headers })).json()) as { total: number; items: { id: string }[] };
    if (found.total !== SEARCH_HITS) throw new Error(`search matches ${found.total}, expected ${SEARCH_HITS}`);
    const readId = found.items[0]!.id;
    const only = args.only?.split(',');
    const scenarios: Scenario[] = [
      { label: 'hello-world (bare Fastify)', spec: { url: helloUrl } },
      { label: 'GET /api/health', spec: { url: `${base}/api/health` } },
      { label: 'read', spec: { url: `${base}/api/patients/${readId}`, headers } },
      { label: 'search', spec: { url: searchUrl, headers } },
      // The same read and search through the FHIR facade (issue 13, point 5): same patient, same 100 matches, page of 20.
      { label: 'FHIR read', spec: { url: `${base}/fhir/R4/Patient/${readId}`, headers } },
      { label: 'FHIR search', spec: { url: `${base}/fhir/R4/Patient?name=${encodeURIComponent(SEARCH_NAME)}`, headers } },
      {
        label: 'create',
        spec: {
          url: `${base}/api/patients`,
          method: 'POST',
          headers,
          status: 201,
          body: JSON.stringify({ name: '压测新建', sex: 'female', birthDate: '1970-01-01', idType: 'passport', idNumber: 'E{{n}}' }),
        },
      },
    ].filter((s) => !only || only.some((o) => s.label.startsWith(o) || s.label.includes(o)));
    // Warm-up: JIT, prepared statements, pool connections.
    for (const s of scenarios) await runLoad({ connections: 10, seconds: 2, ...s.spec });
    const results = await measure(scenarios, { hello: helloPid, server: server.pid, db: dbPids });
    for (const [label, rs] of results) {
      lines.push(
        `| ${engine} ${version} | ${label} | ${median(rs.map((r) => r.rps)).toFixed(0)} | ${median(rs.map((r) => r.p50)).toFixed(1)} ms | ${median(rs.map((r) => r.p99)).toFixed(1)} ms | ${(median(rs.map((r) => r.cpuPerReq ?? 0)) * 1000).toFixed(0)} µs | ${(median(rs.map((r) => r.dbCpuPerReq ?? 0)) * 1000).toFixed(0)} µs | ${rs.reduce((a, r) => a + r.errors + r.non2xx, 0)} |`,
      );
    }
  } finally {
    await stop(server);
    await dropDb?.();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return lines;
}

console.log(
  `Machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}; ` +
    `${N} patients, 10 connections × ${SECONDS} s, median of ${RUNS}`,
);
const helloPort = 8990;
const hello = startProcess(
  [
    '--input-type=module',
    '-e',
    `import Fastify from 'fastify'; const app = Fastify(); app.get('/', async () => ({ hello: 'world' })); await app.listen({ port: ${helloPort}, host: '127.0.0.1' });`,
  ],
  {},
);
const out: string[] = [];
try {
  await waitFor(`http://127.0.0.1:${helloPort}/`, hello);
  for (const engine of ['pglite', 'postgresql'] as const) {
    if (args.engine && args.engine !== engine) continue;
    out.push(...(await gisurg(engine, engine === 'pglite' ? 8991 : 8992, `http://127.0.0.1:${helloPort}/`, hello.pid)));
  }
} finally {
  await stop(hello);
}
console.log('| engine | scenario | req/s (median) | p50 | p99 | server CPU per request | PostgreSQL CPU per request | errors |');
console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const l of out) console.log(l);
