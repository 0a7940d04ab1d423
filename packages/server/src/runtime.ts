import path from 'node:path';
import type { Config } from './config.js';
import { openDatabase, type Database } from './db/connection.js';
import { acquireDataDirLock, type DataDirLock } from './db/lock.js';
import { applyMigrations } from './db/migrate.js';

export interface Runtime {
  config: Config;
  database: Database;
  lock: DataDirLock | null;
  close(): Promise<void>;
}

/** Where the embedded database lives inside DATA_DIR. */
export function pgliteDirOf(config: Config): string {
  return path.join(config.dataDir, 'pglite');
}

/**
 * Open the database the configuration names — PGlite under DATA_DIR (taking the folder lock first) or
 * PostgreSQL by URL — and apply pending migrations.
 */
export async function openRuntime(config: Config): Promise<Runtime> {
  const lock = config.databaseUrl ? null : acquireDataDirLock(config.dataDir);
  try {
    const database = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: config.databaseUrl ? undefined : pgliteDirOf(config) });
    await applyMigrations(database);
    return {
      config,
      database,
      lock,
      async close() {
        await database.close();
        lock?.release();
      },
    };
  } catch (e) {
    lock?.release();
    throw e;
  }
}
