import v8 from 'node:v8';
import vm from 'node:vm';
import type { Config } from './config.js';
import { learnVersion, openDatabase, workerDatabase, type Database } from './db/connection.js';
import { acquireDataDirLock, type DataDirLock } from './db/lock.js';
import { prepareNewPgliteDir } from './db/pglite-template.js';
import { pgliteDirOf, type EarlyPglite } from './db/early-pglite.js';
import { applyMigrations, grantAppRole } from './db/migrate.js';
import { sql } from 'drizzle-orm';
import { queryRows } from './db/sql.js';

export interface Runtime {
  config: Config;
  database: Database;
  lock: DataDirLock | null;
  /** The embedded database was made this start (an empty DATA_DIR): from the build's template or by initdb. */
  created: 'template' | 'initdb' | null;
  close(): Promise<void>;
}

/** A full garbage collection without starting node with --expose-gc (used once, after initdb). */
function collectGarbage(): void {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as (() => void) | undefined;
  gc?.();
}

export { pgliteDirOf } from './db/early-pglite.js';

/** Migrations as the owner role, then the app role's rights (PostgreSQL with MIGRATION_DATABASE_URL). */
async function migrateAsOwner(ownerUrl: string, app: Database): Promise<void> {
  const owner = await openDatabase({ databaseUrl: ownerUrl, poolMax: 1 });
  try {
    await applyMigrations(owner);
    const current = async (d: Database) => (await queryRows<{ u: string }>(d.db, sql`select current_user as u`))[0]!.u;
    const appRole = await current(app);
    if (appRole !== (await current(owner))) await grantAppRole(owner, appRole);
  } finally {
    await owner.close();
  }
}

/**
 * Open the database the configuration names — PGlite under DATA_DIR (taking the folder lock first) or
 * PostgreSQL by URL — and apply pending migrations. `early`: the embedded database main.ts started opening
 * before loading the server (openPgliteEarly; it holds the lock already). `onDatabase`: told the database the runtime
 * will hold as soon as it exists — with `early`, while PGlite still opens and migrates (its statements wait until
 * then), so that `serve` builds the HTTP app meanwhile (issue 18, start-up); it must not query the database before
 * openRuntime returns.
 */
export async function openRuntime(
  config: Config,
  early?: EarlyPglite | null,
  opts: { onDatabase?: (database: Database) => void } = {},
): Promise<Runtime> {
  const lock = early ? early.lock : config.databaseUrl ? null : acquireDataDirLock(config.dataDir);
  try {
    const pgliteDir = config.databaseUrl ? undefined : pgliteDirOf(config);
    const created = early ? early.created : pgliteDir === undefined ? null : prepareNewPgliteDir(pgliteDir);
    const fresh = created === 'initdb';
    let database: Database;
    if (early) {
      database = workerDatabase(early.client);
      if (!fresh) opts.onDatabase?.(database);
      await early.opened;
      await learnVersion(database);
    } else {
      database = await openDatabase({
        databaseUrl: config.databaseUrl,
        pgliteDir,
        pgliteWorker: config.pgliteWorker,
        pgliteSharedBuffers: config.pgliteSharedBuffers,
      });
    }
    if (config.migrationDatabaseUrl) await migrateAsOwner(config.migrationDatabaseUrl, database);
    else await applyMigrations(database);
    if (fresh) {
      // initdb leaves PGlite's WASM heap at ~900 MB; a reopened instance needs about half
      // (docs/performance.md). V8 only frees the old heap at a full GC, so ask for one now.
      await database.close();
      collectGarbage();
      database = await openDatabase({ pgliteDir, pgliteWorker: config.pgliteWorker, pgliteSharedBuffers: config.pgliteSharedBuffers });
    }
    if (!early || fresh) opts.onDatabase?.(database);
    return {
      config,
      database,
      lock,
      created,
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
