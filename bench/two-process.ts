/**
 * Several processes (issue 18): the same load on ONE app process, then split across TWO app processes (own
 * ports, own DATA_DIR, one SESSION_SECRET) on one PostgreSQL database — as behind a load balancer. Load:
 * `connections` closed-loop clients for `seconds`, reading one patient (GET /api/patients/:id, audited).
 * The same session cookie is used on both processes (sessions live in the database). Afterwards: every
 * request's audit row is counted and the audit chain is checked for gaps.
 *
 * Run: `BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/two-process.ts [seconds=10] [connections=10]`
 * (TEST_DATABASE_URL works too). Creates and drops its own database. Figures in docs/performance.md.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const base = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const seconds = Number(process.argv[2] ?? 10);
const connections = Number(process.argv[3] ?? 10);
const SECRET = 'bench-two-process-secret-0123456789abcdef';

if (!base) {
  process.stderr.write('bench/two-process.ts needs PostgreSQL: set BENCH_DATABASE_URL (or TEST_DATABASE_URL)\n');
  process.exit(2);
}

async function admin(text: string): Promise<void> {
  const c = new pg.Client({ connectionString: base });
  await c.connect();
  await c.query(text);
  await c.end();
}

function start(url: string, dataDir: string, port: number, demo: boolean): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', path.join(root, 'packages/server/src/main.ts'), 'serve'], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: url,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      SESSION_SECRET: SECRET,
      GISURG_ADMIN_PASSWORD: 'Bench-Admin-1',
      GISURG_DEMO: demo ? '1' : '0',
      GISURG_DEMO_PATIENTS: '50',
      GISURG_DEMO_PASSWORD: 'Bench-Demo-1',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
}

async function ready(port: number, child: ChildProcess): Promise<void> {
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return;
    } catch {
      /* not yet */
    }
    if (child.exitCode !== null) throw new Error(`server on ${port} exited`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

interface Run {
  requests: number;
  errors: number;
  rps: number;
  p50: number;
  p99: number;
}

async function load(targets: string[], cookie: string, patientId: string): Promise<Run> {
  const lat: number[] = [];
  let errors = 0;
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async (_, i) => {
      const target = targets[i % targets.length]!;
      while (performance.now() < until) {
        const t0 = performance.now();
        const res = await fetch(`${target}/api/patients/${patientId}`, { headers: { cookie } });
        await res.arrayBuffer();
        if (res.status !== 200) errors += 1;
        lat.push(performance.now() - t0);
      }
    }),
  );
  lat.sort((a, b) => a - b);
  const q = (p: number) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))] ?? NaN;
  return { requests: lat.length, errors, rps: lat.length / seconds, p50: q(0.5), p99: q(0.99) };
}

async function main(): Promise<void> {
  const name = `gisurg_bench_${randomBytes(4).toString('hex')}`;
  await admin(`create database ${name}`);
  const u = new URL(base!);
  u.pathname = `/${name}`;
  const url = u.toString();
  const dirs = [0, 1].map(() => mkdtempSync(path.join(tmpdir(), 'gisurg-bench2-')));
  const ports = [18611, 18612];
  const children: ChildProcess[] = [];
  try {
    children.push(start(url, dirs[0]!, ports[0]!, true));
    await ready(ports[0]!, children[0]!);
    children.push(start(url, dirs[1]!, ports[1]!, true));
    await ready(ports[1]!, children[1]!);
    const [a, b] = ports.map((p) => `http://127.0.0.1:${p}`) as [string, string];

    const login = await fetch(`${a}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'surgeon', password: 'Bench-Demo-1' }),
    });
    const cookie = login.headers
      .getSetCookie()
      .find((c) => c.includes('gisurg_session='))!
      .split(';')[0]!;
    const found = (await (await fetch(`${b}/api/patients?pageSize=1`, { headers: { cookie } })).json()) as { items: { id: string }[] };
    const patientId = found.items[0]!.id;

    const db = new pg.Client({ connectionString: url });
    await db.connect();
    const audited = async () =>
      Number((await db.query<{ n: string }>(`select count(*) as n from audit_log where action = 'patient.read'`)).rows[0]!.n);

    process.stdout.write(`machine: ${cpus().length} cores (shared); ${connections} connections × ${seconds} s, GET /api/patients/:id\n`);
    await load([a], cookie, patientId); // warm-up both JITs and pools briefly
    await load([b], cookie, patientId);
    const before1 = await audited();
    const one = await load([a], cookie, patientId);
    const after1 = await audited();
    const two = await load([a, b], cookie, patientId);
    const after2 = await audited();
    // Wait for the sealers, then check the chain has no gaps.
    for (let i = 0; i < 100; i += 1) {
      if (Number((await db.query<{ n: string }>('select count(*) as n from audit_log where chain_seq is null')).rows[0]!.n) === 0) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const chain = (await db.query('select count(*) as n, max(chain_seq) as m from audit_log')).rows[0] as { n: string; m: string };
    await db.end();

    const row = (label: string, r: Run, auditRows: number) =>
      `| ${label} | ${r.rps.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.errors} | ${auditRows} / ${r.requests} |\n`;
    process.stdout.write(
      '| processes | req/s | p50 ms | p99 ms | errors | audit rows / requests |\n| --- | --- | --- | --- | --- | --- |\n',
    );
    process.stdout.write(row('1', one, after1 - before1));
    process.stdout.write(row('2 (split)', two, after2 - after1));
    process.stdout.write(`audit chain: ${chain.n} rows, chain_seq 1…${chain.m} (${chain.n === chain.m ? 'no gaps' : 'GAPS'})\n`);
  } finally {
    for (const c of children) {
      try {
        process.kill(-c.pid!, 'SIGTERM');
      } catch {
        /* gone */
      }
    }
    await new Promise((r) => setTimeout(r, 3000));
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
    await admin(`drop database if exists ${name} with (force)`);
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
