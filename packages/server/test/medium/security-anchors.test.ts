import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnchorFile } from '../../src/audit/anchor.js';
import { chainHead, sealPending } from '../../src/audit/sealer.js';
import { verifyAuditChain } from '../../src/audit/verify.js';
import { createTestWorld, type TestWorld } from './support/test-app.js';

/**
 * Issue 17 failure 6: the chain is anchored by count as well as by time, into a second file outside the data
 * folder too; a deleted anchor file in the data folder no longer erases what the anchors know.
 */
let w: TestWorld;
const copyDir = mkdtempSync(path.join(os.tmpdir(), 'gisurg-anchor-copy-'));
const copy = path.join(copyDir, 'anchors.log');
beforeAll(async () => {
  w = await createTestWorld({ env: { AUDIT_ANCHOR_EVERY_ENTRIES: '5', AUDIT_ANCHOR_INTERVAL_SECONDS: '3600', AUDIT_ANCHOR_COPY: copy } });
});
afterAll(async () => {
  await w.close();
  rmSync(copyDir, { recursive: true, force: true });
});

const activity = async (n: number) => {
  for (let i = 0; i < n; i += 1) await w.app.inject({ method: 'GET', url: '/api/patients', headers: { cookie: await w.as('surgeon') } });
};
const lines = (f: string) => (existsSync(f) ? readFileSync(f, 'utf8').trim().split('\n').filter(Boolean).length : 0);

describe('anchoring the audit chain', () => {
  it('anchors after every 5 new entries into the data folder and the copy outside it', async () => {
    const sealer = w.built.sealer;
    await activity(1);
    await sealer.tick(); // the first tick anchors (no anchor yet)
    const first = lines(copy);
    expect(first).toBeGreaterThanOrEqual(1);
    expect(lines(w.built.anchors.file)).toBe(first);
    await sealPending(w.db); // nothing pending: an idle tick writes no anchor
    await sealer.tick();
    expect(lines(copy)).toBe(first);
    await activity(6);
    await sealer.tick();
    expect(lines(copy)).toBe(first + 1);
    const head = (await chainHead(w.db))!;
    const last = JSON.parse(readFileSync(copy, 'utf8').trim().split('\n').at(-1)!) as { seq: number; hash: string };
    expect(last).toMatchObject({ seq: head.seq, hash: head.hash });
  });

  it('still knows the anchors when the data-folder anchor file is deleted, and refuses a forged one', async () => {
    rmSync(w.built.anchors.file);
    const anchors = new AnchorFile(w.built.anchors.file, copy);
    expect(anchors.readAll().length).toBeGreaterThan(0);
    expect((await verifyAuditChain(w.db, anchors.readAll())).ok).toBe(true);
    // An attacker writes a fresh anchor file in the data folder for a rewritten head: the copy disagrees.
    const head = (await chainHead(w.db))!;
    new AnchorFile(w.built.anchors.file).append({ seq: head.seq, hash: '0'.repeat(64), at: new Date().toISOString() });
    const r = await verifyAuditChain(w.db, anchors.readAll());
    expect(r.problem?.reason).toBe('anchor_mismatch');
  });
});
