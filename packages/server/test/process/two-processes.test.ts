import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnchorFile } from '../../src/audit/anchor.js';
import { verifyAuditChain } from '../../src/audit/verify.js';
import { openDatabase } from '../../src/db/connection.js';
import { aPostgresDatabase, signalGroup, startGisurg, urlOf, waitFor, type ServerProcess } from './support.js';

/**
 * Issue 18 acceptance 2: two real app processes (child processes, own ports, own DATA_DIR) on ONE PostgreSQL
 * database, as behind a load balancer. Needs PostgreSQL: runs when TEST_DATABASE_URL is set.
 */
const base = process.env.TEST_DATABASE_URL;
if (!base) {
  process.stderr.write(
    '\n*** SKIPPED: test/process/two-processes.test.ts needs PostgreSQL — set TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test) ***\n\n',
  );
}

const PASSWORD = 'Admin-Passw0rd!';
let database: Awaited<ReturnType<typeof aPostgresDatabase>> | null = null;
const dirs = [0, 1].map(() => mkdtempSync(path.join(os.tmpdir(), 'gisurg-mp-')));
const started: ServerProcess[] = [];
let url = '';
let a = '';
let b = '';

function envFor(dir: string): Record<string, string> {
  return {
    DATA_DIR: dir,
    DATABASE_URL: url,
    SESSION_SECRET: 'multi-process-test-secret-0123456789abcdef',
    LOGIN_MAX_FAILURES: '3',
    LOGIN_IP_MAX_FAILURES: '6',
    AUDIT_SEAL_INTERVAL_MS: '100',
    JOBS_POLL_SECONDS: '1',
  };
}

async function login(at: string, username: string, password: string): Promise<{ status: number; cookie: string | null }> {
  const res = await fetch(`${at}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  await res.arrayBuffer();
  const c = res.headers.getSetCookie().find((s) => s.startsWith('gisurg_session=') || s.startsWith('__Host-gisurg_session='));
  return { status: res.status, cookie: c ? c.split(';')[0]! : null };
}

async function get(at: string, p: string, cookie: string): Promise<number> {
  const res = await fetch(`${at}${p}`, { headers: { cookie } });
  await res.arrayBuffer();
  return res.status;
}

async function query<T>(text: string, values: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text, values)).rows as T[];
  } finally {
    await c.end();
  }
}

beforeAll(async () => {
  if (!base) return;
  database = await aPostgresDatabase(base, 'gisurg_mp');
  url = database.url;
  // Both start at once on the empty database: migrations and first-start setup must serialise.
  const ps = dirs.map((d) => startGisurg(['serve'], envFor(d)));
  started.push(...ps);
  await waitFor(() => ps.every((p) => p.stdout().includes('Ready in') || p.child.exitCode !== null), 90_000, 'both servers');
  for (const p of ps) if (p.child.exitCode !== null) throw new Error(`a server exited: ${p.stderr()}`);
  [a, b] = ps.map(urlOf) as [string, string];
}, 120_000);

afterAll(async () => {
  for (const p of started) signalGroup(p, 'SIGKILL');
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  await database?.drop();
});

describe.runIf(base)('two app processes on one PostgreSQL', () => {
  it('a session made in one process works in the other, and logout in one ends it in the other at once', async () => {
    const { status, cookie } = await login(a, 'admin', PASSWORD);
    expect(status).toBe(200);
    expect(await get(b, '/api/auth/me', cookie!)).toBe(200);
    const out = await fetch(`${a}/api/auth/logout`, { method: 'POST', headers: { cookie: cookie! } });
    expect(out.status).toBe(200);
    expect(await get(b, '/api/auth/me', cookie!)).toBe(401);
    expect(await get(a, '/api/auth/me', cookie!)).toBe(401);
  });

  it('the audit chain verifies after concurrent writes through both processes', async () => {
    // One after another: concurrent sign-ins of one account count as attempts in flight (LOGIN_MAX_FAILURES=3).
    const sessions: { status: number; cookie: string | null }[] = [];
    for (const at of [a, b, a, b]) sessions.push(await login(at, 'admin', PASSWORD));
    expect(sessions.map((s) => s.status)).toEqual([200, 200, 200, 200]);
    // The system administrator does not read the audit log (三员分立): it creates the first audit administrator,
    // whose reads (each one audited) are the concurrent writes.
    const admin = sessions[0]!.cookie!;
    const me = (await (await fetch(`${a}/api/auth/me`, { headers: { cookie: admin } })).json()) as { organization: { id: string } };
    const created = await fetch(`${a}/api/users`, {
      method: 'POST',
      headers: { cookie: admin, 'content-type': 'application/json' },
      body: JSON.stringify({
        username: 'auditor',
        password: PASSWORD,
        displayName: '审计员',
        role: 'audit_admin',
        organizationId: me.organization.id,
      }),
    });
    expect(created.status).toBe(201);
    const auditor = (await login(b, 'auditor', PASSWORD)).cookie!;
    const reads = await Promise.all(Array.from({ length: 40 }, (_, i) => get(i % 2 ? a : b, '/api/audit?pageSize=5', auditor)));
    expect(reads.every((s) => s === 200)).toBe(true);
    // Both sealers run (one at a time, advisory lock); wait until everything written is sealed.
    const until = Date.now() + 15_000;
    for (;;) {
      const [r] = await query<{ n: string }>('select count(*) as n from audit_log where chain_seq is null');
      if (Number(r!.n) === 0) break;
      if (Date.now() > until) throw new Error('audit rows stayed unsealed');
      await new Promise((r) => setTimeout(r, 200));
    }
    const [seq] = await query<{ n: string; max: string }>('select count(*) as n, max(chain_seq) as max from audit_log');
    expect(Number(seq!.n)).toBe(Number(seq!.max)); // no gaps, no duplicates (chain_seq is unique)
    // What `gisurg audit verify` does, in this process (a third child process would add ~20 s of start-up here).
    const database = await openDatabase({ databaseUrl: url, poolMax: 1 });
    try {
      const anchors = dirs.flatMap((d) => AnchorFile.inDataDir(d).readAll());
      expect(anchors.length).toBeGreaterThan(0); // both processes anchor the one chain
      const result = await verifyAuditChain(database.db, anchors);
      expect(result.problem).toBeNull();
      expect(result.ok).toBe(true);
      expect(result.sealedRows).toBe(Number(seq!.n));
    } finally {
      await database.close();
    }
  });

  it('a scheduled job runs once per slot although both processes schedule it', async () => {
    // Both processes poll every second (JOBS_POLL_SECONDS=1) and have by now scheduled the current slot many times.
    const jobs = await query<{ run_key: string; n: string; done: string; workers: string }>(
      `select run_key, count(*) as n, count(*) filter (where state = 'done') as done, count(distinct locked_by) as workers
       from jobs where name = 'housekeeping' group by run_key`,
    );
    expect(jobs.length).toBeGreaterThanOrEqual(1);
    for (const j of jobs) expect([Number(j.n), Number(j.done), Number(j.workers)]).toEqual([1, 1, 1]);
    const audits = await query<{ resource_id: string; n: string }>(
      `select resource_id, count(*) as n from audit_log where action = 'system.job' group by resource_id`,
    );
    expect(audits.map((r) => [r.resource_id, Number(r.n)]).sort()).toEqual(jobs.map((j) => [`housekeeping@${j.run_key}`, 1]).sort());
  });

  it('the sign-in throttle counts attempts through both processes together', async () => {
    // Account: 3 failures (A, B, A) lock it; the right password through B is then refused too.
    expect((await login(a, 'admin', 'wrong-1')).status).toBe(401);
    expect((await login(b, 'admin', 'wrong-2')).status).toBe(401);
    expect((await login(a, 'admin', 'wrong-3')).status).toBe(401);
    expect((await login(b, 'admin', PASSWORD)).status).toBe(401);
    const [u] = await query<{ failed_attempts: number; locked: boolean }>(
      `select failed_attempts, locked_until is not null as locked from users where username = 'admin'`,
    );
    expect(u).toEqual({ failed_attempts: 3, locked: true });
    // Address: 6 failed attempts allowed in the window across both (4 so far), the 7th refused in either.
    expect((await login(a, 'nobody-1', 'x')).status).toBe(401);
    expect((await login(b, 'nobody-2', 'x')).status).toBe(401);
    expect((await login(a, 'nobody-3', 'x')).status).toBe(429);
    expect((await login(b, 'nobody-4', 'x')).status).toBe(429);
  });
});
