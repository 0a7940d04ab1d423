import { eq } from 'drizzle-orm';
import { hash } from '@node-rs/argon2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessions, users } from '../../src/db/schema/index.js';
import { auditLog } from '../../src/db/schema/index.js';
import { createTestWorld, cookieOf, type TestWorld } from './support/test-app.js';
import { aUser, TEST_PASSWORD } from './support/builders.js';

let w: TestWorld;
beforeAll(async () => {
  w = await createTestWorld();
});
afterAll(async () => w.close());

const login = (username: string, password: string, headers: Record<string, string> = {}) =>
  w.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, headers });

describe('sign-in', () => {
  it('sets an HttpOnly, SameSite=Lax session cookie and returns the user with role, organization and permissions', async () => {
    const res = await login(w.users.surgeon.username, TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/^gisurg_session=[A-Za-z0-9_-]{43};/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).not.toMatch(/Max-Age|Expires|Domain/);
    const me = res.json<{ role: string; organization: { kind: string }; permissions: string[] }>();
    expect(me.role).toBe('surgeon');
    expect(me.organization.kind).toBe('home');
    expect(me.permissions).toContain('patient:read');
  });

  it('marks the cookie Secure with the __Host- prefix when served over HTTPS', async () => {
    const tls = await createTestWorld({ env: { TRUST_PROXY: '1' } });
    try {
      const res = await tls.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: tls.users.nurse.username, password: TEST_PASSWORD },
        headers: { 'x-forwarded-proto': 'https' },
      });
      expect(String(res.headers['set-cookie'])).toMatch(/^__Host-gisurg_session=.*Secure/);
    } finally {
      await tls.close();
    }
  });

  it('stores only a hash of the session token', async () => {
    const res = await login(w.users.nurse.username, TEST_PASSWORD);
    const token = cookieOf(res).split('=')[1]!;
    expect(Buffer.from(token, 'base64url').length).toBeGreaterThanOrEqual(16);
    const rows = await w.db.select({ tokenHash: sessions.tokenHash }).from(sessions);
    expect(rows.some((r) => r.tokenHash === token)).toBe(false);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.tokenHash))).toBe(true);
  });

  it('GET /api/auth/me answers 401 without a session', async () => {
    const res = await w.app.inject({ method: 'GET', url: '/api/auth/me' });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ error: { code: 'UNAUTHENTICATED', message: expect.any(String) } });
  });

  it('logout ends the session server-side: the old cookie then gets 401', async () => {
    const cookie = cookieOf(await login(w.users.resident.username, TEST_PASSWORD));
    expect((await w.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(200);
    const out = await w.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    expect(out.statusCode).toBe(200);
    expect((await w.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('rehashes a weaker stored hash to the current policy at sign-in', async () => {
    const weak = await hash(TEST_PASSWORD, { algorithm: 2, memoryCost: 4096, timeCost: 1, parallelism: 1 });
    const u = await aUser('nurse', w.homeOrgId, { passwordHash: weak }).build(w.db);
    expect((await login(u.username, TEST_PASSWORD)).statusCode).toBe(200);
    const [row] = await w.db.select({ h: users.passwordHash }).from(users).where(eq(users.id, u.id));
    expect(row!.h).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('hashes passwords with argon2id at or above m=19456, t=2, p=1', async () => {
    const rows = await w.db.select({ h: users.passwordHash }).from(users);
    for (const { h } of rows) {
      const m = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(h);
      expect(m).not.toBeNull();
      expect(Number(m![1])).toBeGreaterThanOrEqual(19456);
      expect(Number(m![2])).toBeGreaterThanOrEqual(2);
    }
  });
});

describe('failed sign-in', () => {
  it('answers an unknown user and a wrong password identically', async () => {
    const a = await login('nobody-here', 'Wrong-pass1');
    const b = await login(w.users.student.username, 'Wrong-pass1');
    expect(a.statusCode).toBe(401);
    expect(b.statusCode).toBe(401);
    expect(a.body).toBe(b.body);
  });

  it('locks an account for 15 minutes after 5 failures, without saying so, then lets it in again', async () => {
    const u = await aUser('surgeon', w.homeOrgId).build(w.db);
    for (let i = 0; i < 5; i += 1) expect((await login(u.username, 'Wrong-pass1')).statusCode).toBe(401);
    const locked = await login(u.username, TEST_PASSWORD);
    expect(locked.statusCode).toBe(401);
    expect(locked.body).toBe((await login('nobody-here', 'x')).body);
    w.clock.advance(15 * 60_000 + 1000);
    expect((await login(u.username, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('audits every failure with its reason', async () => {
    await login('ghost-user', 'Wrong-pass1');
    const rows = await w.db.select().from(auditLog).where(eq(auditLog.action, 'auth.login'));
    const failure = rows.find((r) => r.outcome === 'failure' && (r.details as { username?: string }).username === 'ghost-user');
    expect(failure?.details).toMatchObject({ reason: 'unknown_user' });
  });

  it('rate-limits failures per client IP with 429', async () => {
    const throttled = await createTestWorld({ env: { LOGIN_IP_MAX_FAILURES: '3' } });
    try {
      const attempt = () =>
        throttled.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: 'x', password: 'y' },
          remoteAddress: '10.1.2.3',
        });
      for (let i = 0; i < 3; i += 1) expect((await attempt()).statusCode).toBe(401);
      expect((await attempt()).statusCode).toBe(429);
      const other = await throttled.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: throttled.users.nurse.username, password: TEST_PASSWORD },
        remoteAddress: '10.9.9.9',
      });
      expect(other.statusCode).toBe(200);
    } finally {
      await throttled.close();
    }
  });

  it('refuses a body with unknown keys or missing fields with 400 and field messages in both languages', async () => {
    const res = await w.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: '', password: 'x', admin: true } });
    expect(res.statusCode).toBe(400);
    const fields = res.json<{ error: { details: { fields: { path: string; messageZh: string; messageEn: string }[] } } }>().error.details
      .fields;
    expect(fields.map((f) => f.path)).toEqual(expect.arrayContaining(['username']));
    expect(fields.find((f) => f.path === 'username')).toMatchObject({ messageZh: '必填', messageEn: 'Required' });
  });
});

describe('session lifetime', () => {
  it('ends a session idle for the idle timeout; activity keeps it alive', async () => {
    const cookie = cookieOf(await login(w.users.nurse.username, TEST_PASSWORD));
    w.clock.advance(14 * 60_000);
    expect((await w.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(200);
    w.clock.advance(14 * 60_000);
    expect((await w.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(200);
    w.clock.advance(15 * 60_000 + 1000);
    const res = await w.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(res.statusCode).toBe(401);
    expect(res.json<{ error: { message: string } }>().error.message).toBe('登录已过期，请重新登录');
  });

  it('ends an active session at the absolute lifetime', async () => {
    const cookie = cookieOf(await login(w.users.nurse.username, TEST_PASSWORD));
    for (let h = 0; h < 12 * 6; h += 1) {
      w.clock.advance(10 * 60_000);
      const res = await w.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
      if (h < 12 * 6 - 1) expect(res.statusCode).toBe(200);
      else expect(res.statusCode).toBe(401);
    }
  });

  it('concurrent requests whose session lookups share one statement each get their own user; an ended session among them gets 401', async () => {
    const roles = ['surgeon', 'nurse', 'resident'] as const;
    const cookies = await Promise.all(roles.map(async (r) => cookieOf(await login(w.users[r].username, TEST_PASSWORD))));
    const ended = cookieOf(await login(w.users.nurse.username, TEST_PASSWORD));
    expect((await w.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: ended } })).statusCode).toBe(200);
    // Twelve requests at once: the lookups that wait while others are in flight go together (auth/sessions.ts).
    const asked = Array.from({ length: 12 }, (_, i) => i % 4);
    const answers = await Promise.all(
      asked.map((k) => w.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: k === 3 ? ended : cookies[k]! } })),
    );
    answers.forEach((res, i) => {
      const k = asked[i]!;
      if (k === 3) expect(res.statusCode).toBe(401);
      else expect(res.json<{ user: { username: string } }>().user.username).toBe(w.users[roles[k]!].username);
    });
  });

  it('refuses cross-site state-changing requests', async () => {
    const cookie = cookieOf(await login(w.users.nurse.username, TEST_PASSWORD));
    const res = await w.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie, origin: 'http://evil.example', host: 'localhost:8080' },
    });
    expect(res.statusCode).toBe(403);
    const fetchMeta = await w.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie, 'sec-fetch-site': 'cross-site' } });
    expect(fetchMeta.statusCode).toBe(403);
    expect((await w.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(200);
  });

  it('changing one’s password ends the other sessions and enforces the policy', async () => {
    const u = await aUser('resident', w.homeOrgId).build(w.db);
    const a = cookieOf(await login(u.username, TEST_PASSWORD));
    const b = cookieOf(await login(u.username, TEST_PASSWORD));
    const weak = await w.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { cookie: a },
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'short' },
    });
    expect(weak.statusCode).toBe(400);
    const ok = await w.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { cookie: a },
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'New-Passw0rd!' },
    });
    expect(ok.statusCode).toBe(200);
    expect((await w.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: a } })).statusCode).toBe(200);
    expect((await w.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: b } })).statusCode).toBe(401);
    expect((await login(u.username, 'New-Passw0rd!')).statusCode).toBe(200);
  });
});
