/**
 * What several bench scripts share: a signed-in reader of the right role. The admin that bootstrap creates
 * has no clinical or quality permission (separated duties, issue 17), so a bench that reads patients, the
 * ward or the dashboard signs in as a user of the role that does.
 */
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import type { Role } from '@gisurg/contracts/auth';
import { hashPassword } from '../packages/server/src/auth/passwords.js';
import type { Database } from '../packages/server/src/db/connection.js';
import { users } from '../packages/server/src/db/schema/index.js';

export const BENCH_PASSWORD = 'Bench-User-1';

/** A user of `role` in the home department (password BENCH_PASSWORD). */
export async function addBenchUser(
  database: Database,
  boot: { homeOrganizationId: string; departmentId: string },
  role: Role,
  username: string,
  displayName = '基准用户',
): Promise<string> {
  const [row] = await database.db
    .insert(users)
    .values({
      username,
      displayName,
      role,
      organizationId: boot.homeOrganizationId,
      departmentId: boot.departmentId,
      passwordHash: await hashPassword(BENCH_PASSWORD),
    })
    .returning({ id: users.id });
  return row!.id;
}

/** Sign in through the real route; returns the session cookie. */
export async function benchLogin(app: FastifyInstance, username: string): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: BENCH_PASSWORD } });
  if (res.statusCode !== 200) throw new Error(`sign-in as ${username}: ${res.statusCode} ${res.body}`);
  return String(res.headers['set-cookie']).split(';')[0]!;
}

/** The PostgreSQL server the benches use: BENCH_DATABASE_URL, or the local one. */
export const BENCH_ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A new, empty database `<prefix>_<time>` on that server: its URL, its name, and how to drop it afterwards. */
export async function createBenchDatabase(prefix: string): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${Date.now()}`;
  const admin = async (statement: string) => {
    const c = new pg.Client({ connectionString: BENCH_ADMIN_URL });
    await c.connect();
    try {
      await c.query(statement);
    } finally {
      await c.end();
    }
  };
  await admin(`create database ${name}`);
  const url = new URL(BENCH_ADMIN_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), name, drop: () => admin(`drop database ${name} with (force)`) };
}
