import os from 'node:os';
import { sql } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import type { Database } from '../db/connection.js';
import { queryRows } from '../db/sql.js';
import type { Db, Engine } from '../db/types.js';

/**
 * Scheduled work through a table in the application database (docs/decisions/0012-scale-job-queue.md), the
 * same on PGlite and PostgreSQL and correct with any number of app processes:
 *
 * - Every process schedules each job's current run slot (`run_key` = the slot's start) with
 *   `INSERT … ON CONFLICT DO NOTHING` on the unique `(name, run_key)`: one row per slot, however many
 *   processes schedule it.
 * - A worker claims a due row with `SELECT … FOR UPDATE SKIP LOCKED`, so two processes never take the same row.
 * - `transaction` jobs run inside the claiming transaction: the job's writes and the row's `done` mark
 *   commit together or not at all, so a slot's work happens exactly once even if a process dies mid-run
 *   (the row lock goes with the connection and another process retries the slot).
 * - `lease` jobs (VACUUM cannot run inside a transaction) are marked `running` with a lease; a run whose
 *   process died is taken over when the lease expires, so they must be idempotent (at least once, and
 *   never two at a time while the lease holds).
 */
export interface JobContext {
  /** The claiming transaction for `transaction` jobs; the database for `lease` jobs. */
  db: Db;
  now: Date;
  runKey: string;
  workerId: string;
  /** `lease` jobs: push the lease forward (long runs call it as they progress, so no other process takes over). */
  extendLease?: () => Promise<void>;
}

export interface JobDefinition {
  name: string;
  /**
   * Length of a run slot: one run per slot. Without it the job is on demand: it runs only for the rows that
   * `enqueueJob` inserts (e.g. one FHIR bulk export per kick-off, run key = the export's id).
   */
  everyMs?: number;
  mode: 'transaction' | 'lease';
  /** Engines the job applies to (default both). */
  engines?: readonly Engine[];
  /** Do not schedule before this long after the process started (e.g. VACUUM right after the start-up ANALYZE). */
  startAfterMs?: number;
  run(ctx: JobContext): Promise<Record<string, unknown> | void>;
}

export interface JobQueueOptions {
  clock: Clock;
  /** How often a process looks for due work. */
  pollMs: number;
  onError: (e: unknown, job: string) => void;
  workerId?: string;
  leaseMs?: number;
  maxAttempts?: number;
}

interface ClaimedRow {
  id: string | number;
  name: string;
  run_key: string;
  attempts: number;
}

/** The start of the slot `now` falls in, as the run key. */
export function runKeyOf(now: Date, everyMs: number): { runKey: string; runAt: Date } {
  const runAt = new Date(Math.floor(now.getTime() / everyMs) * everyMs);
  return { runKey: runAt.toISOString(), runAt };
}

/**
 * Queue an on-demand run of the job `name` (a definition without `everyMs`) in the caller's transaction: it
 * becomes due at once and runs once, like a slot (`runKey` unique per job, e.g. an export's id).
 */
export async function enqueueJob(db: Db, name: string, runKey: string, runAt: Date): Promise<void> {
  await db.execute(
    sql`insert into jobs (name, run_key, run_at) values (${name}, ${runKey}, ${runAt}) on conflict (name, run_key) do nothing`,
  );
}

/** Queues started in this process: `wakeJobQueues` asks them to look for due work now. */
const wakeHandlers = new Set<JobQueue>();

/** After `enqueueJob` commits: the started queues of this process look for due work now (others at their next poll). */
export function wakeJobQueues(): void {
  for (const q of wakeHandlers) q.wake();
}

export class JobQueue {
  readonly workerId: string;
  private readonly defs: JobDefinition[];
  private readonly byName: Map<string, JobDefinition>;
  private readonly startedAt: number;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly database: Database,
    definitions: readonly JobDefinition[],
    private readonly opts: JobQueueOptions,
  ) {
    this.workerId = opts.workerId ?? `${os.hostname()}:${process.pid}`;
    this.defs = definitions.filter((d) => !d.engines || d.engines.includes(database.engine));
    this.byName = new Map(this.defs.map((d) => [d.name, d]));
    this.startedAt = opts.clock.now().getTime();
  }

  get names(): string[] {
    return this.defs.map((d) => d.name);
  }

  /** Insert the current slot of every job (a no-op for slots another process already scheduled). */
  async schedule(): Promise<void> {
    const now = this.opts.clock.now();
    for (const d of this.defs) {
      if (d.everyMs === undefined) continue;
      if (now.getTime() < this.startedAt + (d.startAfterMs ?? 0)) continue;
      const { runKey, runAt } = runKeyOf(now, d.everyMs);
      await this.database.db.execute(
        sql`insert into jobs (name, run_key, run_at) values (${d.name}, ${runKey}, ${runAt}) on conflict (name, run_key) do nothing`,
      );
    }
  }

  /** Run due jobs until none is left for this process. Returns how many ran. */
  async runDue(): Promise<number> {
    let n = 0;
    while (await this.runOne()) n += 1;
    return n;
  }

  /** Claim and run one due job; false when there is none. */
  async runOne(): Promise<boolean> {
    if (this.defs.length === 0) return false;
    const names = this.names;
    const now = this.opts.clock.now();
    const claimed = await this.database.db.transaction(async (tx): Promise<{ row: ClaimedRow; lease: boolean } | null> => {
      const [row] = await queryRows<ClaimedRow>(
        tx,
        sql`select id, name, run_key, attempts from jobs
            where state = 'queued' and run_at <= ${now} and name = any(${sql.param(names)}::text[])
            order by run_at, id limit 1 for update skip locked`,
      );
      if (!row) return null;
      const def = this.byName.get(row.name)!;
      if (def.mode === 'lease') {
        // Take it (running, with a lease) in this transaction; it runs after the commit, outside any transaction.
        const until = new Date(now.getTime() + (this.opts.leaseMs ?? 15 * 60_000));
        await tx.execute(
          sql`update jobs set state = 'running', attempts = attempts + 1, locked_by = ${this.workerId}, locked_until = ${until}
              where id = ${row.id}`,
        );
        return { row: { ...row, attempts: row.attempts + 1 }, lease: true };
      }
      let result: Record<string, unknown> | void;
      try {
        // A savepoint, so a failing job rolls back its own writes and the failure can still be recorded.
        result = await tx.transaction(async (sp) => def.run({ db: sp, now, runKey: row.run_key, workerId: this.workerId }));
      } catch (error) {
        await this.recordFailure(tx, row, error, now);
        return { row, lease: false };
      }
      await tx.execute(
        sql`update jobs set state = 'done', attempts = attempts + 1, locked_by = ${this.workerId}, finished_at = ${now},
              result = ${result ? JSON.stringify(result) : null}::jsonb, last_error = null
            where id = ${row.id}`,
      );
      return { row, lease: false };
    });
    if (!claimed) return false;
    if (claimed.lease) await this.runLeased(claimed.row, now);
    return true;
  }

  private async runLeased(row: ClaimedRow, now: Date): Promise<void> {
    const def = this.byName.get(row.name)!;
    try {
      const leaseMs = this.opts.leaseMs ?? 15 * 60_000;
      const extendLease = async () => {
        const until = new Date(this.opts.clock.now().getTime() + leaseMs);
        await this.database.db.execute(
          sql`update jobs set locked_until = ${until} where id = ${row.id} and locked_by = ${this.workerId} and state = 'running'`,
        );
      };
      const result = await def.run({ db: this.database.db, now, runKey: row.run_key, workerId: this.workerId, extendLease });
      await this.database.db.execute(
        sql`update jobs set state = 'done', finished_at = ${this.opts.clock.now()}, result = ${result ? JSON.stringify(result) : null}::jsonb,
              locked_until = null, last_error = null
            where id = ${row.id} and locked_by = ${this.workerId} and state = 'running'`,
      );
    } catch (error) {
      await this.recordFailure(this.database.db, row, error, now, true);
    }
  }

  /** A failed run: back to the queue with a back-off, or `failed` after maxAttempts. */
  private async recordFailure(db: Db, row: ClaimedRow, error: unknown, now: Date, leased = false): Promise<void> {
    this.opts.onError(error, row.name);
    const attempts = leased ? row.attempts : row.attempts + 1;
    const max = this.opts.maxAttempts ?? 5;
    const retryAt = new Date(now.getTime() + Math.min(60_000 * 2 ** attempts, 3_600_000));
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
    await db.execute(
      sql`update jobs set attempts = ${attempts}, last_error = ${message}, locked_until = null, locked_by = ${this.workerId},
            state = ${attempts >= max ? 'failed' : 'queued'}, run_at = ${retryAt}
          where id = ${row.id} and state = ${leased ? 'running' : 'queued'}`,
    );
  }

  /** Put back lease jobs whose process died (lease expired). */
  async reclaimExpired(): Promise<void> {
    await this.database.db.execute(
      sql`update jobs set state = 'queued', locked_until = null where state = 'running' and locked_until < ${this.opts.clock.now()}`,
    );
  }

  async tick(): Promise<void> {
    try {
      await this.reclaimExpired();
      await this.schedule();
      await this.runDue();
    } catch (e) {
      this.opts.onError(e, 'queue');
    }
  }

  /** Look for due work now rather than at the next poll (e.g. right after `enqueueJob`); no-op while a tick runs. */
  wake(): void {
    if (!this.timer) return;
    this.running ??= this.tick().finally(() => (this.running = null));
  }

  /** Schedule and run at once, then every pollMs. */
  async start(): Promise<void> {
    if (this.timer) return;
    wakeHandlers.add(this);
    this.running = this.tick().finally(() => (this.running = null));
    await this.running;
    this.timer = setInterval(() => {
      this.running ??= this.tick().finally(() => (this.running = null));
    }, this.opts.pollMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    wakeHandlers.delete(this);
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.running) await this.running;
  }
}
