import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/app.js';
import { checkSessionSecret } from '../../src/auth/session-secret-check.js';
import { ConfigError } from '../../src/config.js';
import { queryRows } from '../../src/db/sql.js';
import { createTestWorld, type TestWorld } from './support/test-app.js';

/**
 * State that several app processes share through the database (issue 18, docs/operations.md): here a second
 * app instance on the same database stands in for a second process (test/process/two-processes.test.ts runs
 * real processes on PostgreSQL).
 */
let w: TestWorld;
let second: App;
beforeAll(async () => {
  w = await createTestWorld();
  second = await buildApp({ config: w.config, database: w.database, clock: w.clock, logger: false });
  await second.app.ready();
});
afterAll(async () => {
  await second.app.close();
  await w.close();
});

describe('state shared by app processes', () => {
  it('the public questionnaire limit (30 a minute per address) counts requests through both instances together', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 31; i += 1) {
      const app = i % 2 ? second.app : w.app;
      statuses.push((await app.inject({ method: 'POST', url: '/api/pro/questionnaire', payload: { token: `bad-${i}` } })).statusCode);
    }
    expect(statuses.slice(0, 30).every((s) => s === 404)).toBe(true);
    expect(statuses[30]).toBe(429);
    w.clock.advance(61_000);
    expect((await second.app.inject({ method: 'POST', url: '/api/pro/questionnaire', payload: { token: 'x' } })).statusCode).toBe(404);
  });

  it('a process whose session secret differs from the one recorded refuses to start, unless rotating on purpose', async () => {
    const now = w.clock.now();
    const cookie = await w.as('surgeon');
    expect(await checkSessionSecret(w.db, 'secret-one-0123456789abcdef0123456789', false, now)).toBe('recorded');
    expect(await checkSessionSecret(w.db, 'secret-one-0123456789abcdef0123456789', false, now)).toBe('same');
    await expect(checkSessionSecret(w.db, 'secret-two-0123456789abcdef0123456789', false, now)).rejects.toBeInstanceOf(ConfigError);
    const [stored] = await queryRows<{ v: string }>(
      w.db,
      sql`select value #>> '{}' as v from app_settings where key = 'session_secret_check'`,
    );
    expect(stored!.v).not.toContain('secret-one'); // a fingerprint, not the secret
    expect(await checkSessionSecret(w.db, 'secret-two-0123456789abcdef0123456789', true, now)).toBe('rotated');
    expect((await w.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
    expect(await checkSessionSecret(w.db, 'secret-two-0123456789abcdef0123456789', false, now)).toBe('same');
  });
});
