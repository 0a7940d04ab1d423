import { eq, sql } from 'drizzle-orm';
import { ConfigError } from '../config.js';
import { appSettings } from '../db/schema/index.js';
import type { Db } from '../db/types.js';
import { sessionTokenHash } from './sessions.js';

export const SESSION_SECRET_CHECK_KEY = 'session_secret_check';

/**
 * Several app processes on one PostgreSQL must share SESSION_SECRET: the database stores HMAC(secret, token),
 * so a process with another secret (e.g. one generated into its own DATA_DIR) would not recognise sessions
 * made by the others — sign-ins would seem to fail at random behind a load balancer. The database keeps a
 * fingerprint of the secret (an HMAC of a fixed text, not the secret); a process whose secret does not match
 * refuses to start. `SESSION_SECRET_ROTATE=1` records the new one on purpose (every session then ends).
 */
export async function checkSessionSecret(db: Db, secret: string, rotate: boolean, now: Date): Promise<'recorded' | 'same' | 'rotated'> {
  const fingerprint = sessionTokenHash(secret, 'gisurg-session-secret-check');
  const inserted = await db
    .insert(appSettings)
    .values({ key: SESSION_SECRET_CHECK_KEY, value: fingerprint, updatedAt: now })
    .onConflictDoNothing()
    .returning({ key: appSettings.key });
  if (inserted.length > 0) return 'recorded';
  const [row] = await db.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.key, SESSION_SECRET_CHECK_KEY));
  if (row?.value === fingerprint) return 'same';
  if (!rotate) {
    throw new ConfigError([
      'SESSION_SECRET: differs from the one the other GISurg processes on this database use. Give every process the same ' +
        'SESSION_SECRET (or DATA_DIR/session-secret), or set SESSION_SECRET_ROTATE=1 once to change it (every session ends).',
    ]);
  }
  await db.transaction(async (tx) => {
    await tx.update(appSettings).set({ value: fingerprint, updatedAt: now }).where(eq(appSettings.key, SESSION_SECRET_CHECK_KEY));
    await tx.execute(sql`update sessions set revoked_at = ${now}, revoke_reason = 'secret_rotated' where revoked_at is null`);
  });
  return 'rotated';
}
