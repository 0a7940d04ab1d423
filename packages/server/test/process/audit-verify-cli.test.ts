import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import { signalGroup, startGisurg, urlOf, waitFor, type ServerProcess } from './support.js';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'gisurg-verify-'));
const started: ServerProcess[] = [];
afterAll(() => {
  for (const p of started) signalGroup(p, 'SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

async function run(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  const p = startGisurg(args, { DATA_DIR: dataDir });
  started.push(p);
  const code = await p.exited;
  return { code, out: p.stdout(), err: p.stderr() };
}

describe('gisurg audit verify', () => {
  it('passes on an untouched chain and exits 1 naming the first altered entry', async () => {
    const server = startGisurg(['serve'], { DATA_DIR: dataDir });
    started.push(server);
    await waitFor(() => server.stdout().includes('Ready in') || server.child.exitCode !== null, 120_000, 'server');
    const base = urlOf(server);
    for (let i = 0; i < 3; i += 1) {
      await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: 'Admin-Passw0rd!' }),
      });
    }
    signalGroup(server, 'SIGTERM');
    expect(await server.exited).toBe(0);

    const ok = await run(['audit', 'verify']);
    expect(ok.err).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/Audit chain OK: \d+ entries verified/);

    // Tamper as someone with direct database access would: triggers off, change a sealed row.
    const db = new PGlite(path.join(dataDir, 'pglite'));
    await db.exec(
      `alter table audit_log disable trigger user; update audit_log set outcome = 'failure' where chain_seq = 2; alter table audit_log enable trigger user;`,
    );
    await db.close();

    const bad = await run(['audit', 'verify']);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('AUDIT CHAIN BROKEN: entry 2');
  }, 240_000);
});
