import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { queryRows } from '../../src/db/sql.js';
import { sessions } from '../../src/db/schema/index.js';
import { JobQueue, runKeyOf, type JobDefinition } from '../../src/jobs/queue.js';
import { scheduledJobs } from '../../src/jobs/scheduled.js';
import { createTestWorld, type TestWorld } from './support/test-app.js';

let w: TestWorld;
beforeAll(async () => {
  w = await createTestWorld({ startAt: '2026-12-01T00:00:00Z' });
});
afterAll(async () => w.close());

const MIN = 60_000;

async function counter(key: string): Promise<number> {
  const [r] = await queryRows<{ v: number | null }>(w.db, sql`select (value #>> '{}')::int as v from app_settings where key = ${key}`);
  return Number(r?.v ?? 0);
}

/** A job that adds one to a counter in app_settings, in the claiming transaction. */
function counting(name: string, key: string, fail: { left: number } = { left: 0 }): JobDefinition {
  return {
    name,
    everyMs: 10 * MIN,
    mode: 'transaction',
    async run({ db }) {
      await db.execute(
        sql`insert into app_settings (key, value) values (${key}, '1'::jsonb)
            on conflict (key) do update set value = to_jsonb((app_settings.value #>> '{}')::int + 1)`,
      );
      if (fail.left > 0) {
        fail.left -= 1;
        throw new Error('job failed on purpose');
      }
      return { ok: true };
    },
  };
}

describe('job queue (ADR 0012-scale-job-queue)', () => {
  it('runs each slot exactly once when several processes schedule and work at the same time', async () => {
    const clock = new ManualClock('2026-12-01T00:00:00Z');
    const errors: unknown[] = [];
    const queues = ['a', 'b', 'c', 'd'].map(
      (id) =>
        new JobQueue(w.database, [counting('test.count', 'test.count')], {
          clock,
          pollMs: 1000,
          workerId: `worker-${id}`,
          onError: (e) => errors.push(e),
        }),
    );
    for (let slot = 0; slot < 5; slot += 1) {
      await Promise.all(queues.map(async (q) => (await q.schedule(), q.runDue())));
      clock.advance(10 * MIN);
    }
    expect(errors).toEqual([]);
    expect(await counter('test.count')).toBe(5);
    const rows = await queryRows<{ run_key: string; state: string; attempts: number; locked_by: string }>(
      w.db,
      sql`select run_key, state, attempts, locked_by from jobs where name = 'test.count' order by run_key`,
    );
    expect(rows.map((r) => r.run_key)).toEqual([0, 1, 2, 3, 4].map((i) => new Date(Date.UTC(2026, 11, 1, 0, i * 10)).toISOString()));
    expect(rows.every((r) => r.state === 'done' && Number(r.attempts) === 1)).toBe(true);
  });

  it('rolls back a failed run with its writes, retries it after a back-off and gives up after maxAttempts', async () => {
    const clock = new ManualClock('2026-12-02T00:00:00Z');
    const errors: unknown[] = [];
    const fail = { left: 1 };
    const q = new JobQueue(w.database, [counting('test.flaky', 'test.flaky', fail)], {
      clock,
      pollMs: 1000,
      onError: (e) => errors.push(e),
      maxAttempts: 2,
    });
    await q.schedule();
    expect(await q.runDue()).toBe(1);
    expect(errors).toHaveLength(1);
    expect(await counter('test.flaky')).toBe(0); // the failed run's write rolled back
    expect(await q.runDue()).toBe(0); // backing off
    clock.advance(3 * MIN);
    expect(await q.runDue()).toBe(1);
    expect(await counter('test.flaky')).toBe(1);
    const [row] = await queryRows<{ state: string; attempts: number }>(
      w.db,
      sql`select state, attempts from jobs where name = 'test.flaky'`,
    );
    expect(row).toMatchObject({ state: 'done' });
    expect(Number(row!.attempts)).toBe(2);

    const always = { left: 99 };
    const q2 = new JobQueue(w.database, [counting('test.broken', 'test.broken', always)], {
      clock,
      pollMs: 1000,
      onError: () => {},
      maxAttempts: 2,
    });
    await q2.schedule();
    await q2.runDue();
    clock.advance(3 * MIN);
    await q2.runDue();
    const [broken] = await queryRows<{ state: string; last_error: string }>(
      w.db,
      sql`select state, last_error from jobs where name = 'test.broken'`,
    );
    expect(broken).toEqual({ state: 'failed', last_error: 'job failed on purpose' });
  });

  it('gives a lease job whose process died to another process once the lease has expired', async () => {
    const clock = new ManualClock('2026-12-03T00:00:00Z');
    let runs = 0;
    const def: JobDefinition = {
      name: 'test.lease',
      everyMs: 60 * MIN,
      mode: 'lease',
      async run() {
        runs += 1;
      },
    };
    await w.db.execute(
      sql`insert into jobs (name, run_key, run_at, state, attempts, locked_by, locked_until)
          values ('test.lease', ${runKeyOf(clock.now(), 60 * MIN).runKey}, ${clock.now()}, 'running', 1, 'dead:1', ${new Date(clock.now().getTime() + 5 * MIN)})`,
    );
    const q = new JobQueue(w.database, [def], { clock, pollMs: 1000, onError: () => {}, leaseMs: 5 * MIN });
    await q.tick();
    expect(runs).toBe(0); // the lease still holds
    clock.advance(6 * MIN);
    await q.tick();
    expect(runs).toBe(1);
    const [row] = await queryRows<{ state: string; locked_by: string }>(
      w.db,
      sql`select state, locked_by from jobs where name = 'test.lease'`,
    );
    expect(row).toEqual({ state: 'done', locked_by: q.workerId });
  });

  it('housekeeping deletes ended sessions and old limit windows once per hour, with an audit row', async () => {
    const now = new Date('2026-12-04T10:20:00Z');
    const clock = new ManualClock(now);
    const old = new Date(now.getTime() - 3 * 86_400_000);
    await w.db.insert(sessions).values({
      tokenHash: `old-${Math.random()}`,
      userId: w.users.surgeon.id,
      createdAt: old,
      lastSeenAt: old,
      expiresAt: new Date(old.getTime() + 3_600_000),
    });
    await w.db.execute(sql`insert into request_limits (bucket, key, window_start, hits) values ('t', 'x', ${old}, 3)`);
    const defs = scheduledJobs(w.config, w.database);
    const q1 = new JobQueue(w.database, defs, { clock, pollMs: 1000, onError: (e) => expect.fail(String(e)) });
    const q2 = new JobQueue(w.database, defs, { clock, pollMs: 1000, onError: (e) => expect.fail(String(e)) });
    await Promise.all([q1.tick(), q2.tick()]);
    await q1.tick();
    const runKey = '2026-12-04T10:00:00.000Z';
    const [job] = await queryRows<{ state: string; result: Record<string, number> }>(
      w.db,
      sql`select state, result from jobs where name = 'housekeeping' and run_key = ${runKey}`,
    );
    expect(job?.state).toBe('done');
    expect(job?.result).toMatchObject({ sessions: 1, requestLimits: 1 });
    const audits = await queryRows<{ n: number }>(
      w.db,
      sql`select count(*)::int as n from audit_log where action = 'system.job' and resource_id = ${`housekeeping@${runKey}`}`,
    );
    expect(audits[0]?.n).toBe(1);
    // The embedded-database VACUUM is scheduled only on PGlite, and not in the first half hour.
    expect(q1.names).toEqual(w.database.engine === 'pglite' ? ['housekeeping', 'pglite.vacuum'] : ['housekeeping']);
  });
});
