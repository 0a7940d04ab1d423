import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from './schema/index.js';
import type { Db, Engine } from './types.js';
import { queryRows } from './sql.js';
import { PgliteWorkerClient } from './pglite-worker-client.js';
import { pgliteStartParams, type SharedBuffersSetting } from './pglite-buffers.js';

export interface Database {
  db: Db;
  engine: Engine;
  /** Server version string, e.g. "15.19". */
  version: string;
  close(): Promise<void>;
  /** PGlite only: the whole data directory as a tarball (test fixtures load it with `pgliteImage`). */
  dumpImage?: () => Promise<Blob>;
  /**
   * PGlite in its worker only: the same database for a bulk load in one transaction (the first start's demo seed),
   * whose writes without RETURNING are pipelined (ADR 0023). Elsewhere the load uses `db`.
   */
  bulkDb?: Db;
}

/**
 * One dialect, two engines (ADR 0001): PGlite in-process under `dataDir` (or in memory when dataDir is
 * undefined, for tests), or PostgreSQL 15+ via `pg` when a URL is given.
 */
export async function openDatabase(opts: {
  databaseUrl?: string | undefined;
  pgliteDir?: string | undefined;
  /** In-memory PGlite started from a data-directory tarball made by `dumpImage` (tests' seeded fixtures). */
  pgliteImage?: Blob | undefined;
  poolMax?: number;
  /**
   * PGlite in a worker thread (db/pglite-worker-client.ts, ADR 0016): SQL on one core, HTTP on the other.
   * The server's default (`PGLITE_WORKER`); tools and most tests open PGlite in-process.
   */
  pgliteWorker?: boolean;
  /** PGlite's buffer pool (`PGLITE_SHARED_BUFFERS`, db/pglite-buffers.ts): sized to the database by default. */
  pgliteSharedBuffers?: SharedBuffersSetting;
}): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: opts.poolMax ?? 10,
      // Keep the server's clock as the source of truth for timestamps; sessions speak UTC. No JIT: on the
      // 1,000,000-patient database (issue 18 "Scale") compiling the survival cohort query took 4.1 s of its
      // 10 s and a year of occupancy 0.26 s; the app's queries are short reads that JIT never pays back.
      options: '-c TimeZone=UTC -c jit=off',
    });
    pool.on('error', () => {
      /* an idle client's connection died; the pool replaces it */
    });
    const db = drizzlePg({ client: pool, schema }) as unknown as Db;
    const version = await serverVersion(db);
    return { db, engine: 'postgresql', version, close: () => pool.end() };
  }
  const startParams = pgliteStartParams(opts);
  if (opts.pgliteWorker) {
    const client = await PgliteWorkerClient.open({ dataDir: opts.pgliteDir, image: opts.pgliteImage, startParams });
    const database = workerDatabase(client);
    await learnVersion(database);
    return database;
  }
  const options = { startParams: [...PGlite.defaultStartParams, ...startParams] };
  const client = opts.pgliteDir
    ? new PGlite(opts.pgliteDir, options)
    : opts.pgliteImage
      ? new PGlite({ loadDataDir: opts.pgliteImage, ...options })
      : new PGlite(options);
  await client.waitReady;
  await client.exec(`SET TIME ZONE 'UTC'`);
  const db = drizzlePglite({ client, schema }) as unknown as Db;
  const version = await serverVersion(db);
  return {
    db,
    engine: 'pglite',
    version,
    close: () => client.close(),
    dumpImage: async () => client.dumpDataDir('none'),
  };
}

/**
 * The database in a worker, at once — also while the worker still opens it (`PgliteWorkerClient.start`: its statements
 * wait); `version` is filled in by whoever awaits it (`learnVersion`).
 */
export function workerDatabase(client: PgliteWorkerClient): Database {
  // Drizzle's PGlite driver calls only query/exec/transaction, which the worker client provides.
  return {
    db: drizzlePglite({ client: client as unknown as PGlite, schema }),
    engine: 'pglite',
    version: 'unknown',
    close: () => client.close(),
    dumpImage: () => client.dumpDataDir('none'),
    bulkDb: drizzlePglite({ client: client.pipelined() as unknown as PGlite, schema }),
  };
}

/** Ask the database its version (for the start-up line and /api/health). */
export async function learnVersion(database: Database): Promise<void> {
  database.version = await serverVersion(database.db);
}

async function serverVersion(db: Db): Promise<string> {
  const [r] = await queryRows<{ server_version: string }>(db, sql`show server_version`);
  return String(r?.server_version ?? 'unknown').split(' ')[0] ?? 'unknown';
}
