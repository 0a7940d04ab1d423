import { eq } from 'drizzle-orm';
import { users } from '../db/schema/index.js';
import { generatePassword, hashPassword } from '../auth/passwords.js';
import { revokeUserSessions } from '../auth/sessions.js';
import { recordAudit } from '../audit/record.js';
import type { Config } from '../config.js';
import { openRuntime } from '../runtime.js';

/** `gisurg reset-password <username>`: set a generated password, unlock, end sessions; prints it once. */
export async function resetPassword(config: Config, username: string): Promise<number> {
  const runtime = await openRuntime(config);
  try {
    const { db } = runtime.database;
    const [user] = await db.select({ id: users.id }).from(users).where(eq(users.username, username.toLowerCase()));
    if (!user) {
      process.stderr.write(`No user named "${username}".\n`);
      return 1;
    }
    const password = generatePassword();
    const hash = await hashPassword(password);
    const now = new Date();
    await db.transaction(async (tx) => {
      await tx
        .update(users)
        .set({ passwordHash: hash, passwordChangedAt: now, lockedUntil: null, failedAttempts: 0 })
        .where(eq(users.id, user.id));
      await revokeUserSessions(tx, user.id, 'password_reset_cli', now);
      await recordAudit(tx, { requestId: 'cli', clientIp: null, userAgent: 'gisurg-cli' }, null, {
        action: 'user.password_reset',
        outcome: 'success',
        resourceType: 'user',
        resourceId: user.id,
        details: { via: 'cli' },
      });
    });
    process.stdout.write(`New password for ${username}: ${password}\n`);
    return 0;
  } finally {
    await runtime.close();
  }
}
