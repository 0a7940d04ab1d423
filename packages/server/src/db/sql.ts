import type { SQL } from 'drizzle-orm';
import type { Db } from './types.js';

/** Run a raw SQL query and return its rows (both drivers return `{ rows }`). */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const r: unknown = await db.execute(query);
  return (r as { rows: T[] }).rows;
}

/**
 * Run queries one after another and collect their results as a tuple. Use this instead of `Promise.all` for
 * queries that may run on a transaction: a transaction is one connection, and node-postgres deprecates
 * (pg 9 removes) sending a query while another is still running on the same client.
 */
export async function inSequence<T extends readonly unknown[] | []>(steps: { [K in keyof T]: () => PromiseLike<T[K]> }): Promise<T> {
  const out: unknown[] = [];
  for (const step of steps as readonly (() => PromiseLike<unknown>)[]) out.push(await step());
  return out as unknown as T;
}
