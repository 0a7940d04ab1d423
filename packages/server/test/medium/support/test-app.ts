import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp, type App, type LogStream } from '../../../src/app.js';
import { ManualClock } from '../../../src/clock.js';
import { parseConfig, type Config } from '../../../src/config.js';
import type { Actor } from '../../../src/auth/actor.js';
import { permissionsOf, type Role } from '../../../src/auth/permissions.js';
import { bootstrap } from '../../../src/seed/bootstrap.js';
import { createTestDatabase, type TestDatabase } from './test-db.js';
import { base32Decode, totp } from '../../../src/auth/totp.js';
import { aUser, anOrganization, TEST_PASSWORD } from './builders.js';

export interface TestWorld {
  app: FastifyInstance;
  built: App;
  db: TestDatabase['db'];
  database: TestDatabase;
  clock: ManualClock;
  config: Config;
  homeOrgId: string;
  /** Two external hospitals (HOSP_A, HOSP_B in trust.md's fixture world). */
  orgA: string;
  orgB: string;
  /** One user per role at home (external_doctor at A), plus extB at B. */
  users: Record<Role | 'extB', { id: string; username: string }>;
  /** Sign in as a user; returns the cookie header value. */
  login(username: string, password?: string): Promise<string>;
  /**
   * Sign in with the second factor (MFA, issue 17): password, then the code — a 6-digit TOTP code, or computed from
   * a base32 secret at the manual clock's time. Returns the full session's cookie.
   */
  loginWithCode(username: string, code: string | { secret: string }, password?: string): Promise<string>;
  /** Cached cookie per role (login once per suite). */
  as(role: Role | 'extB'): Promise<string>;
  close(): Promise<void>;
}

const ALL_ROLES: Role[] = [
  'admin',
  'department_head',
  'surgeon',
  'resident',
  'nurse',
  'mdt_coordinator',
  'researcher',
  'student',
  'external_doctor',
  'security_admin',
  'audit_admin',
];

/** The actor of a home user of the world, for calling use cases and queries directly. */
export function actorOf(w: TestWorld, role: Exclude<Role, 'external_doctor'>): Actor {
  return {
    userId: w.users[role].id,
    username: w.users[role].username,
    displayName: role,
    role,
    organizationId: w.homeOrgId,
    organizationKind: 'home',
    permissions: permissionsOf(role),
    sessionId: null,
  };
}

export function cookieOf(res: LightMyRequestResponse): string {
  const raw = res.headers['set-cookie'];
  const list = Array.isArray(raw) ? raw : raw ? [raw] : [];
  const c = list.find((s) => s.startsWith('gisurg_session=') || s.startsWith('__Host-gisurg_session='));
  if (!c) throw new Error(`no session cookie (status ${res.statusCode}: ${res.body})`);
  return c.split(';')[0]!;
}

/** A whole app on a fresh database with a manual clock and one user per role. */
export async function createTestWorld(
  opts: { env?: Record<string, string>; startAt?: string; logStream?: LogStream } = {},
): Promise<TestWorld> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'gisurg-test-'));
  const config: Config = {
    // MFA is required of no role unless a suite says so (opts.env MFA_REQUIRED_ROLES): suites sign in with a password
    // only; medium/mfa.test.ts runs with the production default and completes the second step (loginWithCode).
    ...parseConfig({
      DATA_DIR: dataDir,
      GISURG_DEMO: '0',
      MFA_REQUIRED_ROLES: 'none',
      LOG_LEVEL: process.env.GISURG_TEST_LOG ?? 'silent',
      ...opts.env,
    }),
    sessionSecret: 'test-session-secret-0123456789abcdef',
  };
  const database = await createTestDatabase();
  const clock = new ManualClock(opts.startAt ?? '2026-11-26T02:00:00Z');
  const boot = await bootstrap(database.db, { adminPassword: TEST_PASSWORD, now: clock.now() });
  const orgA = (await anOrganization({ name: `HOSP_A-${Math.random().toString(36).slice(2, 8)}`, kind: 'primary' }).build(database.db)).id;
  const orgB = (await anOrganization({ name: `HOSP_B-${Math.random().toString(36).slice(2, 8)}`, kind: 'partner' }).build(database.db)).id;
  const users = {} as TestWorld['users'];
  for (const role of ALL_ROLES) {
    if (role === 'admin') {
      users.admin = { id: '', username: 'admin' };
      continue;
    }
    const u = await aUser(role, role === 'external_doctor' ? orgA : boot.homeOrganizationId).build(database.db);
    users[role] = { id: u.id, username: u.username };
  }
  const extB = await aUser('external_doctor', orgB).build(database.db);
  users.extB = { id: extB.id, username: extB.username };
  const built = await buildApp({
    config,
    database,
    clock,
    ...(opts.logStream ? { logStream: opts.logStream } : process.env.GISURG_TEST_LOG ? {} : { logger: false }),
  });
  await built.app.ready();
  const app = built.app;
  const cookies = new Map<string, string>();
  const login = async (username: string, password = TEST_PASSWORD) => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    return cookieOf(res);
  };
  const loginWithCode = async (username: string, code: string | { secret: string }, password = TEST_PASSWORD) => {
    const pending = await login(username, password);
    const value = typeof code === 'string' ? code : totp(base32Decode(code.secret), clock.now());
    const res = await app.inject({ method: 'POST', url: '/api/auth/mfa/verify', headers: { cookie: pending }, payload: { code: value } });
    return cookieOf(res);
  };
  const world: TestWorld = {
    app,
    built,
    db: database.db,
    database,
    clock,
    config,
    homeOrgId: boot.homeOrganizationId,
    orgA,
    orgB,
    users,
    login,
    loginWithCode,
    async as(role) {
      const key = role;
      const cached = cookies.get(key);
      if (cached) return cached;
      const c = await login(users[role].username);
      cookies.set(key, c);
      return c;
    },
    async close() {
      await app.close();
      await database.destroy();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  const [admin] = await database.db.query.users.findMany({ where: (u, { eq }) => eq(u.username, 'admin'), limit: 1 });
  users.admin.id = admin!.id;
  return world;
}

/** Requests as a demo role through the real HTTP layer, and `ok` to unwrap an expected status. */
export function apiCalls(w: TestWorld) {
  const call = async (
    who: Parameters<TestWorld['as']>[0],
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    payload?: unknown,
  ): Promise<LightMyRequestResponse> =>
    w.app.inject({ method, url, headers: { cookie: await w.as(who) }, ...(payload !== undefined ? { payload: payload as object } : {}) });
  const ok = <T>(res: LightMyRequestResponse, status = 200): T => {
    if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode}: ${res.body}`);
    return res.json<T>();
  };
  return { call, ok };
}
