import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Column, is as drizzleIs, Param, Placeholder, SQL, sql, Subquery, Table, View } from 'drizzle-orm';
import { alias, integer, PgColumn, PgTable, pgTable, pgView, text, uuid } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { ensureServerBuilt, memoizeDrizzleIs, serverBundle } from '../../../../scripts/build-server.mjs';

/**
 * The server bundle carries Drizzle with a memory for `is()` (ADR 0023): it must answer exactly as Drizzle's own for
 * every kind of object Drizzle builds queries from, and the build must stop when Drizzle's `is()` changes.
 */
const entitySource = readFileSync(path.join(path.dirname(createRequire(import.meta.url).resolve('drizzle-orm')), 'entity.js'), 'utf8');

async function memoizedIs(): Promise<typeof drizzleIs> {
  const code = memoizeDrizzleIs(entitySource);
  const mod = (await import(`data:text/javascript,${encodeURIComponent(code)}`)) as { is: typeof drizzleIs };
  return mod.is;
}

const patients = pgTable('patients', { id: uuid('id').primaryKey(), name: text('name').notNull(), age: integer('age') });
const p2 = alias(patients, 'p2');
const view = pgView('adults').as((qb) => qb.select().from(patients));

describe("Drizzle's is() with a memory", () => {
  it('answers as Drizzle for every pair of query part and class, asked first and asked again', async () => {
    const is = await memoizedIs();
    const values: unknown[] = [
      patients,
      p2,
      patients.id,
      patients.name,
      p2.age,
      view,
      sql`select ${patients.id} from ${patients} where ${patients.name} = ${'王小明'}`,
      sql.raw('select 1'),
      sql.placeholder('n'),
      new Param(1),
      new Param(sql.placeholder('x')),
      ...sql`a ${1}`.queryChunks,
      {},
      [],
      [1, 2],
      'text',
      42,
      null,
      undefined,
      new Date(),
    ];
    const classes = [Table, PgTable, Column, PgColumn, SQL, Param, Placeholder, View, Subquery, SQL.Aliased];
    for (let round = 0; round < 2; round += 1)
      for (const v of values) for (const c of classes) expect([round, is(v, c as never)]).toEqual([round, drizzleIs(v, c as never)]);
  });

  it('still refuses a class that is not a Drizzle entity', async () => {
    const is = await memoizedIs();
    class NotDrizzle {}
    expect(() => is({}, NotDrizzle as never)).toThrow(/doesn't look like a Drizzle entity/);
    expect(() => drizzleIs({}, NotDrizzle as never)).toThrow(/doesn't look like a Drizzle entity/);
  });

  it('stops the build when Drizzle’s is() reads differently', () => {
    expect(() => memoizeDrizzleIs(entitySource.replace('return false;\n}', 'return false; }'))).toThrow(/is\(\) changed/);
  });

  it('is what the server bundle carries', () => {
    ensureServerBuilt({ quiet: true });
    const dist = path.dirname(serverBundle);
    const chunks = readdirSync(dist).filter((f) => f.endsWith('.mjs'));
    expect(chunks.some((f) => readFileSync(path.join(dist, f), 'utf8').includes('function isUnremembered('))).toBe(true);
    // Bundled, not imported from node_modules (an import of it there would bring Drizzle's own is() back).
    const importsDrizzle = /^import[^;]*from\s*["']drizzle-orm/m;
    expect(chunks.filter((f) => importsDrizzle.test(readFileSync(path.join(dist, f), 'utf8')))).toEqual([]);
  });
});
