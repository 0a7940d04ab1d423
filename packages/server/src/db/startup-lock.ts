import pg from 'pg';

/** Advisory lock key for first-start setup (bootstrap, demo seed); migrations use 4_711_0001, the sealer 4_711_0002. */
const STARTUP_LOCK = 4_711_0003;

/**
 * Run `fn` while holding a session-level advisory lock on PostgreSQL (one connection of its own, held for the
 * whole of `fn`, which may use many pooled connections and transactions). On PGlite (no URL) the data-folder
 * lock already makes the process the only one.
 */
export async function withStartupLock<T>(databaseUrl: string | undefined, fn: () => Promise<T>): Promise<T> {
  if (!databaseUrl) return fn();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [STARTUP_LOCK]);
    return await fn();
  } finally {
    await client.query('select pg_advisory_unlock($1)', [STARTUP_LOCK]).catch(() => undefined);
    await client.end().catch(() => undefined);
  }
}
