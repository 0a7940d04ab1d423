/**
 * P11 (trust.md): a rolling deploy under load on one PostgreSQL. The previous version (the commit before the
 * newest migration, checked out into a temporary worktree) serves a steady mix of reads and writes; the new
 * version (this checkout) starts beside it on the same database — running its new migration while the old one
 * keeps serving — then the old one gets SIGTERM and drains. The load goes through a small balancer in this
 * process that does what nginx or a cloud balancer does: round robin over the live processes, and a request
 * that no process received (connection refused, or Fastify's 503 "server is closing" sent before any handler
 * ran) is sent to the other process. Failed: any other error, timeout or 5xx — the promise is 0.
 *
 * Run: `npx tsx bench/deploy.ts [--rate 50] [--from <git ref of the previous version>]`
 * PostgreSQL from BENCH_DATABASE_URL or postgres://postgres@127.0.0.1:5432/postgres (gisurg_deploy_* created
 * and dropped). Needs git (the previous version is `git worktree add`ed under /tmp and removed afterwards).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createBenchDatabase } from './support.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({ options: { rate: { type: 'string', default: '50' }, from: { type: 'string' } } });
const RATE = Number(args.rate);
const git = (...a: string[]) => execFileSync('git', a, { cwd: root, encoding: 'utf8' }).trim();
const newest = git('log', '-1', '--first-parent', '--format=%H', '--', 'packages/server/src/db/migrations');
const fromRef = args.from ?? `${newest}^1`;
const fromSha = git('rev-parse', '--short', fromRef);
const toSha = git('rev-parse', '--short', 'HEAD');

/** The previous version in a worktree, with this checkout's installed packages (same lockfile assumed). */
function checkoutPrevious(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'gisurg-deploy-old-'));
  rmSync(dir, { recursive: true });
  git('worktree', 'add', '--detach', dir, fromRef);
  const nm = path.join(dir, 'node_modules');
  mkdirSync(path.join(nm, '@gisurg'), { recursive: true });
  for (const e of readdirSync(path.join(root, 'node_modules'))) {
    if (e !== '@gisurg') symlinkSync(path.join(root, 'node_modules', e), path.join(nm, e));
  }
  // The workspace packages of the previous version, not this checkout's.
  for (const p of ['contracts', 'clinical', 'server', 'web']) {
    if (existsSync(path.join(dir, 'packages', p))) symlinkSync(path.join(dir, 'packages', p), path.join(nm, '@gisurg', p));
  }
  return dir;
}

function startServer(cwd: string, port: number, env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'packages/server/src/main.ts', 'serve'], {
    cwd,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function healthy(port: number, child: ChildProcess): Promise<void> {
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return;
    } catch {
      /* not yet */
    }
    if (child.exitCode !== null) throw new Error(`server on ${port} exited with ${child.exitCode}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

interface Answer {
  status: number;
  body: string;
  closing: boolean;
}
const agents = new Map<number, http.Agent>();
function send(port: number, method: string, url: string, cookie: string, body?: unknown): Promise<Answer> {
  let agent = agents.get(port);
  if (!agent) agents.set(port, (agent = new http.Agent({ keepAlive: true, maxSockets: 32 })));
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: url,
        method,
        agent,
        timeout: 20_000,
        headers: { cookie, ...(data ? { 'content-type': 'application/json' } : {}) },
      },
      (res) => {
        let b = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (b += c));
        res.on('end', () =>
          // Fastify answers 503 with `Connection: close` to requests that arrive once close() has begun, before routing.
          resolve({ status: res.statusCode ?? 0, body: b, closing: res.statusCode === 503 && res.headers.connection === 'close' }),
        );
      },
    );
    // A reset on a kept-alive socket the server had just closed: the request was never read (Node's `reusedSocket`).
    req.on('error', (e) => reject(Object.assign(e, { reusedSocket: req.reusedSocket })));
    req.on('timeout', () => req.destroy(new Error('timeout')));
    if (data) req.write(data);
    req.end();
  });
}

/** Errors that mean the request never reached a handler: safe to send elsewhere, for any method. */
function unreceived(e: unknown): boolean {
  const { code, reusedSocket } = e as { code?: string; reusedSocket?: boolean };
  return code === 'ECONNREFUSED' || (Boolean(reusedSocket) && (code === 'ECONNRESET' || code === 'EPIPE'));
}

/** A port nobody listens on now (the machine may run other servers: never assume a fixed one is free). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function main(): Promise<void> {
  const portA = await freePort();
  const portB = await freePort();
  const database = await createBenchDatabase('gisurg_deploy');
  const url = database.url;
  const dataA = mkdtempSync(path.join(tmpdir(), 'gisurg-deploy-a-'));
  const dataB = mkdtempSync(path.join(tmpdir(), 'gisurg-deploy-b-'));
  const env = {
    DATABASE_URL: url,
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    GISURG_DEMO: '1',
    GISURG_DEMO_PATIENTS: '40',
    GISURG_DEMO_PASSWORD: 'Deploy-Demo-2026',
    GISURG_ADMIN_PASSWORD: 'Deploy-Admin-2026',
    SESSION_SECRET: 'deploy-bench-secret-0123456789abcdef0123',
  };
  const oldRoot = checkoutPrevious();
  let a: ChildProcess | null = null;
  let b: ChildProcess | null = null;
  const log = (s: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${s}`);
  try {
    log(
      `previous version ${fromSha} (before the newest migration) → new version ${toSha}; ${cpus().length} CPUs, load ${loadavg()[0]!.toFixed(1)}`,
    );
    a = startServer(oldRoot, portA, { ...env, DATA_DIR: dataA });
    await healthy(portA, a);
    log(`previous version serving on :${portA}`);
    const signIn = await fetch(`http://127.0.0.1:${portA}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'surgeon', password: env.GISURG_DEMO_PASSWORD }),
    });
    if (!signIn.ok) throw new Error(`sign-in ${signIn.status}`);
    // Sessions live in the database: the cookie works on every process.
    const cookie = signIn.headers
      .getSetCookie()
      .map((x) => x.split(';')[0])
      .join('; ');
    const ids = (JSON.parse((await send(portA, 'GET', '/api/patients?pageSize=50', cookie)).body) as { items: { id: string }[] }).items.map(
      (p) => p.id,
    );

    // The balancer: round robin over the live ports; unreceived requests go to the next one.
    let live = [portA];
    let rr = 0;
    const stats = { ok: 0, failed: 0, resent: 0, byPort: new Map<number, number>(), failures: [] as string[] };
    // A balancer's passive health check: a process that refused a request, or said it is closing, gets no more
    // traffic (the bench takes it out of `live`, as nginx marks an upstream down), and the request goes elsewhere.
    const call = async (method: string, u: string, body?: unknown): Promise<Answer> => {
      for (let attempt = 0; attempt < 4; attempt += 1) {
        const port = live[rr++ % live.length]!;
        try {
          const ans = await send(port, method, u, cookie, body);
          if (!ans.closing) {
            stats.byPort.set(port, (stats.byPort.get(port) ?? 0) + 1);
            return ans;
          }
        } catch (e) {
          if (!unreceived(e)) throw e;
        }
        stats.resent += 1;
        if (live.length > 1) live = live.filter((p) => p !== port);
      }
      throw new Error('no process took the request');
    };
    let n = 0;
    const oneRequest = async (): Promise<void> => {
      n += 1;
      const i = n;
      try {
        let ans: Answer;
        if (i % 10 === 0) {
          ans = await call('POST', '/api/patients', {
            name: '部署测试',
            sex: 'male',
            birthDate: '1960-01-01',
            idType: 'passport',
            idNumber: `D${Date.now().toString(36)}${i}`,
          });
        } else if (i % 3 === 0) {
          ans = await call('GET', `/api/patients?q=${encodeURIComponent('王')}`);
        } else {
          ans = await call('GET', `/api/patients/${ids[i % ids.length]}`);
        }
        if (ans.status >= 500) throw new Error(`status ${ans.status}`);
        stats.ok += 1;
      } catch (e) {
        stats.failed += 1;
        if (stats.failures.length < 10) stats.failures.push(String(e));
      }
    };
    let running = true;
    const inflight = new Set<Promise<void>>();
    const loop = (async () => {
      const start = performance.now();
      for (let k = 0; running; k += 1) {
        const wait = start + (k * 1000) / RATE - performance.now();
        if (wait > 1) await new Promise((r) => setTimeout(r, wait));
        const p = oneRequest().finally(() => inflight.delete(p));
        inflight.add(p);
      }
    })();
    const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
    await pause(10_000);
    log(
      `under load (${RATE} req/s): ${stats.ok} answered, ${stats.failed} failed; starting the new version on :${portB} (it migrates the shared database)`,
    );
    const tB = Date.now();
    b = startServer(root, portB, { ...env, DATA_DIR: dataB });
    await healthy(portB, b);
    const migrated = new pg.Client({ connectionString: url });
    await migrated.connect();
    const m = await migrated.query<{ n: string }>('select count(*) as n from drizzle.__drizzle_migrations');
    await migrated.end();
    log(
      `new version serving after ${((Date.now() - tB) / 1000).toFixed(1)} s (${m.rows[0]!.n} migrations applied); ${stats.ok} answered, ${stats.failed} failed so far`,
    );
    live = [portA, portB];
    await pause(10_000);
    log(
      `both serving: ${stats.byPort.get(portA) ?? 0} answers from the previous version, ${stats.byPort.get(portB) ?? 0} from the new; SIGTERM to the previous version`,
    );
    // Three slow requests in the old process's handlers when SIGTERM arrives (trust.md S18): the annual report PDF.
    const head = await fetch(`http://127.0.0.1:${portA}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'department_head', password: env.GISURG_DEMO_PASSWORD }),
    });
    const headCookie = head.headers
      .getSetCookie()
      .map((x) => x.split(';')[0])
      .join('; ');
    const tSlow = Date.now();
    const slow = [1, 2, 3].map(() =>
      fetch(`http://127.0.0.1:${portA}/api/reports/annual?format=pdf`, { headers: { cookie: headCookie } })
        .then(async (r) => ({
          status: r.status,
          pdf:
            Buffer.from(await r.arrayBuffer())
              .subarray(0, 4)
              .toString() === '%PDF',
          ms: Date.now() - tSlow,
          error: '',
        }))
        .catch((e: unknown) => ({ status: 0, pdf: false, ms: Date.now() - tSlow, error: String((e as { cause?: unknown }).cause ?? e) })),
    );
    await pause(300);
    const tDrain = Date.now();
    const exited = new Promise<number | null>((r) => a!.on('exit', (code) => r(code)));
    a.kill('SIGTERM');
    const code = await exited;
    const slowDone = await Promise.all(slow);
    log(
      `slow requests in flight at SIGTERM (annual report PDF): ${slowDone.map((x) => `${x.status || ('error' in x ? x.error : '?')}${x.pdf ? ' PDF' : ''} after ${(x.ms / 1000).toFixed(1)} s`).join(', ')}`,
    );
    if (slowDone.some((x) => x.status !== 200 || !x.pdf)) stats.failed += 1;
    live = [portB];
    log(`previous version exited with ${code} after ${((Date.now() - tDrain) / 1000).toFixed(1)} s of draining`);
    await pause(10_000);
    running = false;
    await loop;
    await Promise.all(inflight);
    log(
      `done: ${stats.ok} requests answered, ${stats.failed} failed, ${stats.resent} sent again by the balancer (never received by a handler); ` +
        `previous version answered ${stats.byPort.get(portA) ?? 0}, new version ${stats.byPort.get(portB) ?? 0}; load ${loadavg()[0]!.toFixed(1)}`,
    );
    for (const f of stats.failures) log(`  failure: ${f}`);
    const check = new pg.Client({ connectionString: url });
    await check.connect();
    const chain = await check.query<{ n: string; max: string }>(
      'select count(*) as n, max(chain_seq) as max from audit_log where chain_seq is not null',
    );
    await check.end();
    log(`audit chain: ${chain.rows[0]!.n} sealed rows, highest chain_seq ${chain.rows[0]!.max} (no gaps when equal)`);
    if (stats.failed > 0 || code !== 0) process.exitCode = 1;
  } finally {
    for (const p of [a, b]) {
      if (p && p.exitCode === null) {
        const exited = new Promise((r) => p.on('exit', r));
        p.kill('SIGTERM');
        await exited;
      }
    }
    for (const ag of agents.values()) ag.destroy();
    git('worktree', 'remove', '--force', oldRoot);
    rmSync(dataA, { recursive: true, force: true });
    rmSync(dataB, { recursive: true, force: true });
    await database.drop();
  }
}

await main();
