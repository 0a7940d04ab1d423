import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../../src/db/connection.js';
import { applyMigrations } from '../../../src/db/migrate.js';
import { demoTemplateName, migratedImageName, migratedTemplateName, postgresUrlOf } from './fixtures.js';

/**
 * Once per test run and project: a folder with the migrated, empty schema that every suite starts from (a PGlite
 * data-directory image, or a PostgreSQL template database, made here before the first suite), where the first demo
 * suite also leaves the seeded demo for the others; removed, with the templates, when the run ends.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gisurg-fixtures-'));
  project.provide('gisurgFixtures', dir);
  const base = process.env.TEST_DATABASE_URL;
  const postgresql = project.config.env?.GISURG_TEST_ENGINE === 'postgresql';
  const teardown = async () => {
    rmSync(dir, { recursive: true, force: true });
    if (!base) return;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    try {
      await admin.query(`drop database if exists ${demoTemplateName(dir)} with (force)`);
      await admin.query(`drop database if exists ${migratedTemplateName(dir)} with (force)`);
    } finally {
      await admin.end();
    }
  };
  try {
    if (postgresql) {
      if (!base) throw new Error('GISURG_TEST_ENGINE=postgresql needs TEST_DATABASE_URL');
      const admin = new pg.Client({ connectionString: base });
      await admin.connect();
      try {
        await admin.query(`create database ${migratedTemplateName(dir)}`);
      } finally {
        await admin.end();
      }
      const database = await openDatabase({ databaseUrl: postgresUrlOf(base, migratedTemplateName(dir)), poolMax: 2 });
      try {
        await applyMigrations(database);
      } finally {
        await database.close(); // a template database has no sessions while it is copied
      }
    } else {
      const database = await openDatabase({});
      try {
        await applyMigrations(database);
        const blob = await database.dumpImage!();
        writeFileSync(path.join(dir, migratedImageName), Buffer.from(await blob.arrayBuffer()));
      } finally {
        await database.close();
      }
    }
  } catch (e) {
    await teardown();
    throw e;
  }
  return teardown;
}
