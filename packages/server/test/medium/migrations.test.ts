import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import * as schema from '../../src/db/schema/index.js';
import { migrationsFolder } from '../../src/db/migrate.js';

// drizzle-kit's programmatic API is CommonJS.
const require = createRequire(import.meta.url);
const kit = require('drizzle-kit/api') as {
  generateDrizzleJson: (imports: Record<string, unknown>) => unknown;
  generateMigration: (prev: unknown, cur: unknown) => Promise<string[]>;
};

describe('migrations', () => {
  it('match the Drizzle schema: generating from the schema adds nothing to the last committed snapshot', async () => {
    const meta = path.join(migrationsFolder, 'meta');
    const snapshots = readdirSync(meta)
      .filter((f) => f.endsWith('_snapshot.json'))
      .sort();
    const last = JSON.parse(readFileSync(path.join(meta, snapshots[snapshots.length - 1]!), 'utf8')) as unknown;
    const current = kit.generateDrizzleJson(schema);
    const statements = await kit.generateMigration(last, current);
    expect(statements, 'run `npm run db:generate` and commit the migration').toEqual([]);
  });

  it('are listed in the journal in order, one file each', () => {
    const journal = JSON.parse(readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
      entries: { idx: number; tag: string }[];
    };
    const files = readdirSync(migrationsFolder)
      .filter((f) => f.endsWith('.sql'))
      .sort();
    expect(journal.entries.map((e) => `${e.tag}.sql`)).toEqual(files);
    expect(journal.entries.map((e) => e.idx)).toEqual(files.map((_, i) => i));
  });

  it('use only timestamptz for timestamps (trust.md S27)', () => {
    const all = readdirSync(migrationsFolder)
      .filter((f) => f.endsWith('.sql'))
      .map((f) => readFileSync(path.join(migrationsFolder, f), 'utf8'))
      .join('\n');
    expect(all).not.toMatch(/timestamp(?! with time zone)(\s|,|\))/);
  });
});
