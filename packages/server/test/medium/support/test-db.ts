import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../../src/db/connection.js';
import { applyMigrations } from '../../../src/db/migrate.js';

export type TestEngine = 'pglite' | 'postgresql';

export function testEngine(): TestEngine {
  return process.env.GISURG_TEST_ENGINE === 'postgresql' ? 'postgresql' : 'pglite';
}

export interface TestDatabase extends Database {
  /** Drops the database (PostgreSQL) or closes the in-memory instance (PGlite). */
  destroy(): Promise<void>;
  /** The connection URL of this suite's own database (PostgreSQL only). */
  url: string | null;
}

/**
 * A fresh, migrated database per suite: in-memory PGlite, or on PostgreSQL (TEST_DATABASE_URL) a new
 * database created for the suite and dropped after, so suites never share rows.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (testEngine() === 'pglite') {
    const database = await openDatabase({});
    await applyMigrations(database);
    return { ...database, url: null, destroy: () => database.close() };
  }
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error('GISURG_TEST_ENGINE=postgresql needs TEST_DATABASE_URL');
  const name = `gisurg_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), poolMax: 8 });
  await applyMigrations(database);
  return {
    ...database,
    url: url.toString(),
    async destroy() {
      await database.close();
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
