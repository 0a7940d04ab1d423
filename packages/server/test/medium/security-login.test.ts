import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/db/schema/index.js';
import { aUser, TEST_PASSWORD } from './support/builders.js';
import { createTestWorld, type TestWorld } from './support/test-app.js';

/**
 * Failure 1 of issue 17: hundreds of wrong passwords sent at once must not all be checked. The lockout
 * (5 per account) and the per-address limit hold under any concurrency, on both engines.
 */
let w: TestWorld;
beforeAll(async () => {
  w = await createTestWorld();
});
afterAll(async () => w.close());

const attempt = (username: string, password: string, remoteAddress: string) =>
  w.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress });

async function checked(reason: string, username?: string): Promise<number> {
  const rows = await w.db
    .select({ n: sql<number>`count(*)::int` })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.action, 'auth.login'),
        sql`${auditLog.details}->>'reason' = ${reason}`,
        ...(username ? [sql`${auditLog.details}->>'username' = ${username}`] : []),
      ),
    );
  return rows[0]!.n;
}

describe('concurrent password guessing', () => {
  it('checks at most 5 passwords of one account when 200 wrong ones arrive at once, then refuses the right one', async () => {
    const u = await aUser('surgeon', w.homeOrgId).build(w.db);
    const res = await Promise.all(
      Array.from({ length: 200 }, (_, i) => attempt(u.username, `Wrong-pass-${i}`, `10.1.${i >> 8}.${i & 255}`)),
    );
    expect(res.every((r) => r.statusCode === 401)).toBe(true);
    expect(await checked('bad_password', u.username)).toBe(5);
    expect(await checked('locked', u.username)).toBe(195);
    // Every attempt left an audit row, and the right password is still refused while the lock lasts.
    expect((await attempt(u.username, TEST_PASSWORD, '10.2.0.1')).statusCode).toBe(401);
    w.clock.advance(15 * 60_000 + 1000);
    expect((await attempt(u.username, TEST_PASSWORD, '10.2.0.1')).statusCode).toBe(200);
  });

  it('lets at most the per-address limit through when 300 guesses at different accounts arrive at once', async () => {
    const limit = w.config.login.ipMaxFailures;
    const res = await Promise.all(Array.from({ length: 300 }, (_, i) => attempt(`nobody-${i}`, 'Wrong-pass1', '10.3.3.3')));
    expect(res.filter((r) => r.statusCode === 401)).toHaveLength(limit);
    expect(res.filter((r) => r.statusCode === 429)).toHaveLength(300 - limit);
    // Nothing was checked beyond the limit, and every attempt was audited.
    const throttled = await w.db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'auth.login'), eq(auditLog.clientIp, '10.3.3.3')));
    expect(throttled[0]!.n).toBe(300);
    expect((await attempt(w.users.nurse.username, TEST_PASSWORD, '10.3.3.3')).statusCode).toBe(429);
    // Correct sign-ins from one ward PC do not use up its allowance.
    for (let i = 0; i < limit + 5; i += 1) expect((await attempt(w.users.nurse.username, TEST_PASSWORD, '10.4.4.4')).statusCode).toBe(200);
  });
});
