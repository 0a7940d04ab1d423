/**
 * Patient reads while three 10 MB attachments upload (issue 17 failure 7): on PGlite the database store held
 * every patient read up while the bytes went through the one embedded connection (p50 4.2 s, max 15.3 s); the
 * file store (core/attachments.ts, the default) keeps the bytes out of the connection. Prints p50 / max of the
 * reads for each store; nothing is asserted (figures go to docs/performance.md).
 *
 * Run: `npx tsx bench/attachments.ts [--store files|database]`
 */
import { parseArgs } from 'node:util';
import { aPatient } from '../packages/server/test/medium/support/builders.js';
import { mdtClient } from '../packages/server/test/medium/support/mdt.js';
import { createTestWorld, type TestWorld } from '../packages/server/test/medium/support/test-app.js';

const { values: args } = parseArgs({ options: { store: { type: 'string' } } });
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
    if (res.statusCode !== 200) throw new Error(`patient read answered ${res.statusCode}`);
    // Yield to the event loop between reads, as requests from another client would: in-process PGlite answers
    // through microtasks only, so back-to-back injected reads would starve the uploads' streams.
    await new Promise((r) => setImmediate(r));
  }
  for (const r of await uploads) if (r.statusCode !== 201) throw new Error(`upload answered ${r.statusCode}`);
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(times.length / 2)]!, max: times[times.length - 1]!, n: times.length };
}

for (const store of args.store ? [args.store] : ['files', 'database']) {
  const w = await createTestWorld({ env: { ATTACHMENT_STORAGE: store } });
  try {
    const f = await readsDuringUploads(w);
    console.log(
      `PGlite, ${store} store: patient reads during 3×10 MB uploads p50 ${f.p50.toFixed(0)} ms, max ${f.max.toFixed(0)} ms (n=${f.n})`,
    );
  } finally {
    await w.close();
  }
}
