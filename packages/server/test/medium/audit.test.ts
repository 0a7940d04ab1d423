import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AnchorFile } from '../../src/audit/anchor.js';
import { chainHead, sealPending } from '../../src/audit/sealer.js';
import { verifyAuditChain } from '../../src/audit/verify.js';
import { queryRows } from '../../src/db/sql.js';
import { aPatient } from './support/builders.js';
import { createTestWorld, type TestWorld } from './support/test-app.js';

let w: TestWorld;
beforeAll(async () => {
  w = await createTestWorld();
});
afterAll(async () => w.close());

type AuditPage = {
  items: { at: string; actorId: string | null; action: string; resourceType: string | null; resourceId: string | null; outcome: string }[];
  total: number;
};

describe('audit trail', () => {
  it('records sign-in success with the actor and client IP', async () => {
    const res = await w.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: w.users.surgeon.username, password: 'Test-Passw0rd!' },
      remoteAddress: '10.20.30.40',
    });
    const rows = await queryRows<{ action: string; outcome: string; actor_id: string; client_ip: string }>(
      w.db,
      sql`select action, outcome, actor_id, client_ip from audit_log where request_id = ${res.headers['x-request-id'] as string}`,
    );
    expect(rows).toEqual([{ action: 'auth.login', outcome: 'success', actor_id: w.users.surgeon.id, client_ip: '10.20.30.40' }]);
  });

  it('records a permission denial', async () => {
    const res = await w.app.inject({ method: 'GET', url: '/api/audit', headers: { cookie: await w.as('nurse') } });
    expect(res.statusCode).toBe(403);
    const rows = await queryRows<{ action: string; outcome: string }>(
      w.db,
      sql`select action, outcome from audit_log where request_id = ${res.headers['x-request-id'] as string}`,
    );
    expect(rows).toEqual([{ action: 'access.denied', outcome: 'denied' }]);
  });

  it('GET /api/audit filters by resource, actor, action and time', async () => {
    const p = await aPatient(w.homeOrgId).build(w.db);
    await w.app.inject({ method: 'GET', url: `/api/patients/${p.id}`, headers: { cookie: await w.as('resident') } });
    const url = `/api/audit?resourceType=patient&resourceId=${p.id}&actorId=${w.users.resident.id}&action=patient.read&from=2026-01-01&to=2026-12-31`;
    const page = (await w.app.inject({ method: 'GET', url, headers: { cookie: await w.as('audit_admin') } })).json<AuditPage>();
    expect(page.total).toBe(1);
    expect(page.items[0]).toMatchObject({
      actorId: w.users.resident.id,
      action: 'patient.read',
      resourceType: 'patient',
      resourceId: p.id,
      outcome: 'success',
    });
    expect(page.items[0]!.at).toMatch(/Z$/);
  });

  it('sorts by a chosen field', async () => {
    const page = (
      await w.app.inject({
        method: 'GET',
        url: '/api/audit?sort=action&order=asc&pageSize=500',
        headers: { cookie: await w.as('audit_admin') },
      })
    ).json<AuditPage>();
    const actions = page.items.map((i) => i.action);
    expect(actions).toEqual([...actions].sort());
  });

  it('refuses to update, delete or truncate audit rows', async () => {
    await sealPending(w.db);
    for (const stmt of [sql`update audit_log set action = 'x'`, sql`delete from audit_log`, sql`truncate audit_log`]) {
      await expect(w.db.execute(stmt)).rejects.toThrow();
    }
  });

  it('lets the sealer set only the chain columns of an unsealed row (migration 0027: the row compared as a record)', async () => {
    // The database's refusal (Drizzle wraps it as the cause of its "Failed query").
    const refusal = (stmt: ReturnType<typeof sql>) =>
      w.db.execute(stmt).then(
        () => 'accepted',
        (e: Error & { cause?: Error }) => e.cause?.message ?? e.message,
      );
    await sealPending(w.db);
    await w.db.execute(
      sql`insert into audit_log (action, outcome, resource_type, details, client_ip) values ('guard.test', 'success', 'patient', '{"a":[1,2]}', '10.0.0.9')`,
    );
    const [row] = await queryRows<{ id: string }>(w.db, sql`select id from audit_log where chain_seq is null and action = 'guard.test'`);
    const id = row!.id;
    for (const change of [
      sql`action = 'guard.other'`,
      sql`details = '{"a":[1,3]}'`,
      sql`client_ip = null`,
      sql`at = at + interval '1 second'`,
      sql`chain_seq = -5, resource_type = 'user'`,
    ]) {
      expect(await refusal(sql`update audit_log set ${change} where id = ${id}`)).toBe('only the audit chain columns may be set');
    }
    // The chain columns alone may be set (as the sealer does), once.
    await w.db.execute(sql`update audit_log set chain_seq = -5, prev_hash = 'p', hash = 'h' where id = ${id}`);
    expect(await refusal(sql`update audit_log set hash = 'h2' where id = ${id}`)).toBe('sealed audit rows cannot change');
    await w.db.execute(sql`alter table audit_log disable trigger user`);
    try {
      await w.db.execute(sql`update audit_log set chain_seq = null, prev_hash = null, hash = null where id = ${id}`);
      await w.db.execute(sql`delete from audit_log where id = ${id}`);
    } finally {
      await w.db.execute(sql`alter table audit_log enable trigger user`);
    }
  });
});

describe('hash chain', () => {
  let anchors: AnchorFile;
  const tamper = async (stmt: ReturnType<typeof sql>) => {
    await w.db.execute(sql`alter table audit_log disable trigger user`);
    try {
      await w.db.execute(stmt);
    } finally {
      await w.db.execute(sql`alter table audit_log enable trigger user`);
    }
  };
  const seqIdOf = async (seq: number) =>
    Number((await queryRows<{ id: number | string }>(w.db, sql`select id from audit_log where chain_seq = ${seq}`))[0]!.id);

  beforeEach(async () => {
    // Fresh, untampered chain material for each case: new rows, sealed, and an anchor of the head.
    anchors = new AnchorFile(path.join(mkdtempSync(path.join(os.tmpdir(), 'anchors-')), 'a.log'));
    for (let i = 0; i < 5; i += 1) await w.app.inject({ method: 'GET', url: '/api/patients', headers: { cookie: await w.as('surgeon') } });
    await sealPending(w.db);
    const head = await chainHead(w.db);
    anchors.append({ seq: head!.seq, hash: head!.hash, at: new Date().toISOString() });
    const ok = await verifyAuditChain(w.db, anchors.readAll());
    if (!ok.ok) throw new Error(`chain broken before the case: ${ok.problem?.message}`);
  });

  it('verifies a clean chain', async () => {
    const r = await verifyAuditChain(w.db, anchors.readAll());
    expect(r).toMatchObject({ ok: true, problem: null });
    expect(r.sealedRows).toBeGreaterThan(5);
  });

  it('detects an altered field and names the entry', async () => {
    const id = await seqIdOf(3);
    await tamper(sql`update audit_log set action = action || '!' where id = ${id}`);
    try {
      const r = await verifyAuditChain(w.db, anchors.readAll());
      expect(r.problem).toMatchObject({ seq: 3, id, reason: 'hash_mismatch' });
    } finally {
      await tamper(sql`update audit_log set action = left(action, -1) where id = ${id}`);
    }
  });

  it('detects a removed middle entry', async () => {
    const head = (await chainHead(w.db))!;
    const victim = head.seq - 2;
    const [row] = await queryRows<Record<string, unknown>>(w.db, sql`select * from audit_log where chain_seq = ${victim}`);
    await tamper(sql`delete from audit_log where chain_seq = ${victim}`);
    const r = await verifyAuditChain(w.db, anchors.readAll());
    expect(r.problem?.reason).toBe('sequence_gap');
    expect(r.problem?.message).toContain(`entry ${victim} is missing`);
    // Put it back so later cases start from a clean chain.
    await tamper(
      sql`insert into audit_log overriding system value select * from json_populate_record(null::audit_log, ${JSON.stringify(row)}::json)`,
    );
  });

  it('detects two entries swapped', async () => {
    const head = (await chainHead(w.db))!;
    const [a, b] = [head.seq - 3, head.seq - 2];
    await tamper(sql`update audit_log set chain_seq = case chain_seq when ${a} then -1 else chain_seq end where chain_seq = ${a}`);
    await tamper(sql`update audit_log set chain_seq = ${a} where chain_seq = ${b}`);
    await tamper(sql`update audit_log set chain_seq = ${b} where chain_seq = -1`);
    const r = await verifyAuditChain(w.db, anchors.readAll());
    expect(r.ok).toBe(false);
    expect(r.problem?.seq).toBe(a);
    await tamper(sql`update audit_log set chain_seq = -1 where chain_seq = ${a}`);
    await tamper(sql`update audit_log set chain_seq = ${a} where chain_seq = ${b}`);
    await tamper(sql`update audit_log set chain_seq = ${b} where chain_seq = -1`);
  });

  it('detects a forged entry inserted between two entries', async () => {
    const head = (await chainHead(w.db))!;
    await tamper(sql`update audit_log set chain_seq = chain_seq + 1000000 where chain_seq > ${head.seq - 2}`);
    await tamper(
      sql`insert into audit_log (action, outcome, chain_seq, prev_hash, hash) values ('forged', 'success', ${head.seq - 1}, 'x', 'y')`,
    );
    const r = await verifyAuditChain(w.db, anchors.readAll());
    expect(r.problem).toMatchObject({ seq: head.seq - 1 });
    await tamper(sql`delete from audit_log where action = 'forged'`);
    await tamper(sql`update audit_log set chain_seq = chain_seq - 1000000 where chain_seq > 1000000`);
  });

  it('detects a truncated tail with the anchor', async () => {
    const head = (await chainHead(w.db))!;
    const rows = await queryRows<Record<string, unknown>>(w.db, sql`select * from audit_log where chain_seq > ${head.seq - 2}`);
    await tamper(sql`delete from audit_log where chain_seq > ${head.seq - 2}`);
    expect((await verifyAuditChain(w.db, [])).ok).toBe(true);
    const r = await verifyAuditChain(w.db, anchors.readAll());
    expect(r.problem?.reason).toBe('truncated');
    for (const row of rows) {
      await tamper(
        sql`insert into audit_log overriding system value select * from json_populate_record(null::audit_log, ${JSON.stringify(row)}::json)`,
      );
    }
  });

  it('detects a chain rewritten consistently with the anchor', async () => {
    const backup = await queryRows<{ id: number; outcome: string; prev_hash: string; hash: string; chain_seq: number }>(
      w.db,
      sql`select id, outcome, prev_hash, hash, chain_seq from audit_log where chain_seq is not null order by chain_seq`,
    );
    const victim = backup[2]!;
    // The attacker edits an entry and recomputes every later hash with the known algorithm.
    await tamper(sql`update audit_log set outcome = ${victim.outcome === 'failure' ? 'success' : 'failure'} where id = ${victim.id}`);
    await tamper(sql`update audit_log set chain_seq = null, prev_hash = null, hash = null where chain_seq >= ${victim.chain_seq}`);
    await w.db.execute(sql`alter table audit_log disable trigger user`);
    try {
      await sealPending(w.db);
    } finally {
      await w.db.execute(sql`alter table audit_log enable trigger user`);
    }
    expect((await verifyAuditChain(w.db, [])).ok).toBe(true);
    const r = await verifyAuditChain(w.db, anchors.readAll());
    expect(r.problem?.reason).toBe('anchor_mismatch');
    // Restore.
    await tamper(sql`update audit_log set outcome = ${victim.outcome} where id = ${victim.id}`);
    for (const b of backup.filter((x) => x.chain_seq >= victim.chain_seq)) {
      await tamper(sql`update audit_log set chain_seq = null where id = ${b.id}`);
    }
    for (const b of backup.filter((x) => x.chain_seq >= victim.chain_seq)) {
      await tamper(sql`update audit_log set chain_seq = ${b.chain_seq}, prev_hash = ${b.prev_hash}, hash = ${b.hash} where id = ${b.id}`);
    }
    await tamper(
      sql`update audit_log set chain_seq = null, prev_hash = null, hash = null where chain_seq > ${backup[backup.length - 1]!.chain_seq}`,
    );
  });
});
