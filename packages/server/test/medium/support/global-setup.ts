import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { demoTemplateName } from './fixtures.js';

/**
 * Once per test run and project: a folder where the first demo suite leaves the seeded demo (a PGlite image, or
 * the name of a PostgreSQL template database) for the others; removed, with the template, when the run ends.
 */
export default function setup(project: TestProject): () => Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gisurg-fixtures-'));
  project.provide('gisurgFixtures', dir);
  return async () => {
    rmSync(dir, { recursive: true, force: true });
    const base = process.env.TEST_DATABASE_URL;
    if (!base) return;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    try {
      await admin.query(`drop database if exists ${demoTemplateName(dir)} with (force)`);
    } finally {
      await admin.end();
    }
  };
}
