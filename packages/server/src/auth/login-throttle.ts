import { sql } from 'drizzle-orm';
import { queryRows } from '../db/sql.js';
import type { Db } from '../db/types.js';
import { users } from '../db/schema/index.js';

/**
 * Sign-in limits (trust.md S9) as atomic reservations in the database: an attempt first takes a slot, in ONE
 * statement that checks and counts together (the row lock of UPDATE / INSERT … ON CONFLICT serialises
 * concurrent attempts on PostgreSQL; PGlite runs statements one at a time), and only then is the password
 * checked. So no more than the limit is ever checked, however many requests arrive at once and however many
 * processes serve them.
 *
 * - Per client address: failures within a fixed window; a successful sign-in gives its slot back, so a ward
 *   PC where many staff sign in correctly is not locked out, while password spraying is.
 * - Per account: `users.failed_attempts` counts attempts in flight and failed; the attempt that takes the
 *   last slot also sets `locked_until`, so a crash between check and count can never leave the account open.
 *   A successful sign-in resets both.
 */
export class LoginThrottle {
  constructor(
    private readonly maxFailures: number,
    private readonly windowMs: number,
  ) {}

  /** Take a slot for this address; false when the address is over its limit. */
  async reserveAddress(db: Db, address: string, now: Date): Promise<boolean> {
    const cutoff = new Date(now.getTime() - this.windowMs);
    const rows = await queryRows<{ failures: number }>(
      db,
      sql`insert into login_throttle (address, window_start, failures) values (${address}, ${now}, 1)
          on conflict (address) do update set
            failures = case when login_throttle.window_start <= ${cutoff} then 1 else login_throttle.failures + 1 end,
            window_start = case when login_throttle.window_start <= ${cutoff} then ${now} else login_throttle.window_start end
          where login_throttle.window_start <= ${cutoff} or login_throttle.failures < ${this.maxFailures}
          returning failures`,
    );
    return rows.length === 1;
  }

  /** Give the slot back after a successful sign-in (successes do not count against an address). */
  async releaseAddress(db: Db, address: string): Promise<void> {
    await db.execute(sql`update login_throttle set failures = failures - 1 where address = ${address} and failures > 0`);
  }
}

/**
 * Take one of the account's `maxFailures` slots. Returns null when the account does not exist or is locked
 * (no slot left); otherwise whether this attempt took the last slot (and so locked the account until
 * `lockedUntil`, unless the password proves right).
 */
export async function reserveAccountAttempt(
  db: Db,
  username: string,
  now: Date,
  limits: { maxFailures: number; lockMs: number },
): Promise<{ lockedNow: boolean; lockedUntil: Date } | null> {
  const lockedUntil = new Date(now.getTime() + limits.lockMs);
  const expired = sql`(${users.lockedUntil} is not null and ${users.lockedUntil} <= ${now})`;
  const next = sql`(case when ${expired} then 1 else ${users.failedAttempts} + 1 end)`;
  const rows = await queryRows<{ failures: number }>(
    db,
    sql`update ${users} set
          failed_attempts = ${next},
          locked_until = case when ${next} >= ${limits.maxFailures} then ${lockedUntil}::timestamptz
                              when ${expired} then null else ${users.lockedUntil} end
        where ${users.username} = ${username}
          and (${expired} or (${users.lockedUntil} is null and ${users.failedAttempts} < ${limits.maxFailures}))
        returning failed_attempts as failures`,
  );
  const r = rows[0];
  return r ? { lockedNow: r.failures >= limits.maxFailures, lockedUntil } : null;
}
