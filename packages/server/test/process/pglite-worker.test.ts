import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { integer, pgTable, text } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { learnVersion, openDatabase, workerDatabase, type Database } from '../../src/db/connection.js';
import { PgliteWorkerClient } from '../../src/db/pglite-worker-client.js';
import { queryRows } from '../../src/db/sql.js';
import { AUTO_MAX_MB, AUTO_MIN_MB, pgliteDataBytes, pgliteStartParams, sharedBuffersMb } from '../../src/db/pglite-buffers.js';

/**
 * PGlite in a worker thread (PGLITE_WORKER, ADR 0016) must behave exactly as PGlite in-process: the same
 * values through Drizzle, the same errors, the same transactions. The whole PGlite medium tier also runs on
 * the worker (test/medium/support/test-db.ts); this suite compares the two side by side and covers what the
 * worker adds: messages, ordering across threads, closing.
 */
const counter = pgTable('counter', { id: integer('id').primaryKey(), n: integer('n').notNull(), label: text('label') });

const DDL = [
  sql`create table typed (
    id int primary key, ts timestamp, tstz timestamptz, d date, iv interval, num numeric(10,3), nums numeric[],
    dates date[], b bytea, j jsonb, ok boolean, big bigint, tags text[], name text not null unique
  )`,
  sql`create table counter (id int primary key, n int not null check (n >= 0), label text)`,
];
const ROW = sql`
  insert into typed values (1, '2026-12-05 10:11:12.345', '2026-12-05 10:11:12.345+08', '2026-12-05', '3 days 04:05:06',
    12.345, '{1.5,2.25}', '{2026-01-01,2026-02-03}', '\\x00ff10', '{"a":[1,"二"],"b":null}', true, 9007199254740993,
    '{"甲","b c"}', '王小明')`;

let inproc: Database;
let worker: Database;
/** The tables and one row, as a data-directory image: each database below starts from it (initdb costs ~5 s of CPU). */
let image: Blob;
beforeAll(async () => {
  inproc = await openDatabase({});
  for (const stmt of DDL) await inproc.db.execute(stmt);
  await inproc.db.execute(ROW);
  await inproc.db.insert(counter).values({ id: 1, n: 0 });
  image = await inproc.dumpImage!();
  worker = await openDatabase({ pgliteImage: image, pgliteWorker: true });
});
afterAll(async () => {
  await inproc?.close();
  await worker?.close();
});

describe('PGlite in a worker thread', () => {
  it('returns the same values as in-process PGlite, through raw SQL and through Drizzle selects', async () => {
    const raw = (d: Database) => queryRows<Record<string, unknown>>(d.db, sql`select * from typed`);
    expect(await raw(worker)).toEqual(await raw(inproc));
    const [r] = await raw(worker);
    expect(r).toMatchObject({ ts: '2026-12-05 10:11:12.345', tstz: '2026-12-05 02:11:12.345+00', d: '2026-12-05', iv: '3 days 04:05:06' });
    expect(r!.b).toEqual(new Uint8Array([0, 255, 16]));
    expect(r!.j).toEqual({ a: [1, '二'], b: null });
    const typed = (d: Database) =>
      d.db
        .select({ id: sql<number>`id`, d: sql<string>`d`, tags: sql<string[]>`tags`, num: sql<string>`num` })
        .from(sql`typed`)
        .where(sql`name = ${'王小明'}`);
    expect(await typed(worker)).toEqual(await typed(inproc));
    expect(await worker.db.select().from(counter)).toEqual(await inproc.db.select().from(counter));
  });

  it('raises PostgreSQL errors with their code, constraint and detail', async () => {
    const err = async (d: Database) => {
      try {
        await d.db.execute(sql`insert into typed (id, name) values (2, '王小明')`);
      } catch (e) {
        const c = ((e as { cause?: unknown }).cause ?? e) as Record<string, unknown>;
        return { code: c.code, constraint: c.constraint, detail: c.detail, message: c.message };
      }
      return null;
    };
    const w = await err(worker);
    expect(w).toEqual(await err(inproc));
    expect(w).toMatchObject({ code: '23505', constraint: 'typed_name_key' });
  });

  it('commits, rolls back on a throw, and rolls back a failed savepoint only', async () => {
    await worker.db.transaction(async (tx) => {
      await tx.update(counter).set({ n: 1 });
    });
    await expect(
      worker.db.transaction(async (tx) => {
        await tx.update(counter).set({ n: 99 });
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    await worker.db.transaction(async (tx) => {
      await tx.update(counter).set({ label: 'outer' });
      await expect(
        tx.transaction(async (inner) => {
          await inner.update(counter).set({ n: -1 }); // the check constraint fails
        }),
      ).rejects.toThrow();
    });
    expect(await worker.db.select().from(counter)).toEqual([{ id: 1, n: 1, label: 'outer' }]);
  });

  it('rolls back a transaction whose statement failed and keeps serving', async () => {
    await expect(
      worker.db.transaction(async (tx) => {
        await tx.update(counter).set({ n: 5 });
        await tx.execute(sql`select 1 / 0`);
      }),
    ).rejects.toThrow();
    expect((await worker.db.select().from(counter))[0]!.n).toBe(1);
  });

  it('lets a statement outside a transaction wait until the transaction ends, as in-process', async () => {
    const order: string[] = [];
    const tx = worker.db.transaction(async (t) => {
      await t.update(counter).set({ n: 10 });
      await new Promise((r) => setTimeout(r, 50));
      await t.update(counter).set({ n: 11 });
      order.push('tx');
    });
    await new Promise((r) => setTimeout(r, 10));
    const seen = worker.db
      .select()
      .from(counter)
      .then((rows) => {
        order.push('read');
        return rows[0]!.n;
      });
    await tx;
    expect(await seen).toBe(11);
    expect(order).toEqual(['tx', 'read']);
  });

  it('runs concurrent read-modify-write transactions one after another: no lost update', async () => {
    await worker.db.update(counter).set({ n: 0 });
    await Promise.all(
      Array.from({ length: 40 }, () =>
        worker.db.transaction(async (tx) => {
          const [c] = await tx.select().from(counter);
          await tx.update(counter).set({ n: c!.n + 1 });
        }),
      ),
    );
    expect((await worker.db.select().from(counter))[0]!.n).toBe(40);
  });

  // The worker prepares each DML statement once under a name and then only binds and executes it (pglite-worker.mjs).
  describe('prepared statements', () => {
    it('keeps a statement first prepared in a transaction that rolled back', async () => {
      const q = (d: typeof worker.db) =>
        queryRows<{ name: string }>(d, sql`select name from typed where id = ${1} and name <> ${'rolled back'}`);
      await expect(
        worker.db.transaction(async (tx) => {
          expect(await q(tx)).toEqual([{ name: '王小明' }]);
          throw new Error('roll back');
        }),
      ).rejects.toThrow('roll back');
      expect(await q(worker.db)).toEqual([{ name: '王小明' }]);
    });

    it('fails on a bad parameter with PostgreSQL’s error and goes on, inside and outside a transaction', async () => {
      const byId = (d: typeof worker.db, id: unknown) => queryRows<{ id: number }>(d, sql`select id from typed where id = ${id}`);
      expect(await byId(worker.db, 1)).toEqual([{ id: 1 }]);
      await expect(byId(worker.db, 'not a number')).rejects.toMatchObject({ cause: { code: '22P02' } });
      await expect(worker.db.transaction(async (tx) => byId(tx, 'x'))).rejects.toMatchObject({ cause: { code: '22P02' } });
      expect(await byId(worker.db, 1)).toEqual([{ id: 1 }]);
    });

    it('sends a LIKE with its pattern unnamed at each run (planned with the value) and answers as in-process', async () => {
      const like = (d: Database, pattern: string) =>
        queryRows<{ name: string }>(d.db, sql`select name from typed where name like ${pattern}`);
      for (const pattern of ['王%', '李%', '%小%', '王小明'])
        for (let i = 0; i < 7; i += 1) expect(await like(worker, pattern)).toEqual(await like(inproc, pattern));
      await expect(queryRows(worker.db, sql`select name from typed where name like ${'王%'} and id = ${'x'}`)).rejects.toMatchObject({
        cause: { code: '22P02' },
      });
      expect(await like(worker, '王%')).toEqual([{ name: '王小明' }]);
    });

    it('answers with the new columns after the table changed under a prepared select *', async () => {
      await worker.db.execute(sql`create table reshaped (id int primary key)`);
      await worker.db.execute(sql`insert into reshaped values (1)`);
      const all = () => queryRows<Record<string, unknown>>(worker.db, sql`select * from reshaped where id = ${1}`);
      expect(await all()).toEqual([{ id: 1 }]);
      await worker.db.execute(sql`alter table reshaped add column label text default 'x'`);
      expect(await all()).toEqual([{ id: 1, label: 'x' }]);
    });

    it('runs statements again after more distinct ones than the cache holds pushed them out', async () => {
      // 450 statement texts (the worker keeps the 400 most recently used), then the first one again.
      const distinct = (n: number) => queryRows<{ v: number }>(worker.db, sql`select ${n}::int + ${sql.raw(String(n))} as v`);
      for (let n = 0; n < 450; n += 1) expect(await distinct(n)).toEqual([{ v: 2 * n }]);
      expect(await distinct(0)).toEqual([{ v: 0 }]);
      expect(await queryRows(worker.db, sql`select name from typed where id = ${1} and name <> ${'rolled back'}`)).toEqual([
        { name: '王小明' },
      ]);
    });
  });

  // The first start's demo seed writes through `bulkDb` (ADR 0023): a write without RETURNING is answered when sent.
  describe('pipelined transactions (bulkDb)', () => {
    const bulk = () => worker.bulkDb!;
    const labels = async () => (await worker.db.select().from(counter)).map((r) => r.label);

    it('sends unread writes ahead, sees them in the transaction, and commits them with savepoints and all', async () => {
      await worker.db.delete(counter);
      const seen = await bulk().transaction(async (tx) => {
        for (let id = 1; id <= 30; id += 1) await tx.insert(counter).values({ id, n: id, label: `p${id}` });
        await tx.transaction(async (inner) => {
          await inner
            .update(counter)
            .set({ label: 'nested' })
            .where(sql`id = 30`);
        });
        await tx.delete(counter).where(sql`id > 20 and id < 30`);
        const [r] = await tx.insert(counter).values({ id: 31, n: 31 }).returning({ id: counter.id });
        expect(r).toEqual({ id: 31 });
        return (await tx.select().from(counter)).length;
      });
      expect(seen).toBe(22);
      expect((await labels()).filter((l) => l === 'nested')).toEqual(['nested']);
      expect(await worker.db.$count(counter)).toBe(22);
    });

    it('fails the next statement and the commit with the unread write’s own error, and keeps nothing', async () => {
      await worker.db.delete(counter);
      await worker.db.insert(counter).values({ id: 1, n: 0, label: 'before' });
      const duplicate = bulk().transaction(async (tx) => {
        await tx.update(counter).set({ label: 'changed' });
        await tx.insert(counter).values({ id: 1, n: 1 }); // answered at once; fails in the worker
        await tx.select().from(counter);
      });
      await expect(duplicate).rejects.toMatchObject({ cause: { code: '23505', constraint: 'counter_pkey' } });
      const atCommit = bulk().transaction(async (tx) => {
        await tx.update(counter).set({ label: 'changed' });
        await tx.update(counter).set({ n: -1 }); // the check constraint fails; nothing is awaited after it
      });
      await expect(atCommit).rejects.toMatchObject({ code: '23514' });
      expect(await labels()).toEqual(['before']);
      // The database serves on, pipelined or not.
      await bulk().transaction(async (tx) => {
        await tx.update(counter).set({ label: 'after' });
      });
      expect(await labels()).toEqual(['after']);
    });

    it('has no savepoints: a nested transaction that fails fails the whole transaction', async () => {
      await expect(
        bulk().transaction(async (tx) => {
          await tx.update(counter).set({ label: 'outer' });
          await tx
            .transaction(async () => {
              throw new Error('inner gives up');
            })
            .catch(() => undefined); // through `db` this would roll back the inner part only and go on
        }),
      ).rejects.toMatchObject({ code: '3B001', message: 'savepoint "sp1" does not exist' });
      expect(await labels()).toEqual(['after']);
    });

    it('leaves transactions of the ordinary handle as they were: each statement answered when it ran', async () => {
      await expect(
        worker.db.transaction(async (tx) => {
          await tx.insert(counter).values({ id: 1, n: 1 });
        }),
      ).rejects.toMatchObject({ cause: { code: '23505' } });
    });
  });

  it('dumps an image that opens again, in-process or in a worker', async () => {
    const image = await worker.dumpImage!();
    for (const pgliteWorker of [false, true]) {
      const copy = await openDatabase({ pgliteImage: image, pgliteWorker });
      try {
        expect(await queryRows(copy.db, sql`select name from typed`)).toEqual([{ name: '王小明' }]);
      } finally {
        await copy.close();
      }
    }
  });

  it('sizes the buffer pool to the database, or as configured, in-process and in the worker (ADR 0024)', async () => {
    const setting = async (d: Database) => (await queryRows<{ b: string }>(d.db, sql`select current_setting('shared_buffers') as b`))[0]!.b;
    // A new in-memory database gets the pool's floor; one from an image, a pool the image's size (tens of MB, not initdb's 128).
    expect(await setting(inproc)).toBe(`${AUTO_MIN_MB}MB`);
    expect(await setting(worker)).toBe(`${sharedBuffersMb('auto', image.size)}MB`);
    expect(sharedBuffersMb('auto', image.size)).toBeLessThan(AUTO_MAX_MB);
    for (const pgliteWorker of [false, true]) {
      const d = await openDatabase({ pgliteImage: image, pgliteWorker, pgliteSharedBuffers: 48 });
      try {
        expect(await setting(d)).toBe('48MB');
      } finally {
        await d.close();
      }
    }
  });

  it('measures a data folder for the pool: its databases, not the write-ahead log', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gisurg-buffers-'));
    try {
      expect(pgliteDataBytes(dir)).toBeUndefined();
      mkdirSync(path.join(dir, 'base', '5'), { recursive: true });
      mkdirSync(path.join(dir, 'global'));
      mkdirSync(path.join(dir, 'pg_wal'));
      writeFileSync(path.join(dir, 'base', '5', '1259'), Buffer.alloc(40 * 1024 * 1024));
      writeFileSync(path.join(dir, 'global', '1260'), Buffer.alloc(8192));
      writeFileSync(path.join(dir, 'pg_wal', '000000010000000000000001'), Buffer.alloc(16 * 1024 * 1024));
      expect(pgliteDataBytes(dir)).toBe(40 * 1024 * 1024 + 8192);
      expect(pgliteStartParams({ pgliteDir: dir })).toEqual(['-c', 'shared_buffers=41MB']);
      expect(pgliteStartParams({ pgliteDir: dir, pgliteSharedBuffers: 256 })).toEqual(['-c', 'shared_buffers=256MB']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lets statements sent while the database opens wait for it, in order (serve builds itself meanwhile)', async () => {
    const { client, opened } = PgliteWorkerClient.start({ image: new Uint8Array(await image.arrayBuffer()) });
    const d = workerDatabase(client);
    try {
      // Sent at once, long before PGlite is up (~0.5 s): the worker holds them until it is, then runs them in order.
      const first = d.db.insert(counter).values({ id: 2, n: 5, label: 'early' }).execute();
      const second = queryRows<{ n: number }>(d.db, sql`update counter set n = n + 1 where id = 2 returning n`);
      await opened;
      await first;
      expect(await second).toEqual([{ n: 6 }]);
      await learnVersion(d);
      expect(d.version).toMatch(/^\d+\.\d+/);
    } finally {
      await d.close();
    }
  });

  it('fails the statements that waited with the error of an opening that failed', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'gisurg-open-')), 'not-a-folder');
    writeFileSync(file, 'x');
    const { client, opened } = PgliteWorkerClient.start({ dataDir: file });
    const waiting = workerDatabase(client).db.execute(sql`select 1`);
    await expect(opened).rejects.toThrow();
    await expect(waiting).rejects.toThrow();
    rmSync(path.dirname(file), { recursive: true, force: true });
  });

  it('fails the opening of a new folder whose template copy failed, and leaves no half copy behind', async () => {
    const parent = mkdtempSync(path.join(tmpdir(), 'gisurg-copy-'));
    const to = path.join(parent, 'pglite');
    try {
      const { opened } = PgliteWorkerClient.start({ dataDir: to, copyFrom: path.join(parent, 'no-such-template') });
      await expect(opened).rejects.toThrow(/could not copy the empty-database template/);
      expect(existsSync(to)).toBe(false);
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });

  it('refuses statements after close instead of hanging', async () => {
    const d = await openDatabase({ pgliteImage: image, pgliteWorker: true });
    await d.close();
    await expect(d.db.execute(sql`select 1`)).rejects.toThrow();
  });
});
