import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aUser, TEST_PASSWORD } from './support/builders.js';
import { cookieOf, createTestWorld, type TestWorld } from './support/test-app.js';

let w: TestWorld;
beforeAll(async () => {
  w = await createTestWorld();
});
afterAll(async () => w.close());

type User = { id: string; version: number; username: string; role: string; disabled: boolean; locked: boolean; organizationId: string };
type Org = { id: string; version: number; name: string; kind: string; disabled: boolean; userCount: number };

async function admin(method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) {
  return w.app.inject({ method, url, headers: { cookie: await w.as('admin') }, ...(payload ? { payload } : {}) });
}
async function as(role: 'security_admin' | 'audit_admin', method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) {
  return w.app.inject({ method, url, headers: { cookie: await w.as(role) }, ...(payload ? { payload } : {}) });
}

describe('users', () => {
  it('admin creates a user who can then sign in', async () => {
    const res = await admin('POST', '/api/users', {
      username: 'Dr.Liu',
      password: 'Liu-2026-pass',
      displayName: '刘医生',
      role: 'surgeon',
      organizationId: w.homeOrgId,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json<User>()).toMatchObject({ username: 'dr.liu', role: 'surgeon', disabled: false });
    const login = await w.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'dr.liu', password: 'Liu-2026-pass' },
    });
    expect(login.statusCode).toBe(200);
  });

  it('refuses a weak password, a duplicate username, and a role that does not fit the organization', async () => {
    const weak = await admin('POST', '/api/users', {
      username: 'weak1',
      password: 'password',
      displayName: 'x',
      role: 'nurse',
      organizationId: w.homeOrgId,
    });
    expect(weak.statusCode).toBe(400);
    const dup = await admin('POST', '/api/users', {
      username: w.users.nurse.username,
      password: 'Good-pass-1',
      displayName: 'x',
      role: 'nurse',
      organizationId: w.homeOrgId,
    });
    expect(dup.statusCode).toBe(409);
    const extAtHome = await admin('POST', '/api/users', {
      username: 'ext-home',
      password: 'Good-pass-1',
      displayName: 'x',
      role: 'external_doctor',
      organizationId: w.homeOrgId,
    });
    expect(extAtHome.statusCode).toBe(400);
    const nurseAtA = await admin('POST', '/api/users', {
      username: 'nurse-a',
      password: 'Good-pass-1',
      displayName: 'x',
      role: 'nurse',
      organizationId: w.orgA,
    });
    expect(nurseAtA.statusCode).toBe(400);
  });

  it('disabling a user ends all their sessions at once', async () => {
    const u = await aUser('surgeon', w.homeOrgId).build(w.db);
    const sessions = await Promise.all([1, 2, 3].map(() => w.login(u.username)));
    const res = await admin('PATCH', `/api/users/${u.id}`, { version: 1, disabled: true });
    expect(res.statusCode).toBe(200);
    for (const cookie of sessions) {
      expect((await w.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
    }
    const again = await w.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: u.username, password: TEST_PASSWORD },
    });
    expect(again.statusCode).toBe(401);
  });

  it('a role change (by the security administrator) applies on the next request', async () => {
    const u = await aUser('surgeon', w.homeOrgId).build(w.db);
    const cookie = await w.login(u.username);
    expect((await as('security_admin', 'PATCH', `/api/users/${u.id}/security`, { version: 1, role: 'student' })).statusCode).toBe(200);
    expect((await w.app.inject({ method: 'POST', url: '/api/patients', headers: { cookie }, payload: {} })).statusCode).toBe(401);
    const fresh = await w.login(u.username);
    const me = await w.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: fresh } });
    expect(me.json<{ role: string }>().role).toBe('student');
  });

  it('the security administrator unlocks a locked account (the system administrator may not)', async () => {
    const u = await aUser('nurse', w.homeOrgId).build(w.db);
    for (let i = 0; i < 5; i += 1)
      await w.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: u.username, password: 'Bad-pass-1' },
        remoteAddress: '10.0.0.77',
      });
    const listed = (await admin('GET', `/api/users/${u.id}`)).json<User>();
    expect(listed.locked).toBe(true);
    expect((await admin('PATCH', `/api/users/${u.id}`, { version: listed.version, unlock: true })).statusCode).toBe(403);
    expect((await as('security_admin', 'PATCH', `/api/users/${u.id}/security`, { version: listed.version, unlock: true })).statusCode).toBe(
      200,
    );
    const res = await w.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: u.username, password: TEST_PASSWORD } });
    expect(cookieOf(res)).toMatch(/^gisurg_session=/);
  });

  it('an administrator cannot disable themselves', async () => {
    const me = (await admin('GET', `/api/users/${w.users.admin.id}`)).json<User>();
    const res = await admin('PATCH', `/api/users/${w.users.admin.id}`, { version: me.version, disabled: true });
    expect(res.statusCode).toBe(409);
  });

  it('lists users filtered by role and text', async () => {
    const res = await admin('GET', `/api/users?role=nurse&pageSize=100`);
    const page = res.json<{ items: User[]; total: number }>();
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((u) => u.role === 'nurse')).toBe(true);
    expect(JSON.stringify(page)).not.toMatch(/argon2|passwordHash/);
  });

  it('other roles cannot manage users', async () => {
    const res = await w.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie: await w.as('department_head') },
      payload: { username: 'nope1', password: 'Good-pass-1', displayName: 'x', role: 'admin', organizationId: w.homeOrgId },
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('separated duties (三员分立, issue 17)', () => {
  type AuditPage = { items: { action: string; actorRole: string | null; resourceId: string | null }[] };

  it('none of the three administrators reads clinical records; only the audit administrator reads the audit log', async () => {
    const patient = (await w.app.inject({ method: 'GET', url: '/api/patients', headers: { cookie: await w.as('admin') } })).statusCode;
    expect(patient).toBe(403);
    for (const role of ['security_admin', 'audit_admin'] as const) expect((await as(role, 'GET', '/api/patients')).statusCode).toBe(403);
    expect((await admin('GET', '/api/audit')).statusCode).toBe(403);
    expect((await as('security_admin', 'GET', '/api/audit')).statusCode).toBe(403);
    expect((await as('audit_admin', 'GET', '/api/audit')).statusCode).toBe(200);
    expect((await as('audit_admin', 'POST', '/api/audit/verify')).json<{ ok: boolean }>().ok).toBe(true);
  });

  it('the system administrator changes no role, grants no administrator role and leaves administrator accounts alone', async () => {
    const u = await aUser('nurse', w.homeOrgId).build(w.db);
    const roleChange = await admin('PATCH', `/api/users/${u.id}`, { version: 1, role: 'surgeon' });
    expect(roleChange.statusCode).toBe(403);
    expect(roleChange.json<{ error: { code: string } }>().error.code).toBe('FORBIDDEN');
    // Sending the unchanged role (as the form does) is fine.
    expect((await admin('PATCH', `/api/users/${u.id}`, { version: 1, role: 'nurse', title: '护师' })).statusCode).toBe(200);
    for (const role of ['admin', 'security_admin', 'audit_admin']) {
      const res = await admin('POST', '/api/users', {
        username: `adm-${role.replace('_', '')}`,
        password: 'Good-pass-1',
        displayName: 'x',
        role,
        organizationId: w.homeOrgId,
      });
      expect(res.statusCode, role).toBe(403);
    }
    // Resetting the audit administrator's password would make the system administrator the auditor.
    const auditor = (await admin('GET', `/api/users/${w.users.audit_admin.id}`)).json<User>();
    const reset = await admin('PATCH', `/api/users/${auditor.id}`, { version: auditor.version, password: 'Other-pass-9' });
    expect(reset.statusCode).toBe(403);
    expect((await as('audit_admin', 'GET', '/api/audit?pageSize=1')).statusCode).toBe(200);
  });

  it('the security administrator grants roles and signs a user out everywhere, but creates no account and keeps their own role', async () => {
    const u = await aUser('student', w.homeOrgId).build(w.db);
    const sessions = await Promise.all([1, 2].map(() => w.login(u.username)));
    const granted = await as('security_admin', 'PATCH', `/api/users/${u.id}/security`, { version: 1, role: 'audit_admin' });
    expect(granted.statusCode).toBe(200);
    expect(granted.json<User>().role).toBe('audit_admin');
    for (const cookie of sessions)
      expect((await w.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
    const fresh = await w.login(u.username);
    const signOut = await as('security_admin', 'PATCH', `/api/users/${u.id}/security`, { version: 2, signOut: true });
    expect(signOut.statusCode).toBe(200);
    expect((await w.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: fresh } })).statusCode).toBe(401);
    const own = (await as('security_admin', 'GET', `/api/users/${w.users.security_admin.id}`)).json<User>();
    expect((await as('security_admin', 'PATCH', `/api/users/${own.id}/security`, { version: own.version, role: 'admin' })).statusCode).toBe(
      409,
    );
    const create = await as('security_admin', 'POST', '/api/users', {
      username: 'sec-made',
      password: 'Good-pass-1',
      displayName: 'x',
      role: 'nurse',
      organizationId: w.homeOrgId,
    });
    expect(create.statusCode).toBe(403);
    expect((await as('security_admin', 'PATCH', `/api/users/${u.id}`, { version: 3, title: 'x' })).statusCode).toBe(403);
    // Still staff at home: a role change checks the hospital as account changes do.
    const ext = await as('security_admin', 'PATCH', `/api/users/${u.id}/security`, { version: 3, role: 'external_doctor' });
    expect(ext.statusCode).toBe(400);
  });

  it("each administrator's actions are in the audit log the audit administrator reads", async () => {
    const u = await aUser('nurse', w.homeOrgId).build(w.db);
    await as('security_admin', 'PATCH', `/api/users/${u.id}/security`, { version: 1, disabled: true });
    await admin('PATCH', `/api/users/${u.id}`, { version: 2, title: '护士长' });
    const page = (await as('audit_admin', 'GET', `/api/audit?resourceType=user&resourceId=${u.id}&pageSize=50`)).json<AuditPage>();
    expect(page.items.map((i) => `${i.action}:${i.actorRole}`).sort()).toEqual(['user.security:security_admin', 'user.update:admin']);
  });

  it('only the first security or audit administrator of an installation is created by the system administrator', async () => {
    const { users } = await import('../../src/db/schema/index.js');
    const { eq } = await import('drizzle-orm');
    const body = { password: 'Good-pass-1', displayName: '首位审计管理员', role: 'audit_admin', organizationId: w.homeOrgId };
    await w.db.update(users).set({ disabledAt: new Date() }).where(eq(users.role, 'audit_admin'));
    try {
      expect((await admin('POST', '/api/users', { ...body, username: 'first-auditor' })).statusCode).toBe(201);
      expect((await admin('POST', '/api/users', { ...body, username: 'second-auditor' })).statusCode).toBe(403);
    } finally {
      await w.db.update(users).set({ disabledAt: null }).where(eq(users.id, w.users.audit_admin.id));
    }
  });
});

describe('organizations', () => {
  it('admin adds an external hospital and lists it', async () => {
    const res = await admin('POST', '/api/organizations', { name: '测试县人民医院', kind: 'primary', region: '浙江省' });
    expect(res.statusCode).toBe(201);
    const list = (await admin('GET', '/api/organizations?kind=primary')).json<{ items: Org[] }>();
    expect(list.items.map((o) => o.name)).toContain('测试县人民医院');
  });

  it("counts each hospital's accounts, in the list and for one hospital", async () => {
    const org = (await admin('POST', '/api/organizations', { name: '计数县人民医院', kind: 'primary' })).json<Org>();
    expect(org.userCount).toBe(0);
    await aUser('external_doctor', org.id).build(w.db);
    await aUser('external_doctor', org.id).build(w.db);
    const list = (await admin('GET', '/api/organizations?kind=primary')).json<{ items: Org[] }>();
    expect(list.items.find((o) => o.id === org.id)?.userCount).toBe(2);
    expect((await admin('GET', `/api/organizations/${org.id}`)).json<Org>().userCount).toBe(2);
    const home = (await admin('GET', '/api/organizations?kind=home')).json<{ items: Org[] }>().items[0];
    expect(home?.userCount).toBeGreaterThan(0);
  });

  it('refuses a second home hospital and a duplicate name', async () => {
    expect((await admin('POST', '/api/organizations', { name: '另一家本院', kind: 'home' })).statusCode).toBe(400);
    await admin('POST', '/api/organizations', { name: '重名医院', kind: 'other' });
    expect((await admin('POST', '/api/organizations', { name: '重名医院', kind: 'other' })).statusCode).toBe(409);
  });

  it('disabling a hospital signs its doctors out', async () => {
    const org = (await admin('POST', '/api/organizations', { name: '将停用医院', kind: 'primary' })).json<Org>();
    const doc = await aUser('external_doctor', org.id).build(w.db);
    const cookie = await w.login(doc.username);
    await admin('PATCH', `/api/organizations/${org.id}`, { version: org.version, disabled: true });
    expect((await w.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('external doctors see only their own and the home hospital', async () => {
    const res = await w.app.inject({ method: 'GET', url: '/api/organizations', headers: { cookie: await w.as('external_doctor') } });
    const ids = res
      .json<{ items: Org[] }>()
      .items.map((o) => o.id)
      .sort();
    expect(ids).toEqual([w.homeOrgId, w.orgA].sort());
  });
});
