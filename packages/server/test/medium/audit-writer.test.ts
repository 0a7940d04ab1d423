import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealPending } from '../../src/audit/sealer.js';
import { verifyAuditChain } from '../../src/audit/verify.js';
import { AuditWriter } from '../../src/audit/writer.js';
import { queryRows } from '../../src/db/sql.js';
import { aPatient } from './support/builders.js';
import { createTestWorld, type TestWorld } from './support/test-app.js';

let w: TestWorld;
beforeAll(async () => {
  w = await createTestWorld();
});
afterAll(async () => w.close());

const meta = (requestId: string) => ({ requestId, clientIp: '10.0.0.1', userAgent: 'test' });
const entry = { action: 'patient.read', outcome: 'success' as const, resourceType: 'patient' };

async function auditRowsOf(requestId: string) {
  return queryRows<{ action: string; outcome: string; patient_id: string | null }>(
    w.db,
    sql`select action, outcome, patient_id from audit_log where request_id = ${requestId}`,
  );
}

/** A stand-in for the INSERT that records each batch's rows and lets the test decide when it finishes. */
function recordingWriter(fail?: (rows: { requestId?: string | null }[]) => boolean) {
  const inserts: string[][] = [];
  const release: (() => void)[] = [];
  const writeRows = (rows: { requestId?: string | null }[]) => {
    inserts.push(rows.map((r) => r.requestId ?? ''));
    return new Promise<void>((resolve, reject) => release.push(() => (fail?.(rows) ? reject(new Error('insert failed')) : resolve())));
  };
  return { writeRows, inserts, release };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('batched audit writer for reads (issue 18)', () => {
  it('writes a lone row at once and groups the rows that arrive while an INSERT is in flight', async () => {
    const { writeRows, inserts, release } = recordingWriter();
    const writer = new AuditWriter(writeRows, 1);
    const done: string[] = [];
    const first = writer.record(meta('r1'), null, entry).then(() => done.push('r1'));
    await tick();
    expect(inserts).toEqual([['r1']]);
    const rest = ['r2', 'r3', 'r4'].map((id) => writer.record(meta(id), null, entry).then(() => done.push(id)));
    await tick();
    // Nothing resolves before its INSERT finishes: the response waits for the commit.
    expect(done).toEqual([]);
    release.shift()!();
    await first;
    await tick();
    expect(inserts).toEqual([['r1'], ['r2', 'r3', 'r4']]);
    expect(done).toEqual(['r1']);
    release.shift()!();
    await Promise.all(rest);
    expect(done.sort()).toEqual(['r1', 'r2', 'r3', 'r4']);
  });

  it('a failed batch is retried row by row, so only the bad row fails its request', async () => {
    const { writeRows, release } = recordingWriter((rows) => rows.some((r) => r.requestId === 'bad'));
    const writer = new AuditWriter(writeRows, 1);
    const blocker = writer.record(meta('first'), null, entry);
    await tick();
    const results = ['ok1', 'bad', 'ok2'].map((id) =>
      writer.record(meta(id), null, entry).then(
        () => 'ok',
        () => 'failed',
      ),
    );
    release.shift()!(); // first
    await blocker;
    await tick();
    release.shift()!(); // the batch of three fails
    for (let i = 0; i < 3; i += 1) {
      await tick();
      release.shift()?.();
    }
    expect(await Promise.all(results)).toEqual(['ok', 'failed', 'ok']);
  });

  it('commits every row of many concurrent reads before their responses, and the chain verifies', async () => {
    const p = await aPatient(w.homeOrgId).build(w.db);
    const cookie = await w.as('surgeon');
    const responses = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        w.app
          .inject({
            method: 'GET',
            url: i % 2 ? `/api/patients/${p.id}` : `/api/patients?q=${encodeURIComponent('测试')}`,
            headers: { cookie },
          })
          .then(async (res) => ({ res, rows: await auditRowsOf(res.headers['x-request-id'] as string) })),
      ),
    );
    for (const [i, { res, rows }] of responses.entries()) {
      expect(res.statusCode).toBe(200);
      // Read as soon as the response arrived, from any pool connection: the row is already committed.
      expect(rows).toEqual([
        i % 2
          ? { action: 'patient.read', outcome: 'success', patient_id: p.id }
          : { action: 'patient.list', outcome: 'success', patient_id: null },
      ]);
    }
    await sealPending(w.db);
    const r = await verifyAuditChain(w.db, []);
    expect(r.problem).toBeNull();
  });

  it('a read that finds nothing writes no success row', async () => {
    const res = await w.app.inject({
      method: 'GET',
      url: '/api/patients/00000000-0000-4000-8000-000000000000',
      headers: { cookie: await w.as('surgeon') },
    });
    expect(res.statusCode).toBe(404);
    const rows = await auditRowsOf(res.headers['x-request-id'] as string);
    expect(rows.map((r) => r.outcome)).not.toContain('success');
  });
});

describe('patient registration in one statement (issue 18)', () => {
  it('a create that fails on a unique index leaves no patient, no search term and no audit row', async () => {
    const existing = await aPatient(w.homeOrgId).build(w.db);
    const name = `回滚测试${Date.now() % 100000}`;
    const res = await w.app.inject({
      method: 'POST',
      url: '/api/patients',
      headers: { cookie: await w.as('surgeon') },
      payload: { name, sex: 'female', birthDate: '1970-01-01', idType: 'other', inpatientNo: existing.inpatientNo },
    });
    expect(res.statusCode).toBe(409);
    const [counts] = await queryRows<{ patients: number; terms: number; audit: number }>(
      w.db,
      sql`select (select count(*)::int from patients where name = ${name}) as patients,
                 (select count(*)::int from patient_search_terms where term = ${name}) as terms,
                 (select count(*)::int from audit_log where request_id = ${res.headers['x-request-id'] as string} and action = 'patient.create') as audit`,
    );
    expect(counts).toEqual({ patients: 0, terms: 0, audit: 0 });
  });

  it('a create commits the patient, its search terms and its audit row together', async () => {
    const name = `一并提交${Date.now() % 100000}`;
    const res = await w.app.inject({
      method: 'POST',
      url: '/api/patients',
      headers: { cookie: await w.as('surgeon') },
      payload: { name, sex: 'male', birthDate: '1980-02-03', idType: 'passport', idNumber: `E${Date.now()}` },
    });
    expect(res.statusCode).toBe(201);
    const id = res.json<{ id: string }>().id;
    const rows = await auditRowsOf(res.headers['x-request-id'] as string);
    expect(rows).toEqual([{ action: 'patient.create', outcome: 'success', patient_id: id }]);
    const read = await w.app.inject({ method: 'GET', url: `/api/patients/${id}`, headers: { cookie: await w.as('surgeon') } });
    expect(read.json()).toEqual(res.json());
    const found = await w.app.inject({
      method: 'GET',
      url: `/api/patients?q=${encodeURIComponent(name)}`,
      headers: { cookie: await w.as('surgeon') },
    });
    expect(found.json<{ items: { id: string }[] }>().items.map((p) => p.id)).toEqual([id]);
  });
});
