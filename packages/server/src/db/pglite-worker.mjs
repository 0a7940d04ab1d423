// The embedded database in its own thread (issue 18, ADR 0016): PGlite runs PostgreSQL compiled to WebAssembly
// on the thread that calls it. In the main thread it shares one core with HTTP, JSON and Drizzle; here it has
// the other core. The main thread talks to it through db/pglite-worker-client.ts, which Drizzle's PGlite driver
// uses as if it were a PGlite instance (query, exec, transaction).
//
// Plain JavaScript on purpose: a worker thread must load without the TypeScript loader (tests run under vitest,
// the server under tsx, a build may run neither).
//
// Messages in:  { id, op: 'open' | 'query' | 'exec' | 'begin' | 'commit' | 'rollback' | 'dump' | 'close', ... }
// Messages out: { id, ok: true, result } | { id, ok: false, error: { message, code, ... } }; a query sent with
// `quiet: true` is answered only when it fails.
// Ordering: every statement goes through PGlite's own mutexes exactly as in-process — a statement outside a
// transaction waits while one is open (PGlite's transaction mutex); statements of the open transaction run.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import path from 'node:path';
import { parentPort } from 'node:worker_threads';
import { PGlite, parse, protocol, types } from '@electric-sql/pglite';

/**
 * Bench only (bench/soak.ts --sql-profile): GISURG_SQL_PROFILE=<file> keeps, per statement text, how many times it
 * ran and the time this thread spent on it (a prepared statement from when it holds the connection; any other
 * statement including its wait for an open transaction), and writes the table to <file> every 10 s. Off (no clock
 * reads) unless set.
 */
const PROFILE_FILE = process.env.GISURG_SQL_PROFILE;
const profile = PROFILE_FILE ? new Map() : null;
if (profile)
  setInterval(() => {
    const rows = [...profile.entries()].map(([sql, v]) => ({ sql, ...v })).sort((a, b) => b.ms - a.ms);
    writeFileSync(PROFILE_FILE, JSON.stringify(rows, null, 1));
  }, 10_000).unref();
function profiled(sql, promise) {
  if (!profile) return promise;
  const t0 = performance.now();
  return promise.finally(() => {
    const e = profile.get(sql) ?? { n: 0, ms: 0 };
    e.n += 1;
    e.ms += performance.now() - t0;
    profile.set(sql, e);
  });
}

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

/*
 * Prepared statements (issue 17 P10, issue 18). PGlite's own `query` sends each statement as an unnamed one: Parse,
 * Describe, Bind, Describe, Execute and Sync, six calls into PostgreSQL, and PostgreSQL parses, analyses and plans
 * the text every time. The server's statements are few and repeat (Drizzle prints the same text with $n
 * placeholders for the same query), so a statement is parsed and described once under a name here and then only
 * bound and executed: one call, and PostgreSQL keeps its plan by its own rules (plan_cache_mode auto, as node-postgres'
 * named statements get on the PostgreSQL engine). Measured in bench/soak.ts's per-request CPU (docs/performance.md).
 * Only single DML statements are prepared (SELECT, INSERT, UPDATE, DELETE, WITH); anything else goes PGlite's way.
 * The cache holds the most recently used MAX_STATEMENTS; an evicted statement is closed with the next call.
 * Protocol-level statements do not roll back with a transaction, and PostgreSQL re-plans them itself after DDL or
 * ANALYZE; one whose result columns changed (error 0A000 "cached plan must not change result type") is dropped and,
 * outside a transaction, prepared afresh at once (inside one the error stands: the transaction is already aborted).
 */
const { serialize } = protocol;
const PREPARABLE = /^\s*(select|insert|update|delete|with)\b/i;
/**
 * `term LIKE $n` uses an index only when the planner sees the pattern's fixed prefix: a generic plan would scan the
 * table (db/prepared.ts `serverSide: false`). Such a statement is sent unnamed with its values, so PostgreSQL plans
 * it at every Bind — still in one call (Parse, Bind, Describe, Execute, Sync), with the parameter types learnt once.
 */
const PLAN_EACH_TIME = /\blike\s+\$\d/i;
const MAX_STATEMENTS = 400;
const MAX_PREPARED_PARAMS = 200;
/** sql text → { name, types: parameter type oids, rowDescription: the result's RowDescription message or null } */
const statements = new Map();
const toClose = [];
let statementSeq = 0;

function concat(parts) {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Run protocol messages on the connection PGlite holds for us (the caller holds PGlite's query mutex). */
function protocolCall(bytes) {
  return db.execProtocolStream(bytes, { syncToFs: false });
}

async function statementFor(text) {
  const known = statements.get(text);
  if (known) {
    // Most recently used last: eviction takes the first.
    statements.delete(text);
    statements.set(text, known);
    return known;
  }
  const planEach = PLAN_EACH_TIME.test(text);
  const name = planEach ? '' : `gs${++statementSeq}`;
  const described = await protocolCall(
    concat([serialize.parse({ name, text }), serialize.describe({ type: 'S', name }), serialize.sync()]),
  );
  const params = described.find((x) => x.name === 'parameterDescription');
  const entry = {
    name,
    planEach,
    types: params ? params.dataTypeIDs : [],
    rowDescription: described.find((x) => x.name === 'rowDescription') ?? null,
  };
  statements.set(text, entry);
  while (statements.size > MAX_STATEMENTS) {
    const [oldest, old] = statements.entries().next().value;
    statements.delete(oldest);
    if (old.name) toClose.push(old.name);
  }
  return entry;
}

/** The parameters as PGlite's `query` sends them: each through the serializer of its type, else its text. */
function serializeParams(st, params) {
  return params.map((v, i) => {
    if (v === null || v === undefined) return null;
    const serializer = db.serializers[st.types[i]];
    return serializer ? serializer(v) : v.toString();
  });
}

async function runPrepared(text, params, rowMode) {
  if (!profile) return runPreparedNow(text, params, rowMode);
  const t0 = performance.now();
  const r = await profiled(text, runPreparedNow(text, params, rowMode));
  const e = profile.get(text);
  // The plan of the first slow run of a read (EXPLAIN ANALYZE runs it again: never a write), in a savepoint so that
  // a failing EXPLAIN cannot abort the caller's transaction.
  const st = statements.get(text);
  if (performance.now() - t0 > Number(process.env.GISURG_SQL_PROFILE_PLAN_MS ?? 1.5) && !e.plan && st?.name && /^\s*select\b/i.test(text)) {
    const lits = serializeParams(st, params).map((v) => (v === null ? 'null' : `'${String(v).replaceAll("'", "''")}'`));
    const inTx = db.isInTransaction();
    const explain = `explain (analyze, buffers) execute ${st.name}${lits.length ? `(${lits.join(', ')})` : ''}`;
    const sqlText = inTx ? `savepoint gisurg_explain; ${explain}; release savepoint gisurg_explain` : explain;
    try {
      const ex = await protocolCall(serialize.query(sqlText));
      e.plan = parse
        .parseResults(ex, db.parsers)
        .flatMap((x) => x.rows ?? [])
        .map((x) => x['QUERY PLAN'])
        .join('\n');
    } catch (err) {
      e.plan = `EXPLAIN failed: ${err instanceof Error ? err.message : String(err)}`;
      if (inTx) await protocolCall(serialize.query('rollback to savepoint gisurg_explain; release savepoint gisurg_explain'));
    }
  }
  return r;
}

async function runPreparedNow(text, params, rowMode) {
  const st = await statementFor(text);
  const values = serializeParams(st, params);
  const closes = toClose.splice(0).map((name) => serialize.close({ type: 'S', name }));
  let messages;
  try {
    const run = st.planEach
      ? [
          serialize.parse({ text, types: st.types }),
          serialize.bind({ values }),
          serialize.describe({ type: 'P' }),
          serialize.execute({}),
          serialize.sync(),
        ]
      : [serialize.bind({ statement: st.name, values }), serialize.execute({}), serialize.sync()];
    messages = await protocolCall(concat([...closes, ...run]));
  } catch (e) {
    if (e?.code === '0A000' && /cached plan/.test(e.message ?? '')) statements.delete(text);
    throw e;
  }
  const described = !st.planEach && st.rowDescription ? [st.rowDescription, ...messages] : messages;
  return parse.parseResults(described, db.parsers, { rowMode })[0];
}

/** A statement with parameters, prepared when it can be, inside the open transaction `tx` or on its own. */
async function query(tx, text, params, rowMode) {
  if (!PREPARABLE.test(text) || params.length > MAX_PREPARED_PARAMS || text.includes(';'))
    return profiled(text, target(tx).query(text, params, { rowMode }));
  if (tx !== undefined) {
    target(tx); // the transaction is still open
    return db._runExclusiveQuery(() => runPrepared(text, params, rowMode));
  }
  // As PGlite's own query: wait for any open transaction, then run alone, then let the file system catch up. A
  // statement whose result columns changed since it was prepared (dropped from the cache) is prepared afresh once.
  const r = await db._runExclusiveTransaction(() =>
    db._runExclusiveQuery(() =>
      runPrepared(text, params, rowMode).catch((e) => {
        if (e?.code === '0A000' && !statements.has(text)) return runPrepared(text, params, rowMode);
        throw e;
      }),
    ),
  );
  await db.syncToFs();
  return r;
}

/**
 * A first start: the build's empty database (db/pglite-template.ts) copied into the new data folder here, while the
 * main thread loads the server — eight files at a time on libuv's thread pool (the ~1,400 files in ~0.2 s on a quiet
 * machine; `cpSync` takes ~0.6 s). A half copy must not pass for a database: on failure the folder is removed and
 * the opening fails with the reason.
 */
async function copyTemplate(from, to) {
  try {
    const files = [];
    const walk = (a, b) => {
      mkdirSync(b, { recursive: true });
      for (const e of readdirSync(a, { withFileTypes: true })) {
        if (e.isDirectory()) walk(path.join(a, e.name), path.join(b, e.name));
        else files.push([path.join(a, e.name), path.join(b, e.name)]);
      }
    };
    walk(from, to);
    let next = 0;
    const copier = async () => {
      while (next < files.length) {
        const [a, b] = files[next++];
        await copyFile(a, b);
      }
    };
    await Promise.all(Array.from({ length: 8 }, copier));
  } catch (e) {
    rmSync(to, { recursive: true, force: true });
    throw new Error(`could not copy the empty-database template into ${to}: ${e instanceof Error ? e.message : String(e)}`, {
      cause: e,
    });
  }
}

/**
 * Until PGlite is open, everything else that arrives waits, in order: the server sends its first statements while the
 * database still opens (db/early-pglite.ts — it builds itself meanwhile, and a first start's template copy may still
 * be running when they come). If the opening fails, each is answered with its error.
 */
let opened = false;
let settleOpening;
const opening = new Promise((resolve, reject) => (settleOpening = { resolve, reject }));
opening.catch(() => undefined);

parentPort.on('message', (m) => {
  if (!opened && m.op !== 'open') {
    opening.then(
      () => handle(m),
      (e) => parentPort.postMessage({ id: m.id, ok: false, error: errorOf(e) }),
    );
    return;
  }
  handle(m);
});

function handle(m) {
  switch (m.op) {
    case 'open': {
      const open = (async () => {
        if (m.copyFrom) await copyTemplate(m.copyFrom, m.dataDir);
        // On top of PGlite's own start parameters: the buffer pool sized by the server (db/pglite-buffers.ts).
        const options = m.startParams ? { startParams: [...PGlite.defaultStartParams, ...m.startParams] } : {};
        db = m.image
          ? new PGlite({ loadDataDir: new Blob([m.image]), ...options })
          : m.dataDir
            ? new PGlite(m.dataDir, options)
            : new PGlite(options);
        await db.waitReady;
        // Set Drizzle's parsers once on the instance (after PGlite registered its array types): passed with each
        // query, PGlite copies its whole parser table per statement.
        Object.assign(db.parsers, DRIZZLE_PARSERS);
        await db.exec(`SET TIME ZONE 'UTC'`);
        return null;
      })();
      // First the opening's own answer and the end of the wait, then the statements that waited (in order).
      reply(m.id, open);
      open.then(
        () => {
          opened = true;
          settleOpening.resolve();
        },
        (e) => settleOpening.reject(e),
      );
      return;
    }
    case 'query':
      // A pipelined transaction's unread statement (pglite-worker-client.ts): answered only when it fails.
      if (m.quiet) {
        query(m.tx, m.sql, m.params ?? [], m.rowMode).catch((e) => parentPort.postMessage({ id: m.id, ok: false, error: errorOf(e) }));
        return;
      }
      reply(
        m.id,
        (async () => {
          const r = await query(m.tx, m.sql, m.params ?? [], m.rowMode);
          return { rows: r.rows, fields: r.fields, affectedRows: r.affectedRows };
        })(),
      );
      return;
    case 'exec':
      reply(
        m.id,
        (async () => {
          const rs = await profiled(m.sql, target(m.tx).exec(m.sql));
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
}
