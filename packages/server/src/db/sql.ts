import type { SQL } from 'drizzle-orm';
import type { Db } from './types.js';

/** Run a raw SQL query and return its rows (both drivers return `{ rows }`). */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const r: unknown = await db.execute(query);
  return (r as { rows: T[] }).rows;
}
