import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { signalGroup, startGisurg, urlOf, waitFor, type ServerProcess } from './support.js';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'gisurg-lock-'));
const started: ServerProcess[] = [];
afterAll(() => {
  for (const p of started) signalGroup(p, 'SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the data folder lock (embedded database)', () => {
  it('lets one process serve, refuses a second naming the holder, and takes over a lock left by kill -9', async () => {
    const first = startGisurg(['serve'], { DATA_DIR: dataDir });
    started.push(first);
    await waitFor(() => first.stdout().includes('Ready in') || first.child.exitCode !== null, 120_000, 'first server');
    expect(first.stdout()).toContain('embedded PGlite');
    const health = await fetch(`${urlOf(first)}/api/health`);
    expect(await health.json()).toMatchObject({ status: 'ok', database: { engine: 'pglite' } });

    const second = startGisurg(['serve'], { DATA_DIR: dataDir });
    started.push(second);
    const code = await second.exited;
    expect(code).not.toBe(0);
    expect(second.stderr()).toContain(`in use by another GISurg process (pid ${first.child.pid} on `);

    signalGroup(first, 'SIGKILL');
    await first.exited;

    const third = startGisurg(['serve'], { DATA_DIR: dataDir });
    started.push(third);
    await waitFor(
      () => third.stdout().includes('Ready in') || third.child.exitCode !== null,
      120_000,
      `server after kill -9 (stderr: ${third.stderr()})`,
    );
    expect(third.stderr()).toBe('');
    const again = await fetch(`${urlOf(third)}/api/health`);
    expect(again.status).toBe(200);

    signalGroup(third, 'SIGTERM');
    expect(await third.exited).toBe(0);
  }, 180_000);
});
