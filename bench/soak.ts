/**
 * P10 (trust.md): a realistic mix at a fixed rate for minutes to an hour, on either engine — 0 errors, p99 of
 * reads ≤ 250 ms and of writes ≤ 500 ms, and the live heap's growth per hour (< 2 MB/h over a 1-hour soak).
 *
 * The real server runs as a child process (`gisurg serve` with the demo department, as `npm start` serves it),
 * the load is open-loop: a request is started every 1/rate s whatever the previous ones are doing, and its
 * latency is counted from when it was due (no coordinated omission). The mix, per 100 requests, is what a ward
 * and a clinic produce: 20 patient reads, 15 searches by surname, 15 oncology summaries, 10 bed boards,
 * 10 MDT case lists, 10 follow-up worklists, 5 follow-up views, 5 theatre weeks (reads: 90) and 5 new patients
 * and 5 edits of a patient (writes: 10). Every read is audited, every write transactional, as in production.
 * The server is started with bench/heap-probe.mjs: a full GC and one heap sample every 30 s.
 *
 * Run: `npx tsx bench/soak.ts [--engine pglite|postgresql] [--minutes 10] [--rate 100] [--patients 200]`
 * (PostgreSQL from BENCH_DATABASE_URL or postgres://postgres@127.0.0.1:5432/postgres; a database gisurg_soak_*
 * is created and dropped).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { ensureServerBuilt, serverBundle } from '../scripts/build-server.mjs';
import { createBenchDatabase } from './support.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    engine: { type: 'string', default: 'pglite' },
    minutes: { type: 'string', default: '10' },
    rate: { type: 'string', default: '100' },
    patients: { type: 'string', default: '200' },
    port: { type: 'string', default: '8971' },
    /** `bundle` (as npm start runs it, ADR 0017) or `tsx` (the TypeScript sources through the tsx loader), to compare. */
    server: { type: 'string', default: 'bundle' },
    /** How many times each operation runs alone before the load (its time and CPU are printed). */
    'check-runs': { type: 'string', default: '10' },
    /** Only these operations (labels, comma-separated) in the load, to find which one costs the server. */
    only: { type: 'string' },
    /** PGlite: write the time the database thread spends per statement text to this file (GISURG_SQL_PROFILE). */
    'sql-profile': { type: 'string' },
  },
});
const engine = args.engine as 'pglite' | 'postgresql';
const MINUTES = Number(args.minutes);
const RATE = Number(args.rate);
const PORT = Number(args.port);
const DEMO_PASSWORD = 'Soak-Demo-2026';
const base = `http://127.0.0.1:${PORT}`;

/** The longest event-loop delay of this process (the load generator) per minute: its own stalls count as latency. */
const benchLoop = monitorEventLoopDelay({ resolution: 10 });
benchLoop.enable();

function startServer(env: Record<string, string>): ChildProcess {
  // As `npm start` runs it: the server bundle (ADR 0017).
  ensureServerBuilt({ quiet: true });
  const entry = args.server === 'tsx' ? ['--import', 'tsx', 'packages/server/src/main.ts'] : ['--enable-source-maps', serverBundle];
  return spawn(process.execPath, ['--expose-gc', '--import', './bench/heap-probe.mjs', ...entry, 'serve'], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function waitFor(url: string, child: ChildProcess): Promise<void> {
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not yet */
    }
    if (child.exitCode !== null) throw new Error('server exited');
    await new Promise((r) => setTimeout(r, 250));
  }
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
interface Res {
  status: number;
  body: string;
}
function request(method: string, url: string, cookie: string, body?: unknown): Promise<Res> {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(
      `${base}${url}`,
      {
        method,
        agent,
        headers: {
          cookie,
          ...(data ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } : {}),
        },
        timeout: 30_000,
      },
      (res) => {
        let b = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (b += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: b }));
      },
    );
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error('timeout')));
    if (data) req.write(data);
    req.end();
  });
}

/** Deterministic pseudo-random numbers (the mix is the same in every run). */
let seed = 18;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)]!;
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '周', '吴'];

interface Op {
  kind: 'read' | 'write';
  label: string;
  weight: number;
  run: () => Promise<boolean>;
}

const q = (xs: number[], p: number) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]! : 0);

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'gisurg-soak-'));
  const heapFile = path.join(dataDir, 'heap.ndjson');
  const env: Record<string, string> = {
    DATA_DIR: dataDir,
    PORT: String(PORT),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    GISURG_DEMO: '1',
    GISURG_DEMO_PATIENTS: args.patients,
    GISURG_DEMO_PASSWORD: DEMO_PASSWORD,
    GISURG_ADMIN_PASSWORD: 'Soak-Admin-2026',
    HEAP_PROBE_FILE: heapFile,
    ...(args['sql-profile'] ? { GISURG_SQL_PROFILE: path.resolve(args['sql-profile']) } : {}),
  };
  let dropDb: (() => Promise<void>) | null = null;
  if (engine === 'postgresql') {
    const created = await createBenchDatabase('gisurg_soak');
    env.DATABASE_URL = created.url;
    dropDb = created.drop;
  }
  const t0 = Date.now();
  const server = startServer(env);
  try {
    await waitFor(`${base}/api/health`, server);
    console.log(`server ready in ${((Date.now() - t0) / 1000).toFixed(0)} s (${engine}, demo with ${args.patients} patients)`);
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'surgeon', password: DEMO_PASSWORD }),
    });
    if (!login.ok) throw new Error(`sign-in failed: ${login.status}`);
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const list = JSON.parse((await request('GET', '/api/patients?pageSize=100', cookie)).body) as { items: { id: string }[] };
    const ids = list.items.map((p) => p.id);
    if (ids.length < 20) throw new Error(`only ${ids.length} patients visible`);
    const own: { id: string; version: number }[] = [];
    let n = 0;
    const today = new Date().toISOString().slice(0, 10);
    const weekLater = new Date(Date.now() + 6 * 86_400_000).toISOString().slice(0, 10);
    const get = (url: string) => async () => (await request('GET', url, cookie)).status === 200;
    const ops: Op[] = [
      { kind: 'read', label: 'patient', weight: 20, run: async () => get(`/api/patients/${pick(ids)}`)() },
      { kind: 'read', label: 'search', weight: 15, run: async () => get(`/api/patients?q=${encodeURIComponent(pick(SURNAMES))}`)() },
      { kind: 'read', label: 'oncology summary', weight: 15, run: async () => get(`/api/patients/${pick(ids)}/oncology-summary`)() },
      { kind: 'read', label: 'bed board', weight: 10, run: get('/api/wards') },
      { kind: 'read', label: 'MDT cases', weight: 10, run: get('/api/mdt/cases') },
      { kind: 'read', label: 'follow-up worklist', weight: 10, run: get('/api/follow-up/worklist?due=week') },
      { kind: 'read', label: 'follow-up', weight: 5, run: async () => get(`/api/patients/${pick(ids)}/follow-up`)() },
      { kind: 'read', label: 'theatre week', weight: 5, run: get(`/api/theatre/bookings?from=${today}&to=${weekLater}`) },
      {
        kind: 'write',
        label: 'new patient',
        weight: 5,
        run: async () => {
          n += 1;
          const r = await request('POST', '/api/patients', cookie, {
            name: '压测新建',
            sex: n % 2 ? 'female' : 'male',
            birthDate: '1962-03-04',
            idType: 'passport',
            idNumber: `S${process.pid}${Date.now().toString(36)}${n}`,
          });
          if (r.status !== 201) return false;
          const p = JSON.parse(r.body) as { id: string; version: number };
          own.push({ id: p.id, version: p.version });
          return true;
        },
      },
      {
        kind: 'write',
        label: 'edit patient',
        weight: 5,
        run: async () => {
          // Edit a patient this run created (the version is known: no 409 from the load itself).
          const p = own.length ? own.splice(Math.floor(rand() * own.length), 1)[0]! : null;
          if (!p) return (await request('GET', `/api/patients/${pick(ids)}`, cookie)).status === 200;
          const r = await request('PATCH', `/api/patients/${p.id}`, cookie, {
            version: p.version,
            phone: `1380000${String(n % 10000).padStart(4, '0')}`,
          });
          if (r.status !== 200) return false;
          own.push({ id: p.id, version: (JSON.parse(r.body) as { version: number }).version });
          return true;
        },
      },
    ];
    // Check every operation before the clock starts, and show what each costs alone (CHECK_RUNS in a row, mean):
    // the server's CPU over all its threads and on its main thread (the one that serves HTTP), in 10 ms clock ticks.
    const CHECK_RUNS = Number(args['check-runs']);
    for (const op of ops) {
      const c = cpuSplit(server.pid);
      const t = performance.now();
      for (let i = 0; i < CHECK_RUNS; i += 1) if (!(await op.run())) throw new Error(`${op.label} failed before the run`);
      const d = cpuSplit(server.pid);
      console.log(
        `  ${op.label}: ${((performance.now() - t) / CHECK_RUNS).toFixed(1)} ms, server CPU ${((d.all - c.all) / CHECK_RUNS).toFixed(1)} ms ` +
          `(main thread ${((d.main - c.main) / CHECK_RUNS).toFixed(1)} ms)`,
      );
    }
    if (args.only) {
      const keep = new Set(args.only.split(','));
      for (const o of ops) if (!keep.has(o.label)) o.weight = 0;
    }
    const total = ops.reduce((a, o) => a + o.weight, 0);
    const choose = () => {
      let r = rand() * total;
      for (const o of ops) if ((r -= o.weight) < 0) return o;
      return ops[0]!;
    };

    const lat = { read: [] as number[], write: [] as number[] };
    const minute = { read: [] as number[], write: [] as number[] };
    const failures = new Map<string, number>();
    let started = 0;
    let done = 0;
    const intervalMs = 1000 / RATE;
    const startAt = performance.now();
    const endAt = startAt + MINUTES * 60_000;
    const cpu0 = cpuSplit(server.pid);
    let cpuMinute = cpu0;
    let doneMinute = 0;
    let nextReport = startAt + 60_000;
    const inflight = new Set<Promise<void>>();
    console.log(`load: ${RATE} req/s open loop for ${MINUTES} min (load average ${loadavg()[0]!.toFixed(1)})`);
    for (let i = 0; ; i += 1) {
      const due = startAt + i * intervalMs;
      if (due >= endAt) break;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      const op = choose();
      started += 1;
      const p = op
        .run()
        .catch(() => false)
        .then((ok) => {
          const ms = performance.now() - due;
          lat[op.kind].push(ms);
          minute[op.kind].push(ms);
          done += 1;
          if (!ok) failures.set(op.label, (failures.get(op.label) ?? 0) + 1);
        })
        .finally(() => inflight.delete(p));
      inflight.add(p);
      if (performance.now() >= nextReport) {
        nextReport += 60_000;
        const heap = lastHeap(heapFile);
        const p = pausesSince(heapFile, Date.now() - 60_000);
        const cpuNow = cpuSplit(server.pid);
        const perReq = (k: 'all' | 'main') => ((cpuNow[k] - cpuMinute[k]) / Math.max(1, done - doneMinute)).toFixed(1);
        console.log(
          `  min ${Math.round((performance.now() - startAt) / 60_000)}: reads p99 ${q(minute.read, 0.99).toFixed(0)} ms, writes p99 ${q(minute.write, 0.99).toFixed(0)} ms, ` +
            `failures ${[...failures.values()].reduce((a, b) => a + b, 0)}, in flight ${inflight.size}, heap ${heap}, load ${loadavg()[0]!.toFixed(1)}, ` +
            `server CPU/request ${perReq('all')} ms (main thread ${perReq('main')}); ` +
            `longest pause: server loop ${p.loop} ms, server GC ${p.gc} ms, forced GC ${p.forced} ms, this load generator's loop ${(benchLoop.max / 1e6).toFixed(0)} ms`,
        );
        benchLoop.reset();
        cpuMinute = cpuNow;
        doneMinute = done;
        minute.read = [];
        minute.write = [];
      }
    }
    await Promise.all(inflight);
    const seconds = (performance.now() - startAt) / 1000;
    const cpu1 = cpuSplit(server.pid);
    const cpuPerReq = (cpu1.all - cpu0.all) / done;
    const mainPerReq = (cpu1.main - cpu0.main) / done;
    const samples = readFileSync(heapFile, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { t: number; heapUsed: number; rss: number; kind?: string })
      .filter((x) => x.kind === undefined);
    // Growth: least-squares slope of the live heap after the first fifth of the run (warm-up: JIT, caches).
    const tStart = Date.now() - seconds * 1000;
    const steady = samples.filter((s) => s.t >= tStart + (seconds * 1000) / 5);
    const slope = slopePerHour(steady.map((s) => [s.t, s.heapUsed / 2 ** 20]));
    const rssSlope = slopePerHour(steady.map((s) => [s.t, s.rss / 2 ** 20]));
    const fails = [...failures.entries()].map(([k, v]) => `${k} ${v}`).join(', ') || '0';
    console.log(
      `\nMachine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, load average now ${loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')}`,
    );
    console.log(
      `| engine | minutes | rate | requests | failed | reads p50 / p99 | writes p50 / p99 | server CPU/request (main thread) | live heap start → end | heap growth | RSS growth |`,
    );
    console.log(`| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |`);
    console.log(
      `| ${engine} | ${MINUTES} | ${(done / seconds).toFixed(0)} req/s | ${done} | ${fails} | ${q(lat.read, 0.5).toFixed(0)} / ${q(lat.read, 0.99).toFixed(0)} ms | ${q(lat.write, 0.5).toFixed(0)} / ${q(lat.write, 0.99).toFixed(0)} ms | ${cpuPerReq.toFixed(2)} (${mainPerReq.toFixed(2)}) ms | ` +
        `${mb(steady[0]?.heapUsed)} → ${mb(steady.at(-1)?.heapUsed)} | ${slope.toFixed(1)} MB/h | ${rssSlope.toFixed(1)} MB/h |`,
    );
    if (started !== done) throw new Error(`${started - done} requests never finished`);
  } finally {
    if (server.exitCode === null) {
      const exited = new Promise((r) => server.on('exit', r));
      server.kill('SIGTERM');
      await exited;
    }
    await dropDb?.();
    rmSync(dataDir, { recursive: true, force: true });
    agent.destroy();
  }
}

function mb(bytes: number | undefined): string {
  return bytes === undefined ? '?' : `${(bytes / 2 ** 20).toFixed(1)} MB`;
}

/** The longest main-thread pauses of the server since `since` (bench/heap-probe.mjs lines), in ms. */
function pausesSince(file: string, since: number): { loop: string; gc: string; forced: string } {
  try {
    const lines = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { t: number; kind?: string; loopMaxMs?: number; gcMaxMs?: number; gcMs?: number })
      .filter((x) => x.t >= since);
    const max = (xs: number[]) => (xs.length ? Math.max(...xs).toFixed(0) : '?');
    return {
      loop: max(lines.flatMap((x) => (x.kind === 'pause' ? [x.loopMaxMs ?? 0] : []))),
      gc: max(lines.flatMap((x) => (x.kind === 'pause' ? [x.gcMaxMs ?? 0] : []))),
      forced: max(lines.flatMap((x) => (x.kind === undefined ? [x.gcMs ?? 0] : []))),
    };
  } catch {
    return { loop: '?', gc: '?', forced: '?' };
  }
}

function lastHeap(file: string): string {
  try {
    const last = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .filter((l) => !l.includes('"kind"'))
      .at(-1);
    return last ? mb((JSON.parse(last) as { heapUsed: number }).heapUsed) : '?';
  } catch {
    return '?';
  }
}

/** Least-squares slope of (ms since epoch, MB) points, in MB per hour. */
function slopePerHour(points: [number, number][]): number {
  if (points.length < 2) return 0;
  const mx = points.reduce((a, p) => a + p[0], 0) / points.length;
  const my = points.reduce((a, p) => a + p[1], 0) / points.length;
  const num = points.reduce((a, p) => a + (p[0] - mx) * (p[1] - my), 0);
  const den = points.reduce((a, p) => a + (p[0] - mx) ** 2, 0);
  return den ? (num / den) * 3_600_000 : 0;
}

/** CPU time (user + system) a process has used, in ms (Linux /proc). */
function cpuMs(pid: number | undefined, task?: number): number {
  if (!pid) return 0;
  try {
    const f = readFileSync(task === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${task}/stat`, 'utf8')
      .split(') ')[1]!
      .split(' ');
    return (Number(f[11]) + Number(f[12])) * 10;
  } catch {
    return 0;
  }
}

/** The server's CPU time so far, in ms: all threads, and its main thread (HTTP, auth, JSON; the rest is the PGlite worker, GC helpers). */
function cpuSplit(pid: number | undefined): { all: number; main: number } {
  return { all: cpuMs(pid), main: cpuMs(pid, pid) };
}

await main();
