import { makeResidentId } from '@gisurg/clinical';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/db/schema/index.js';
import { aPatient } from './support/builders.js';
import { createTestWorld, type TestWorld } from './support/test-app.js';

/**
 * Issue 17 failures 2–4: hostile text and numbers are a 400 with a field message, never a 500; every sign-in
 * attempt is audited whatever its body; the log never holds SQL parameters or patient data.
 */
let w: TestWorld;
const log: string[] = [];
beforeAll(async () => {
  w = await createTestWorld({ env: { LOG_LEVEL: 'info' }, logStream: { write: (line) => void log.push(line) } });
});
afterAll(async () => w.close());

interface ErrorBody {
  error: { code: string; details?: { fields?: { path: string; messageZh: string; messageEn: string }[] } };
}

const send = async (method: 'POST' | 'PATCH' | 'GET', url: string, payload?: string, role: 'surgeon' | 'admin' = 'surgeon') =>
  w.app.inject({
    method,
    url,
    headers: { cookie: await w.as(role), 'content-type': 'application/json' },
    ...(payload !== undefined ? { payload } : {}),
  });

function patientBody(overrides: Record<string, unknown> = {}) {
  const birthDate = '1971-03-04';
  return {
    name: '司马无忌',
    sex: 'male',
    birthDate,
    idNumber: makeResidentId({ areaCode: '330106', birthDate, sequence: 417, sex: 'male' }),
    inpatientNo: `ZY${Math.floor(Math.random() * 1e8)}`,
    phone: '13987654321',
    ...overrides,
  };
}

describe('hostile text and numbers', () => {
  it.each([
    ['a NUL', '司马\u0000无忌'],
    ['a lone high surrogate', '司马\ud800'],
    ['a lone low surrogate', '\udc00司马'],
  ])('refuses %s in a free-text field with 400 and a field message at its path', async (_label, name) => {
    // JSON.stringify writes lone surrogates as \\uXXXX escapes, exactly as a hostile client can.
    const res = await send('POST', '/api/patients', JSON.stringify(patientBody({ name })));
    expect(res.statusCode).toBe(400);
    const field = res.json<ErrorBody>().error.details!.fields!.find((f) => f.path === 'name');
    expect(field).toMatchObject({
      messageZh: expect.stringMatching(/无法保存的字符/),
      messageEn: expect.stringMatching(/cannot be stored/),
    });
  });

  it('refuses a hostile string deep inside a body or in a query string', async () => {
    const p = await aPatient(w.homeOrgId).build(w.db);
    const res = await send(
      'PATCH',
      `/api/patients/${p.id}`,
      JSON.stringify({ version: 1, allergies: 'x', extra: { a: ['ok', '\u0000'] } }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json<ErrorBody>().error.details!.fields![0]!.path).toBe('extra.a[1]');
    const q = await send('GET', `/api/patients?q=${encodeURIComponent('张\u0000')}`);
    expect(q.statusCode).toBe(400);
    expect(q.json<ErrorBody>().error.details!.fields![0]!.path).toBe('querystring.q');
  });

  it.each([2 ** 31, 2 ** 53, 1e308, -1e308])('refuses a version of %d on an edit with 400, changing nothing', async (version) => {
    const p = await aPatient(w.homeOrgId).build(w.db);
    const res = await send('PATCH', `/api/patients/${p.id}`, JSON.stringify({ version, phone: '13900001111' }));
    expect(res.statusCode).toBe(400);
    expect(res.json<ErrorBody>().error.code).toBe('VALIDATION');
  });

  it('refuses deep nesting and huge arrays with 400 or 413, never 500', async () => {
    const deep = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
    expect((await send('POST', '/api/patients', deep)).statusCode).toBe(400);
    const nested = JSON.stringify(patientBody({ name: JSON.parse(`${'['.repeat(100)}${']'.repeat(100)}`) as unknown }));
    expect((await send('POST', '/api/patients', nested)).statusCode).toBe(400);
    const huge = JSON.stringify(patientBody({ name: Array.from({ length: 100_000 }, () => 1) }));
    expect([400, 413]).toContain((await send('POST', '/api/patients', huge)).statusCode);
  });
});

describe('sign-in with hostile input', () => {
  it.each([
    ['NUL', 'adm\u0000in'],
    ['surrogate', 'x\ud800y'],
  ])('answers 400 to a %s in the username and still leaves an audit row', async (_label, username) => {
    const before = await signInRows();
    const res = await w.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ username, password: 'whatever' }),
      remoteAddress: '10.7.7.7',
    });
    expect(res.statusCode).toBe(400);
    const rows = await signInRows();
    expect(rows.length).toBe(before.length + 1);
    expect(rows.at(-1)!.details).toMatchObject({ reason: 'invalid_input', username: expect.stringContaining('\ufffd') });
  });

  it('audits a sign-in body that is not even an object', async () => {
    const before = (await signInRows()).length;
    const res = await w.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '[1,2]',
      remoteAddress: '10.7.7.7',
    });
    expect(res.statusCode).toBe(400);
    expect((await signInRows()).length).toBe(before + 1);
  });
});

async function signInRows() {
  return w.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, 'auth.login'), eq(auditLog.clientIp, '10.7.7.7')))
    .orderBy(auditLog.id);
}

describe('the log', () => {
  it('holds no SQL parameters, request body or patient data when the database fails', async () => {
    // Make every new patient fail inside the database, after the use case has sent all its parameters.
    await w.db.execute(
      sql.raw(`create or replace function test_fail_patient() returns trigger language plpgsql as $$
        begin raise exception 'forced failure for the log test'; end $$`),
    );
    await w.db.execute(
      sql.raw(`create trigger test_fail_patient before insert on patients for each row execute function test_fail_patient()`),
    );
    try {
      const body = patientBody({ name: '慕容复兴', phone: '13711112222', address: '杭州市西湖区文三路 88 号' });
      log.length = 0;
      const res = await send('POST', '/api/patients', JSON.stringify(body));
      expect(res.statusCode).toBe(500);
      const out = log.join('');
      expect(out).toMatch(/unexpected error/);
      expect(out).toContain(res.json<{ error: { requestId: string } }>().error.requestId);
      for (const secret of ['慕容复兴', body.idNumber, '13711112222', '文三路', body.inpatientNo, 'insert into']) {
        expect(out.toLowerCase()).not.toContain(secret.toLowerCase());
      }
    } finally {
      await w.db.execute(sql.raw(`drop trigger test_fail_patient on patients`));
    }
  });
});
