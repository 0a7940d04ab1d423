import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aPostgresDatabase, signalGroup, startGisurg, urlOf, waitFor, type ServerProcess } from './support.js';

/**
 * `GISURG_PROCESSES=2` (cli/cluster.ts): one `gisurg serve` runs two app processes on one port and one PostgreSQL
 * database. Needs PostgreSQL: runs when TEST_DATABASE_URL is set.
 */
const base = process.env.TEST_DATABASE_URL;
if (!base) {
  process.stderr.write(
    '\n*** SKIPPED: test/process/cluster.test.ts needs PostgreSQL — set TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test) ***\n\n',
  );
}

let database: Awaited<ReturnType<typeof aPostgresDatabase>> | null = null;
const dir = mkdtempSync(path.join(os.tmpdir(), 'gisurg-cluster-'));
let server: ServerProcess | null = null;
let url = '';

/** A request on a connection of its own (the port hands connections to the processes in turn). */
function healthOnNewConnection(at: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(`${at}/api/health`, { agent: false }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      })
      .on('error', reject);
  });
}

const readyPids = () => [...server!.stdout().matchAll(/App process \d+ of 2 ready in [\d.]+ s \(pid (\d+)\)/g)].map((m) => Number(m[1]));
/** The processes that answered /api/health, from the request log lines (pino writes the pid on each). */
const servingPids = () =>
  new Set(
    server!
      .stdout()
      .split('\n')
      .filter((l) => l.startsWith('{') && l.includes('/api/health'))
      .map((l) => (JSON.parse(l) as { pid: number }).pid),
  );

beforeAll(async () => {
  if (!base) return;
  database = await aPostgresDatabase(base, 'gisurg_cluster');
  server = startGisurg(['serve'], {
    DATA_DIR: dir,
    DATABASE_URL: database.url,
    GISURG_PROCESSES: '2',
    LOG_LEVEL: 'info',
    SESSION_SECRET: 'cluster-test-secret-0123456789abcdef0123',
  });
  await waitFor(() => readyPids().length === 2 || server!.child.exitCode !== null, 90_000, 'two app processes');
  if (server.child.exitCode !== null) throw new Error(`the server exited: ${server.stderr()}`);
  url = urlOf(server);
}, 120_000);

afterAll(async () => {
  if (server) signalGroup(server, 'SIGKILL');
  rmSync(dir, { recursive: true, force: true });
  await database?.drop();
});

describe('GISURG_PROCESSES', () => {
  it('refuses more than one process on the embedded database, before opening it', async () => {
    const d = mkdtempSync(path.join(os.tmpdir(), 'gisurg-cluster-pglite-'));
    try {
      const p = startGisurg(['serve'], { DATA_DIR: d, GISURG_PROCESSES: '2', DATABASE_URL: '' });
      expect(await p.exited).not.toBe(0);
      expect(p.stderr()).toContain('GISURG_PROCESSES');
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });
});

describe.runIf(base)('two app processes on one port (GISURG_PROCESSES=2, PostgreSQL)', () => {
  it('both processes serve the one port; the first start was set up once', async () => {
    for (let i = 0; i < 20; i += 1) expect(await healthOnNewConnection(url)).toBe(200);
    const pids = readyPids();
    expect(servingPids()).toEqual(new Set(pids));
    // The first process tells where to sign in; the other only that it serves.
    expect(server!.stdout().match(/GISurg is running at/g)).toHaveLength(1);
  });

  it('replaces a process that dies, and stops every process on SIGTERM', async () => {
    const [victim] = readyPids();
    process.kill(victim!, 'SIGKILL');
    await waitFor(() => /App process 3 of 2 ready/.test(server!.stdout()), 60_000, 'a replacement process');
    expect(server!.stderr()).toMatch(/app process [12] stopped \(exit SIGKILL\); starting another/);
    for (let i = 0; i < 6; i += 1) expect(await healthOnNewConnection(url)).toBe(200);
    const pids = readyPids().filter((p) => p !== victim);
    expect(pids).toHaveLength(2);
    // SIGTERM to the supervisor alone (as a service manager sends it): it reaches the processes, which finish.
    server!.child.kill('SIGTERM');
    expect(await server!.exited).toBe(0);
    for (const pid of pids) expect(() => process.kill(pid, 0)).toThrow();
  });
});
