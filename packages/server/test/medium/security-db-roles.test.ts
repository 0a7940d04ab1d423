import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { sealPending } from '../../src/audit/sealer.js';
import { ManualClock } from '../../src/clock.js';
import { ConfigError, parseConfig } from '../../src/config.js';
import type { Db } from '../../src/db/types.js';
import { queryRows } from '../../src/db/sql.js';
import { openRuntime, type Runtime } from '../../src/runtime.js';
import { bootstrap } from '../../src/seed/bootstrap.js';
import { TEST_PASSWORD } from './support/builders.js';
import { createTestDatabase, testEngine, type TestDatabase } from './support/test-db.js';

/**
 * Issue 17 failure 5: the app's database role owned audit_log, so it could disable the append-only trigger and
 * rewrite sealed rows. On PostgreSQL with MIGRATION_DATABASE_URL the owner migrates and the app runs as a role
 * with SELECT, INSERT and the sealer's UPDATE of the chain columns only. PGlite has one role: what it cannot
 * protect is asserted too (docs/security.md).
 */
const sqlState = (e: unknown): string | undefined => {
  const x = e as { code?: string; cause?: { code?: string } };
  return x.cause?.code ?? x.code;
};
async function refused(db: Db, statement: string): Promise<string | undefined> {
  try {
    await db.execute(sql.raw(statement));
  } catch (e) {
    return sqlState(e);
  }
  return 'accepted';
}

describe('separated database roles: configuration', () => {
  it('refuses MIGRATION_DATABASE_URL without DATABASE_URL (PGlite has no roles to separate)', () => {
    expect(() => parseConfig({ DATA_DIR: '/tmp/x', MIGRATION_DATABASE_URL: 'postgres://owner@127.0.0.1/db' })).toThrow(ConfigError);
  });
});

describe('the database role that ran the migrations (single URL, the default)', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database.destroy());

  it('owns audit_log and so can switch its guard off: the weakness separated roles remove', async () => {
    expect(await refused(database.db, 'alter table audit_log disable trigger user')).toBe('accepted');
    await database.db.execute(sql`alter table audit_log enable trigger user`);
  });
});

describe.runIf(testEngine() === 'postgresql')('PostgreSQL with separated roles (MIGRATION_DATABASE_URL)', () => {
  const base = process.env.TEST_DATABASE_URL ?? '';
  const suffix = randomBytes(5).toString('hex');
  const dbName = `gisurg_roles_${suffix}`;
  const appRole = `gisurg_app_${suffix}`;
  let runtime: Runtime;
  let dataDir: string;
  const superuser = async (q: string) => {
    const c = new pg.Client({ connectionString: base });
    await c.connect();
    try {
      await c.query(q);
    } finally {
      await c.end();
    }
  };
  const urlFor = (user: string) => {
    const u = new URL(base);
    u.username = user;
    u.pathname = `/${dbName}`;
    return u.toString();
  };

  beforeAll(async () => {
    await superuser(`create role ${appRole} login`);
    await superuser(`create database ${dbName}`);
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'gisurg-roles-'));
    const owner = new URL(base).username || 'postgres';
    const config = {
      ...parseConfig({ DATA_DIR: dataDir, DATABASE_URL: urlFor(appRole), MIGRATION_DATABASE_URL: urlFor(owner), GISURG_DEMO: '0' }),
      sessionSecret: 'test-session-secret-0123456789abcdef',
    };
    runtime = await openRuntime(config);
  });
  afterAll(async () => {
    await runtime?.close();
    await superuser(`drop database if exists ${dbName} with (force)`);
    await superuser(`drop role if exists ${appRole}`);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs the app as a role that does not own the tables', async () => {
    const [r] = await queryRows<{ me: string; owner: string }>(
      runtime.database.db,
      sql`select current_user as me, tableowner as owner from pg_tables where tablename = 'audit_log'`,
    );
    expect(r!.me).toBe(appRole);
    expect(r!.owner).not.toBe(appRole);
  });

  it('works normally as the app role: bootstrap, sign-in (audited), sealing', async () => {
    const clock = new ManualClock('2026-11-26T02:00:00Z');
    await bootstrap(runtime.database.db, { adminPassword: TEST_PASSWORD, now: clock.now() });
    const built = await buildApp({ config: runtime.config, database: runtime.database, clock, logger: false });
    try {
      const res = await built.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'admin', password: TEST_PASSWORD },
      });
      expect(res.statusCode).toBe(200);
    } finally {
      await built.app.close();
    }
    expect(await sealPending(runtime.database.db)).toBeGreaterThan(0);
    const [n] = await queryRows<{ n: number }>(
      runtime.database.db,
      sql`select count(*)::int as n from audit_log where action = 'auth.login' and chain_seq is not null`,
    );
    expect(n!.n).toBe(1);
  });

  it('cannot update, delete, truncate or unguard audit rows', async () => {
    const db = runtime.database.db;
    expect(await refused(db, `update audit_log set action = 'forged'`)).toBe('42501');
    expect(await refused(db, 'delete from audit_log')).toBe('42501');
    expect(await refused(db, 'truncate audit_log')).toBe('42501');
    expect(await refused(db, 'alter table audit_log disable trigger user')).toBe('42501');
    expect(await refused(db, 'drop trigger audit_log_no_update_delete on audit_log')).toBe('42501');
    // The chain columns it may set (for the sealer) stay fixed once sealed: the trigger still guards them.
    expect(await refused(db, `update audit_log set hash = 'forged' where chain_seq = 1`)).toBe('42501');
    const [row] = await queryRows<{ hash: string }>(db, sql`select hash from audit_log where chain_seq = 1`);
    expect(row!.hash).not.toBe('forged');
  });
});
