import { randomBytes } from 'node:crypto';
import { makeResidentId } from '@gisurg/clinical';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, patients } from '../../src/db/schema/index.js';
import { aPatient, aResidentId } from './support/builders.js';
import { createTestWorld, type TestWorld } from './support/test-app.js';

let w: TestWorld;
beforeAll(async () => {
  w = await createTestWorld();
});
afterAll(async () => w.close());

type Patient = {
  id: string;
  version: number;
  name: string;
  idNumber: string | null;
  idNumberMasked: boolean;
  sourceOrganizationId: string | null;
  age: number;
};
type Page = { items: Patient[]; total: number; page: number; pageSize: number };
type ErrorBody = {
  error: {
    code: string;
    message: string;
    details?: { fields?: { path: string; messageZh: string; messageEn: string }[]; currentVersion?: number };
  };
};

async function call(role: Parameters<TestWorld['as']>[0], method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) {
  return w.app.inject({
    method,
    url,
    headers: { cookie: await w.as(role) },
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });
}

const countPatients = async () => (await w.db.select({ n: sql<number>`count(*)::int` }).from(patients))[0]!.n;

function newPatientBody(overrides: Record<string, unknown> = {}) {
  const birthDate = '1962-08-09';
  return {
    name: '欧阳明',
    sex: 'male',
    birthDate,
    idNumber: aResidentId(birthDate, 'male'),
    inpatientNo: `ZY${randomBytes(4).toString('hex')}`,
    phone: '13812345678',
    ...overrides,
  };
}

describe('POST /api/patients', () => {
  it('registers a patient and returns it with id and version 1', async () => {
    const res = await call('surgeon', 'POST', '/api/patients', newPatientBody());
    expect(res.statusCode).toBe(201);
    const p = res.json<Patient>();
    expect(p).toMatchObject({ version: 1, name: '欧阳明', idNumberMasked: false });
    expect(res.headers.location).toBe(`/api/patients/${p.id}`);
    const read = await call('surgeon', 'GET', `/api/patients/${p.id}`);
    expect(read.headers.etag).toBe('W/"1"');
    const edited = await call('surgeon', 'PATCH', `/api/patients/${p.id}`, { version: 1, phone: '13900001112' });
    expect(edited.headers.etag).toBe('W/"2"');
  });

  it('refuses a resident ID with a wrong check digit with messages in Chinese and English, writing nothing', async () => {
    const before = await countPatients();
    const body = newPatientBody();
    const bad = body.idNumber.slice(0, 17) + (body.idNumber.endsWith('1') ? '2' : '1');
    const res = await call('surgeon', 'POST', '/api/patients', { ...body, idNumber: bad });
    expect(res.statusCode).toBe(400);
    const field = res.json<ErrorBody>().error.details!.fields!.find((f) => f.path === 'idNumber');
    expect(field).toMatchObject({ messageZh: '身份证号校验位错误，请核对', messageEn: expect.stringMatching(/check digit/) });
    expect(await countPatients()).toBe(before);
  });

  it('refuses a birth date or sex that disagrees with the resident ID', async () => {
    const res = await call('surgeon', 'POST', '/api/patients', newPatientBody({ birthDate: '1962-08-10', sex: 'female' }));
    expect(res.statusCode).toBe(400);
    const paths = res.json<ErrorBody>().error.details!.fields!.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['birthDate', 'sex']));
  });

  it('converts a 15-digit legacy ID number to 18 digits', async () => {
    const id18 = makeResidentId({ areaCode: '330106', birthDate: '1955-03-04', sequence: 321, sex: 'male' });
    const id15 = id18.slice(0, 6) + id18.slice(8, 17);
    const res = await call(
      'surgeon',
      'POST',
      '/api/patients',
      newPatientBody({ birthDate: '1955-03-04', idNumber: id15, inpatientNo: null }),
    );
    expect(res.statusCode).toBe(201);
    expect(res.json<Patient>().idNumber).toBe(id18);
  });

  it('refuses impossible dates, unknown fields and wrong types', async () => {
    for (const body of [
      newPatientBody({ birthDate: '2026-02-30' }),
      { ...newPatientBody(), organizationId: w.orgB },
      newPatientBody({ sex: 'x' }),
      { name: 'a' },
    ]) {
      const res = await call('surgeon', 'POST', '/api/patients', body);
      expect(res.statusCode).toBe(400);
      expect(res.json<ErrorBody>().error.code).toBe('VALIDATION');
    }
  });

  it('accepts a patient whose ID number is not known yet (an unidentified emergency patient)', async () => {
    const res = await call('surgeon', 'POST', '/api/patients', { name: '无名氏', sex: 'unknown', birthDate: '1970-01-01' });
    expect(res.statusCode).toBe(201);
    expect(res.json<Patient>()).toMatchObject({ idNumber: null, idNumberMasked: false });
  });

  it('answers 409 for an ID number already registered', async () => {
    const body = newPatientBody();
    expect((await call('surgeon', 'POST', '/api/patients', body)).statusCode).toBe(201);
    const again = await call('surgeon', 'POST', '/api/patients', { ...body, inpatientNo: null });
    expect(again.statusCode).toBe(409);
    // On the form field, in both languages, never by the index, table or column name.
    const error = again.json<{ error: { details: { fields: { path: string; messageZh: string; messageEn: string }[] } } }>().error;
    expect(error.details.fields.map((f) => f.path)).toEqual(['idNumber']);
    expect(again.body).not.toMatch(/patients|_uq|id_number/);
    // A second inpatient number is refused on its field too (the unique index, mapped to the field).
    const third = await call('surgeon', 'POST', '/api/patients', newPatientBody({ inpatientNo: body.inpatientNo }));
    expect(third.statusCode).toBe(409);
    expect(third.json<{ error: { details: { fields: { path: string }[] } } }>().error.details.fields.map((f) => f.path)).toEqual([
      'inpatientNo',
    ]);
    expect(third.body).not.toMatch(/patients|_uq|inpatient_no/);
  });

  it('forbids roles without patient:create', async () => {
    expect((await call('mdt_coordinator', 'POST', '/api/patients', newPatientBody())).statusCode).toBe(403);
    expect((await call('researcher', 'POST', '/api/patients', newPatientBody())).statusCode).toBe(404);
  });
});

describe('GET /api/patients search', () => {
  let target: Awaited<ReturnType<ReturnType<typeof aPatient>['build']>>;
  beforeAll(async () => {
    target = await aPatient(w.homeOrgId, { name: '曾晓峰', inpatientNo: 'Z20260001' }).build(w.db);
    await aPatient(w.homeOrgId, { name: '张三丰' }).build(w.db);
    for (let i = 0; i < 25; i += 1) await aPatient(w.homeOrgId, { name: `钱${'一二三四五六七八九十'[i % 10]}` }).build(w.db);
  });

  const search = async (q: string) => (await call('nurse', 'GET', `/api/patients?q=${encodeURIComponent(q)}`)).json<Page>();

  it.each([
    ['Chinese name', '曾晓峰'],
    ['given name', '晓峰'],
    ['full pinyin (surname mode)', 'zengxiaofeng'],
    ['full pinyin (plain reading)', 'cengxiaofeng'],
    ['pinyin with spaces and capitals', 'Zeng Xiao'],
    ['initials', 'zxf'],
    ['inpatient number', 'z20260001'],
  ])('finds a patient by %s', async (_label, q) => {
    const page = await search(q);
    expect(page.items[0]?.id).toBe(target.id);
  });

  it('finds a patient by the full ID number and by its last digits', async () => {
    expect((await search(target.idNumber!)).items.map((p) => p.id)).toEqual([target.id]);
    expect((await search(target.idNumber!.slice(-6))).items.map((p) => p.id)).toContain(target.id);
  });

  it('finds a patient by the last digits of the inpatient number', async () => {
    expect((await search('0001')).items.map((p) => p.id)).toContain(target.id);
    expect((await search('260001')).items.map((p) => p.id)).toContain(target.id);
    expect((await search('9990001')).items.map((p) => p.id)).not.toContain(target.id);
  });

  it('pages results with total, page and pageSize', async () => {
    const p1 = (await call('nurse', 'GET', '/api/patients?q=qian&page=1&pageSize=10')).json<Page>();
    const p3 = (await call('nurse', 'GET', '/api/patients?q=qian&page=3&pageSize=10')).json<Page>();
    expect(p1.total).toBe(25);
    expect(p1.items).toHaveLength(10);
    expect(p3.items).toHaveLength(5);
    expect(new Set([...p1.items, ...p3.items].map((p) => p.id)).size).toBe(15);
  });

  it('reports the total past the last page', async () => {
    const past = (await call('nurse', 'GET', '/api/patients?q=qian&page=9&pageSize=10')).json<Page>();
    expect(past.items).toHaveLength(0);
    expect(past.total).toBe(25);
  });

  it('ranks by the patient as it is now: an update moves a patient ahead, a deletion or a move to another hospital removes it', async () => {
    // The search reads each term's copy of its patient's scope and updated_at (migration 0022's triggers).
    const older = await aPatient(w.homeOrgId, { name: '欧阳蓓蕾' }).build(w.db);
    const newer = await aPatient(w.homeOrgId, { name: '欧阳蓓芬' }).build(w.db);
    await w.db
      .update(patients)
      .set({ updatedAt: new Date('2026-01-01T00:00:00Z') })
      .where(eq(patients.id, older.id));
    await w.db
      .update(patients)
      .set({ updatedAt: new Date('2026-02-01T00:00:00Z') })
      .where(eq(patients.id, newer.id));
    const ids = async () => (await search('oyb')).items.map((p) => p.id);
    expect(await ids()).toEqual([newer.id, older.id]);
    const edited = await call('nurse', 'PATCH', `/api/patients/${older.id}`, { version: 1, address: '杭州市西湖区' });
    expect(edited.statusCode).toBe(200);
    expect(await ids()).toEqual([older.id, newer.id]);
    await w.db.update(patients).set({ deletedAt: new Date() }).where(eq(patients.id, older.id));
    expect(await ids()).toEqual([newer.id]);
    expect((await search('oyb')).total).toBe(1);
    await w.db.update(patients).set({ organizationId: w.orgA }).where(eq(patients.id, newer.id));
    expect(await ids()).toEqual([]);
  });

  it('treats LIKE wildcards in the query as text', async () => {
    expect((await search('%')).total).toBe(0);
    expect((await search('_')).total).toBe(0);
  });

  it('masks ID numbers for roles without patient:read_id', async () => {
    const res = await call('resident', 'GET', `/api/patients/${target.id}`);
    const p = res.json<Patient>();
    expect(p.idNumberMasked).toBe(true);
    expect(p.idNumber).toBe(`${target.idNumber!.slice(0, 4)}**********${target.idNumber!.slice(-4)}`);
  });

  it('audits the list with the ids shown and each record read', async () => {
    const res = await call('nurse', 'GET', `/api/patients/${target.id}`);
    const rid = res.headers['x-request-id'] as string;
    const rows = await w.db.select().from(auditLog).where(eq(auditLog.requestId, rid));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'patient.read', patientId: target.id, actorId: w.users.nurse.id, outcome: 'success' });
  });
});

describe('PATCH /api/patients/:id', () => {
  it('edits with the current version and bumps it', async () => {
    const p = await aPatient(w.homeOrgId).build(w.db);
    const res = await call('surgeon', 'PATCH', `/api/patients/${p.id}`, { version: 1, phone: '13900001111', allergies: '青霉素' });
    expect(res.statusCode).toBe(200);
    expect(res.json<Patient>()).toMatchObject({ version: 2 });
  });

  it('gives the stale writer 409 with the current version, and keeps the first edit', async () => {
    const p = await aPatient(w.homeOrgId, { name: '原名' }).build(w.db);
    const first = await call('surgeon', 'PATCH', `/api/patients/${p.id}`, { version: 1, name: '改名一' });
    const second = await call('nurse', 'PATCH', `/api/patients/${p.id}`, { version: 1, name: '改名二' });
    expect(first.statusCode).toBe(200);
    expect(second.statusCode).toBe(409);
    expect(second.json<ErrorBody>().error.details?.currentVersion).toBe(2);
    const [row] = await w.db.select().from(patients).where(eq(patients.id, p.id));
    expect(row).toMatchObject({ name: '改名一', version: 2 });
  });

  it('lets exactly one of many concurrent editors win', async () => {
    const p = await aPatient(w.homeOrgId).build(w.db);
    const cookie = await w.as('surgeon');
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        w.app.inject({ method: 'PATCH', url: `/api/patients/${p.id}`, headers: { cookie }, payload: { version: 1, address: `地址${i}` } }),
      ),
    );
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(1);
    expect(results.filter((r) => r.statusCode === 409)).toHaveLength(7);
  });

  it('requires the version', async () => {
    const p = await aPatient(w.homeOrgId).build(w.db);
    const res = await call('surgeon', 'PATCH', `/api/patients/${p.id}`, { name: '无版本' });
    expect(res.statusCode).toBe(400);
    expect(res.json<ErrorBody>().error.details!.fields![0]!.path).toBe('version');
  });

  it('records the change in the audit log with old and new values', async () => {
    const p = await aPatient(w.homeOrgId, { name: '审计前' }).build(w.db);
    const res = await call('surgeon', 'PATCH', `/api/patients/${p.id}`, { version: 1, name: '审计后' });
    const [row] = await w.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.requestId, res.headers['x-request-id'] as string));
    expect(row?.details).toMatchObject({ changes: { name: ['审计前', '审计后'] } });
  });
});

describe('external doctors see only their own organization’s patients', () => {
  let own: { id: string };
  let other: { id: string };
  let home: { id: string };
  beforeAll(async () => {
    own = await aPatient(w.homeOrgId, { name: '甲院患者', sourceOrganizationId: w.orgA }).build(w.db);
    other = await aPatient(w.homeOrgId, { name: '乙院患者', sourceOrganizationId: w.orgB }).build(w.db);
    home = await aPatient(w.homeOrgId, { name: '本院患者' }).build(w.db);
  });

  it('lists only patients referred by their organization', async () => {
    const page = (await call('external_doctor', 'GET', '/api/patients?pageSize=100')).json<Page>();
    expect(page.items.map((p) => p.id)).toContain(own.id);
    expect(page.items.every((p) => p.sourceOrganizationId === w.orgA)).toBe(true);
  });

  it('gets 404 for another hospital’s patient, identical to a missing one', async () => {
    const a = await call('external_doctor', 'GET', `/api/patients/${other.id}`);
    const b = await call('external_doctor', 'GET', `/api/patients/${home.id}`);
    const c = await call('external_doctor', 'GET', '/api/patients/00000000-0000-4000-8000-000000000000');
    expect([a.statusCode, b.statusCode, c.statusCode]).toEqual([404, 404, 404]);
    expect(a.body).toBe(c.body);
    expect(b.body).toBe(c.body);
  });

  it('cannot edit another hospital’s patient, and nothing changes', async () => {
    const res = await call('extB', 'PATCH', `/api/patients/${own.id}`, { version: 1, name: '篡改' });
    expect(res.statusCode).toBe(404);
    const [row] = await w.db.select().from(patients).where(eq(patients.id, own.id));
    expect(row?.name).toBe('甲院患者');
  });

  it('registers new patients under their own organization', async () => {
    const res = await call('external_doctor', 'POST', '/api/patients', newPatientBody());
    expect(res.statusCode).toBe(201);
    expect(res.json<Patient>().sourceOrganizationId).toBe(w.orgA);
    const claim = await call('external_doctor', 'POST', '/api/patients', newPatientBody({ sourceOrganizationId: w.orgB }));
    expect(claim.statusCode).toBe(400);
  });

  it('registers a person the home hospital already knows as a referral of their own, learning nothing of the home record', async () => {
    const body = newPatientBody();
    const atHome = (await call('surgeon', 'POST', '/api/patients', body)).json<Patient>();
    const res = await call('external_doctor', 'POST', '/api/patients', { ...body, inpatientNo: null, name: '转诊登记' });
    expect(res.statusCode).toBe(201);
    const referral = res.json<Patient>();
    expect(referral.id).not.toBe(atHome.id);
    expect(referral).toMatchObject({ name: '转诊登记', sourceOrganizationId: w.orgA, inpatientNo: null });
    // The home record stays out of their sight; the same hospital registering the person again is told so on the field.
    expect((await call('external_doctor', 'GET', `/api/patients/${atHome.id}`)).statusCode).toBe(404);
    const again = await call('external_doctor', 'POST', '/api/patients', { ...body, inpatientNo: null });
    expect(again.statusCode).toBe(409);
    expect(again.body).not.toMatch(/patients|_uq|id_number/);
    // Home staff see both records and cannot add a third.
    expect((await call('surgeon', 'POST', '/api/patients', { ...body, inpatientNo: null })).statusCode).toBe(409);
  });

  it('audits the refused access', async () => {
    const res = await call('external_doctor', 'GET', `/api/patients/${other.id}`);
    const [row] = await w.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.requestId, res.headers['x-request-id'] as string));
    expect(row).toMatchObject({ action: 'access.denied', outcome: 'not_found', resourceType: 'patient', resourceId: other.id });
  });
});
