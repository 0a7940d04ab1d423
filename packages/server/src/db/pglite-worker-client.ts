import { Worker } from 'node:worker_threads';

/**
 * The embedded database on the second core (issue 18, ADR 0016). PGlite runs in a worker thread
 * (db/pglite-worker.mjs); this object stands in for the PGlite instance that Drizzle's PGlite driver calls —
 * `query`, `exec` and `transaction` — and forwards each statement as a message. PGlite's own mutexes in the
 * worker keep the in-process semantics: one statement at a time, and a statement outside a transaction waits
 * until the open transaction ends.
 *
 * The thread that serves HTTP thus builds queries, maps rows, hashes audit rows and writes JSON while the
 * worker executes SQL. Rows cross as structured clones (strings, numbers, booleans, Uint8Array, JSON objects);
 * timestamps, dates and intervals stay PostgreSQL text, exactly as Drizzle's parsers leave them in-process.
 */

interface Results {
  rows: unknown[];
  fields: { name: string; dataTypeID: number }[];
  affectedRows?: number;
}

interface QueryOptions {
  rowMode?: 'array' | 'object';
}

/** What a transaction callback receives — the part of PGlite's `Transaction` Drizzle uses. */
export interface WorkerTransaction {
  query(sql: string, params?: unknown[], options?: QueryOptions): Promise<Results>;
  exec(sql: string): Promise<Results[]>;
  rollback(): Promise<void>;
  readonly closed: boolean;
}

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };

/** What Drizzle's PGlite driver calls on its client: the worker client, or its pipelined view. */
export interface PgliteLike {
  query(sql: string, params?: unknown[], options?: QueryOptions): Promise<Results>;
  exec(sql: string): Promise<Results[]>;
  transaction<T>(fn: (tx: WorkerTransaction) => Promise<T>): Promise<T>;
}

/**
 * In a pipelined transaction, the statements whose answer nobody reads: a write without RETURNING (Drizzle hands its
 * result back, and no caller reads a write's row count: ADR 0023).
 */
const UNREAD = /^\s*(?:insert|update|delete)\b(?![\s\S]*\breturning\b)/i;
/**
 * A pipelined transaction has no savepoints: any failure fails the whole transaction, so a nested transaction's
 * SAVEPOINT and RELEASE would only cost the database a subtransaction per nested call. They are answered without
 * being sent; a ROLLBACK TO SAVEPOINT is sent and fails (the savepoint does not exist), failing the transaction.
 */
const SAVEPOINT = /^\s*(?:savepoint|release\s+savepoint)\b/i;
const NO_ROWS: Results = { rows: [], fields: [] };

/** A PostgreSQL error re-made on this side with the fields callers read (code, constraint, detail …). */
function toError(e: { message: string; name?: string } & Record<string, unknown>): Error {
  const { message, name, ...fields } = e;
  const err = new Error(message);
  if (name && name !== 'Error') err.name = name;
  return Object.assign(err, fields);
}

export class PgliteWorkerClient {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  /** Statements sent without wanting an answer (pipelined transactions): told only when they fail. */
  private readonly quiet = new Map<number, (e: Error) => void>();
  private nextId = 1;
  private nextTx = 1;
  private failed: Error | null = null;

  private constructor() {
    this.worker = new Worker(new URL('./pglite-worker.mjs', import.meta.url), {
      // The worker needs no TypeScript loader and no inspector flags of the parent.
      execArgv: [],
      resourceLimits: undefined,
    });
    this.worker.on('message', (m: { id: number; ok: boolean; result?: unknown; error?: Record<string, unknown> & { message: string } }) => {
      const p = this.pending.get(m.id);
      if (!p) {
        const failed = this.quiet.get(m.id);
        this.quiet.delete(m.id);
        if (failed && !m.ok) failed(toError(m.error!));
        return;
      }
      this.pending.delete(m.id);
      if (m.ok) p.resolve(m.result);
      else p.reject(toError(m.error!));
    });
    const fail = (e: Error) => {
      this.failed = e;
      for (const p of this.pending.values()) p.reject(e);
      this.pending.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => {
      if (!this.failed) fail(new Error(`the embedded database thread exited (code ${code})`));
    });
  }

  /**
   * Start the worker and open PGlite there: a data folder, an in-memory database, or one from a tarball image.
   * `startParams`: added to PGlite's own start parameters (db/pglite-buffers.ts).
   */
  static async open(opts: {
    dataDir?: string | undefined;
    image?: Blob | undefined;
    startParams?: string[] | undefined;
  }): Promise<PgliteWorkerClient> {
    const image = opts.image ? new Uint8Array(await opts.image.arrayBuffer()) : undefined;
    const { client, opened } = PgliteWorkerClient.start({ ...opts, image });
    await opened;
    return client;
  }

  /**
   * The client at once, while PGlite opens (`opened`): statements sent meanwhile wait in the worker, in order, and fail
   * with the opening's error if it fails (issue 18, start-up: the server builds itself while the database opens).
   */
  static start(opts: {
    dataDir?: string | undefined;
    /** A new database: the worker first copies this data folder (the build's empty-database template) to `dataDir`. */
    copyFrom?: string | undefined;
    image?: Uint8Array | undefined;
    startParams?: string[] | undefined;
  }): {
    client: PgliteWorkerClient;
    opened: Promise<void>;
  } {
    const c = new PgliteWorkerClient();
    const { image } = opts;
    const opened = c
      .send(
        { op: 'open', dataDir: opts.dataDir, copyFrom: opts.copyFrom, image, startParams: opts.startParams },
        image ? [image.buffer as ArrayBuffer] : [],
      )
      .then(
        () => undefined,
        async (e: unknown) => {
          await c.worker.terminate();
          throw e;
        },
      );
    return { client: c, opened };
  }

  private send<T>(message: Record<string, unknown>, transfer: ArrayBuffer[] = []): Promise<T> {
    if (this.failed) return Promise.reject(this.failed);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ ...message, id }, transfer);
    });
  }

  /** A statement the worker answers only if it fails (`onFailure`); its id, forgotten when its transaction ends. */
  private sendQuiet(message: Record<string, unknown>, onFailure: (e: Error) => void): number {
    const id = this.nextId++;
    if (this.failed) onFailure(this.failed);
    else {
      this.quiet.set(id, onFailure);
      this.worker.postMessage({ ...message, id, quiet: true });
    }
    return id;
  }

  query(sql: string, params: unknown[] = [], options: QueryOptions = {}): Promise<Results> {
    return this.send({ op: 'query', sql, params, rowMode: options.rowMode ?? 'object' });
  }

  exec(sql: string): Promise<Results[]> {
    return this.send({ op: 'exec', sql });
  }

  /**
   * The same database for a bulk load (ADR 0023): in its transactions a statement whose answer nobody reads (`UNREAD`)
   * is sent and answered at once, so the main thread builds the next statements while the worker runs it. Statements
   * still run one by one in the order sent; the first failure fails every later statement of the transaction and its
   * commit, with that statement's own error, and nothing of the transaction is kept. No savepoints (`SAVEPOINT`): a
   * nested transaction that fails fails the whole. Only for work where any error fails the whole transaction: the
   * first start's demo seed.
   */
  pipelined(): PgliteLike {
    return {
      query: (sql, params, options) => this.query(sql, params, options),
      exec: (sql) => this.exec(sql),
      transaction: (fn) => this.transaction(fn, true),
    };
  }

  /** BEGIN; the callback's statements; COMMIT — or ROLLBACK when the callback throws (and the error goes on). */
  async transaction<T>(fn: (tx: WorkerTransaction) => Promise<T>, pipelined = false): Promise<T> {
    const txId = this.nextTx++;
    await this.send({ op: 'begin', tx: txId });
    let closed = false;
    /** Pipelined: the transaction's first failure (of an unread statement, told later, or of any other); every later
     *  statement and the commit fail with it. */
    const failure: { error: Error | null } = { error: null };
    /** Those statements: once the transaction has ended, each has run and none will be answered. */
    const quietIds: number[] = [];
    const check = () => {
      if (closed) throw new Error('Transaction is closed');
      if (failure.error) throw failure.error;
    };
    // Pipelined, any failure fails the transaction (no savepoints), and a statement after it fails as "transaction
    // aborted": every later statement and the commit report the first failure.
    const answered = <R>(answer: Promise<R>): Promise<R> =>
      pipelined ? answer.catch((e: Error) => Promise.reject((failure.error ??= e))) : answer;
    const tx: WorkerTransaction = {
      query: (sql, params = [], options = {}) => {
        check();
        if (pipelined && SAVEPOINT.test(sql)) return Promise.resolve(NO_ROWS);
        const message = { op: 'query', tx: txId, sql, params, rowMode: options.rowMode ?? 'object' };
        if (pipelined && UNREAD.test(sql)) {
          quietIds.push(this.sendQuiet(message, (e) => (failure.error ??= e)));
          return Promise.resolve(NO_ROWS);
        }
        return answered(this.send<Results>(message));
      },
      exec: (sql) => {
        check();
        return answered(this.send<Results[]>({ op: 'exec', tx: txId, sql }));
      },
      rollback: async () => {
        if (closed) throw new Error('Transaction is closed');
        closed = true;
        await this.send({ op: 'rollback', tx: txId }).finally(forget);
      },
      get closed() {
        return closed;
      },
    };
    const forget = () => {
      for (const id of quietIds) this.quiet.delete(id);
    };
    try {
      const result = await fn(tx);
      if (!closed) {
        closed = true;
        // A transaction whose unread statement failed ends in ROLLBACK at COMMIT; the worker tells an unread
        // statement's failure before it answers the commit, so `failure` is known here and is the error to report.
        await this.send({ op: 'commit', tx: txId })
          .catch((e: Error) => Promise.reject(failure.error ?? e))
          .finally(forget);
        if (failure.error) throw failure.error;
      }
      return result;
    } catch (e) {
      if (!closed) {
        closed = true;
        await this.send({ op: 'rollback', tx: txId })
          .catch(() => undefined)
          .finally(forget);
      }
      throw e;
    }
  }

  /** The data folder as a tarball (tests' seeded fixtures), as PGlite's `dumpDataDir` gives it. */
  async dumpDataDir(compression: 'none' | 'gzip' | 'auto' = 'none'): Promise<Blob> {
    const bytes = await this.send<Uint8Array>({ op: 'dump', compression });
    return new Blob([bytes]);
  }

  async close(): Promise<void> {
    if (!this.failed) await this.send({ op: 'close' }).catch(() => undefined);
    this.failed ??= new Error('PGlite is closed');
    await this.worker.terminate();
  }
}
