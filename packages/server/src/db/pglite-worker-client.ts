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
      if (!p) return;
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

  /** Start the worker and open PGlite there: a data folder, an in-memory database, or one from a tarball image. */
  static async open(opts: { dataDir?: string | undefined; image?: Blob | undefined }): Promise<PgliteWorkerClient> {
    const c = new PgliteWorkerClient();
    const image = opts.image ? new Uint8Array(await opts.image.arrayBuffer()) : undefined;
    try {
      await c.send({ op: 'open', dataDir: opts.dataDir, image }, image ? [image.buffer] : []);
    } catch (e) {
      await c.worker.terminate();
      throw e;
    }
    return c;
  }

  private send<T>(message: Record<string, unknown>, transfer: ArrayBuffer[] = []): Promise<T> {
    if (this.failed) return Promise.reject(this.failed);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ ...message, id }, transfer);
    });
  }

  query(sql: string, params: unknown[] = [], options: QueryOptions = {}): Promise<Results> {
    return this.send({ op: 'query', sql, params, rowMode: options.rowMode ?? 'object' });
  }

  exec(sql: string): Promise<Results[]> {
    return this.send({ op: 'exec', sql });
  }

  /** BEGIN; the callback's statements; COMMIT — or ROLLBACK when the callback throws (and the error goes on). */
  async transaction<T>(fn: (tx: WorkerTransaction) => Promise<T>): Promise<T> {
    const txId = this.nextTx++;
    await this.send({ op: 'begin', tx: txId });
    let closed = false;
    const check = () => {
      if (closed) throw new Error('Transaction is closed');
    };
    const tx: WorkerTransaction = {
      query: (sql, params = [], options = {}) => {
        check();
        return this.send({ op: 'query', tx: txId, sql, params, rowMode: options.rowMode ?? 'object' });
      },
      exec: (sql) => {
        check();
        return this.send({ op: 'exec', tx: txId, sql });
      },
      rollback: async () => {
        check();
        closed = true;
        await this.send({ op: 'rollback', tx: txId });
      },
      get closed() {
        return closed;
      },
    };
    try {
      const result = await fn(tx);
      if (!closed) {
        closed = true;
        await this.send({ op: 'commit', tx: txId });
      }
      return result;
    } catch (e) {
      if (!closed) {
        closed = true;
        await this.send({ op: 'rollback', tx: txId }).catch(() => undefined);
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
