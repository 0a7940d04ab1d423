import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/sql.js';
import { PgliteMaintenance } from '../../src/jobs/pglite-maintenance.js';
import { aPatient } from './support/builders.js';
import { createTestWorld, type TestWorld } from './support/test-app.js';

let w: TestWorld;
beforeAll(async () => {
  w = await createTestWorld();
});
afterAll(async () => w.close());

const reltuples = async () =>
  Number((await queryRows<{ n: number }>(w.db, sql`select reltuples::int as n from pg_class where relname = 'patients'`))[0]?.n ?? -1);

describe('database maintenance', () => {
  it('refreshes planner statistics on the embedded database (no autovacuum there); PostgreSQL keeps its own', async () => {
    for (let i = 0; i < 30; i += 1) await aPatient(w.homeOrgId).build(w.db);
    const errors: unknown[] = [];
    const job = new PgliteMaintenance(w.database, (e) => errors.push(e));
    await job.start();
    await job.run('vacuum');
    await job.stop();
    expect(errors).toEqual([]);
    if (w.database.engine === 'pglite') expect(await reltuples()).toBeGreaterThanOrEqual(30);
  });
});
