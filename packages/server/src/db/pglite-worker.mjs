// The embedded database in its own thread (issue 18, ADR 0016): PGlite runs PostgreSQL compiled to WebAssembly
// on the thread that calls it. In the main thread it shares one core with HTTP, JSON and Drizzle; here it has
// the other core. The main thread talks to it through db/pglite-worker-client.ts, which Drizzle's PGlite driver
// uses as if it were a PGlite instance (query, exec, transaction).
//
// Plain JavaScript on purpose: a worker thread must load without the TypeScript loader (tests run under vitest,
// the server under tsx, a build may run neither).
//
// Messages in:  { id, op: 'open' | 'query' | 'exec' | 'begin' | 'commit' | 'rollback' | 'dump' | 'close', ... }
// Messages out: { id, ok: true, result } | { id, ok: false, error: { message, code, ... } }
// Ordering: every statement goes through PGlite's own mutexes exactly as in-process — a statement outside a
// transaction waits while one is open (PGlite's transaction mutex); statements of the open transaction run.
import { parentPort } from 'node:worker_threads';
import { PGlite, types } from '@electric-sql/pglite';

/** Drizzle's PGlite driver keeps these types as PostgreSQL's text (drizzle-orm/pglite/session.js). */
const identity = (value) => value;
const DRIZZLE_PARSERS = {
  [types.TIMESTAMP]: identity,
  [types.TIMESTAMPTZ]: identity,
  [types.INTERVAL]: identity,
  [types.DATE]: identity,
  1231: identity, // numeric[]
  1115: identity, // timestamp[]
  1185: identity, // timestamptz[]
  1187: identity, // interval[]
  1182: identity, // date[]
};

/** The fields of a PostgreSQL error that callers read (error-handler.ts reads code and constraint). */
const ERROR_FIELDS = [
  'code',
  'severity',
  'detail',
  'hint',
  'position',
  'where',
  'schema',
  'table',
  'column',
  'dataType',
  'constraint',
  'routine',
];

function errorOf(e) {
  const out = { message: e instanceof Error ? e.message : String(e), name: e instanceof Error ? e.name : 'Error' };
  if (e && typeof e === 'object') for (const k of ERROR_FIELDS) if (e[k] !== undefined) out[k] = e[k];
  return out;
}

let db;
/** Open transactions by id: PGlite's transaction client and how to end the transaction. */
const open = new Map();

function reply(id, promise) {
  promise.then(
    (result) => parentPort.postMessage({ id, ok: true, result }),
    (e) => parentPort.postMessage({ id, ok: false, error: errorOf(e) }),
  );
}

function target(tx) {
  if (tx === undefined) return db;
  const t = open.get(tx);
  if (!t?.client) throw Object.assign(new Error('Transaction is closed'), { code: '25000' });
  return t.client;
}

const ROLLBACK = Symbol('rollback');

parentPort.on('message', (m) => {
  switch (m.op) {
    case 'open':
      reply(
        m.id,
        (async () => {
          db = m.image ? new PGlite({ loadDataDir: new Blob([m.image]) }) : m.dataDir ? new PGlite(m.dataDir) : new PGlite();
          await db.waitReady;
          // Set Drizzle's parsers once on the instance (after PGlite registered its array types): passed with each
          // query, PGlite copies its whole parser table per statement.
          Object.assign(db.parsers, DRIZZLE_PARSERS);
          await db.exec(`SET TIME ZONE 'UTC'`);
          return null;
        })(),
      );
      return;
    case 'query':
      reply(
        m.id,
        (async () => {
          const r = await target(m.tx).query(m.sql, m.params, { rowMode: m.rowMode });
          return { rows: r.rows, fields: r.fields, affectedRows: r.affectedRows };
        })(),
      );
      return;
    case 'exec':
      reply(
        m.id,
        (async () => {
          const rs = await target(m.tx).exec(m.sql);
          return rs.map((r) => ({ rows: r.rows, fields: r.fields, affectedRows: r.affectedRows }));
        })(),
      );
      return;
    case 'begin': {
      // PGlite's own transaction: BEGIN now, COMMIT when the callback's promise resolves, ROLLBACK when it rejects.
      const entry = {};
      open.set(m.tx, entry);
      let started;
      const ready = new Promise((resolve) => (started = resolve));
      entry.done = db
        .transaction(
          (client) =>
            new Promise((resolve, reject) => {
              Object.assign(entry, { client, resolve, reject });
              started();
            }),
        )
        .finally(() => open.delete(m.tx));
      // Answer `begin` once BEGIN has run (or with its error if it failed).
      reply(
        m.id,
        Promise.race([ready, entry.done]).then(() => null),
      );
      return;
    }
    case 'commit':
    case 'rollback': {
      const t = open.get(m.tx);
      if (!t || !t.resolve) {
        reply(m.id, Promise.reject(Object.assign(new Error('Transaction is closed'), { code: '25000' })));
        return;
      }
      if (m.op === 'commit') t.resolve(null);
      else t.reject(ROLLBACK);
      reply(
        m.id,
        t.done.then(
          () => null,
          (e) => {
            if (e === ROLLBACK) return null;
            throw e;
          },
        ),
      );
      return;
    }
    case 'dump':
      reply(
        m.id,
        (async () => {
          const blob = await db.dumpDataDir(m.compression ?? 'none');
          return new Uint8Array(await blob.arrayBuffer());
        })(),
      );
      return;
    case 'close':
      reply(
        m.id,
        (async () => {
          await db?.close();
          return null;
        })(),
      );
      return;
    default:
      reply(m.id, Promise.reject(new Error(`unknown op ${String(m.op)}`)));
  }
});
