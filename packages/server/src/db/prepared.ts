import type { Db } from './types.js';

/**
 * Prepared statements for hot queries (issue 18): the Drizzle query is built once per database handle and
 * name, not on every request; on PostgreSQL it is also a named server-side prepared statement (parsed and
 * planned once per pool connection). Only for the root handle — never a transaction object.
 */
const cache = new WeakMap<Db, Map<string, unknown>>();

/**
 * `serverSide: false` keeps the built query but lets PostgreSQL plan each execution with its values (an unnamed
 * statement): needed when the plan depends on a value, e.g. `term LIKE $1` uses the index only when the planner
 * sees the pattern's fixed prefix — a generic plan of a named statement would scan the table.
 */
export function prepared<T>(db: Db, name: string, build: (db: Db, name: string) => T, opts: { serverSide?: boolean } = {}): T {
  let byName = cache.get(db);
  if (!byName) {
    byName = new Map();
    cache.set(db, byName);
  }
  let q = byName.get(name) as T | undefined;
  if (q === undefined) {
    q = build(db, opts.serverSide === false ? '' : `gisurg_${name}`);
    byName.set(name, q);
  }
  return q;
}
