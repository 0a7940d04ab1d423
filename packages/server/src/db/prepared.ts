import type { Db } from './types.js';

/**
 * Prepared statements for hot queries (issue 18): the Drizzle query is built once per database handle and
 * name, not on every request; on PostgreSQL it is also a named server-side prepared statement (parsed and
 * planned once per pool connection). Only for the root handle — never a transaction object.
 */
const cache = new WeakMap<Db, Map<string, unknown>>();

export function prepared<T>(db: Db, name: string, build: (db: Db, name: string) => T): T {
  let byName = cache.get(db);
  if (!byName) {
    byName = new Map();
    cache.set(db, byName);
  }
  let q = byName.get(name) as T | undefined;
  if (q === undefined) {
    q = build(db, `gisurg_${name}`);
    byName.set(name, q);
  }
  return q;
}
