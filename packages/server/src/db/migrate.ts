import { sql } from 'drizzle-orm';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { Database } from './connection.js';
import { migrationsFolder } from './migrations-folder.js';

export { migrationsFolder };

/** Lock key so two app instances sharing one PostgreSQL never migrate at once. */
const MIGRATION_LOCK = 4_711_0001;

/** Apply the committed, forward-only migrations (drizzle-kit) on either engine. */
export async function applyMigrations(database: Database): Promise<void> {
  if (database.engine === 'pglite') {
    await migratePglite(database.db as unknown as PgliteDatabase, { migrationsFolder });
    return;
  }
  const db = database.db as unknown as NodePgDatabase;
  // Session-level advisory lock on one pooled connection for the whole migration.
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${MIGRATION_LOCK})`);
    await tx.execute(sql`set local lock_timeout = '10s'`);
    await migratePg(tx as unknown as NodePgDatabase, { migrationsFolder });
  });
}

/**
 * Separated database roles (issue 17 failure 5, docs/security.md): after the owner migrated, give the app role
 * data rights on every table but only SELECT, INSERT and the sealer's UPDATE of the chain columns on audit_log.
 * The app does not own audit_log, so it cannot disable the append-only trigger (0001) that keeps sealed rows fixed.
 * Run on the owner's connection; idempotent (it runs at every start, so new tables are covered).
 */
export async function grantAppRole(owner: Database, appRole: string): Promise<void> {
  const role = `"${appRole.replace(/"/g, '""')}"`;
  await owner.db.transaction(async (tx) => {
    await tx.execute(sql.raw(`grant usage on schema public to ${role}`));
    await tx.execute(sql.raw(`grant select, insert, update, delete on all tables in schema public to ${role}`));
    await tx.execute(sql.raw(`grant usage, select, update on all sequences in schema public to ${role}`));
    await tx.execute(sql.raw(`revoke update, delete, truncate, trigger, references on audit_log from ${role}`));
    await tx.execute(sql.raw(`grant select, insert on audit_log to ${role}`));
    await tx.execute(sql.raw(`grant update (chain_seq, prev_hash, hash) on audit_log to ${role}`));
  });
}
