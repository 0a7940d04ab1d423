import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aPatient } from './support/builders.js';
import { mdtClient } from './support/mdt.js';
import { createTestWorld, type TestWorld } from './support/test-app.js';

/**
 * Issue 17 failure 7: three 10 MB attachments at once held every patient read up on PGlite (p50 4.2 s, max 15.3 s)
 * while the bytes went through the one embedded connection. With the file store (core/attachments.ts, the default
 * on PGlite) the bytes never enter the database connection. The figures are printed; the bound asserted is loose
 * because the machines are shared.
 */
const TEN_MB = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(10 * 1024 * 1024 - 16, 0x20), Buffer.from('\n%%EOF\n')]);

async function readsDuringUploads(w: TestWorld): Promise<{ p50: number; max: number; n: number }> {
  const m = mdtClient(w);
  const board = (await m.meeting({ kind: 'inter' })).id;
  const caseId = (await m.submit(board, (await aPatient(w.homeOrgId).build(w.db)).id, 'surgeon')).id;
  const patient = (await aPatient(w.homeOrgId).build(w.db)).id;
  const cookie = await w.as('surgeon');
  const nurse = await w.as('nurse');
  let uploading = true;
  const uploads = Promise.all(
    [1, 2, 3].map((i) =>
      w.app.inject({
        method: 'POST',
        url: `/api/mdt/cases/${caseId}/attachments?fileName=big-${i}.pdf`,
        headers: { cookie, 'content-type': 'application/pdf' },
        // Distinct content each, so the store writes three files.
        payload: Buffer.concat([TEN_MB.subarray(0, TEN_MB.length - 1), Buffer.from([0x30 + i])]),
      }),
    ),
  ).finally(() => (uploading = false));
  const times: number[] = [];
  while (uploading || times.length < 5) {
    const t0 = performance.now();
    const res = await w.app.inject({ method: 'GET', url: `/api/patients/${patient}`, headers: { cookie: nurse } });
    times.push(performance.now() - t0);
    expect(res.statusCode).toBe(200);
  }
  for (const r of await uploads) expect(r.statusCode).toBe(201);
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(times.length / 2)]!, max: times[times.length - 1]!, n: times.length };
}

describe('patient reads while three 10 MB attachments upload (PGlite failure 7)', () => {
  let files: TestWorld;
  beforeAll(async () => {
    files = await createTestWorld({ env: { ATTACHMENT_STORAGE: 'files' } });
  }, 600_000);
  afterAll(async () => files?.close());

  // The database store (ATTACHMENT_STORAGE=database) is not timed here: on a loaded machine it took longer than
  // the suite can wait, which is the failure itself.
  it('stays fast with the file store', async () => {
    const f = await readsDuringUploads(files);
    console.log(`patient reads during 3×10 MB uploads (file store): p50 ${f.p50.toFixed(0)} ms, max ${f.max.toFixed(0)} ms (n=${f.n})`);
    expect(f.p50).toBeLessThan(250);
    expect(f.max).toBeLessThan(2000);
  }, 600_000);
});
