import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../../../src/db/connection.js';
import { applyMigrations } from '../../../src/db/migrate.js';
import { bootstrap, type BootstrapResult } from '../../../src/seed/bootstrap.js';
import { seedDemo } from '../../../src/seed/demo/index.js';
import { actorOf } from '../../../src/seed/demo/actor.js';
import { ManualClock } from '../../../src/clock.js';
import type { UseCaseContext } from '../../../src/core/context.js';
import { demoTemplateName, migratedImageName, migratedTemplateName, postgresUrlOf } from './fixtures.js';

export type TestEngine = 'pglite' | 'postgresql';

/**
 * Suites on the embedded database run it in a worker thread, as the server does (PGLITE_WORKER, ADR 0016);
 * GISURG_TEST_PGLITE_WORKER=0 runs them on in-process PGlite instead.
 */
const PGLITE_WORKER = process.env.GISURG_TEST_PGLITE_WORKER !== '0';

export function testEngine(): TestEngine {
  return process.env.GISURG_TEST_ENGINE === 'postgresql' ? 'postgresql' : 'pglite';
}

export interface TestDatabase extends Database {
  /** Drops the database (PostgreSQL) or closes the in-memory instance (PGlite). */
  destroy(): Promise<void>;
  /** The connection URL of this suite's own database (PostgreSQL only). */
  url: string | null;
}

/**
 * A fresh, migrated database per suite: in-memory PGlite, or on PostgreSQL (TEST_DATABASE_URL) a new
 * database created for the suite and dropped after, so suites never share rows.
 *
 * The migrations run once per test run and engine (support/global-setup.ts) — into a PGlite data-directory
 * image, or a PostgreSQL template database — and each suite starts from a copy: a fresh PGlite runs initdb
 * (~5 s of CPU) and the migrations (~1.3 s), loading the image costs ~2 s. Without the run's fixtures folder
 * (a suite run outside the medium project) every call migrates its own.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const dir = fixturesDir();
  if (testEngine() === 'pglite') {
    const database = dir
      ? await openDatabase({ pgliteImage: new Blob([readFileSync(path.join(dir, migratedImageName))]), pgliteWorker: PGLITE_WORKER })
      : await openDatabase({ pgliteWorker: PGLITE_WORKER });
    if (!dir) await applyMigrations(database);
    return { ...database, url: null, destroy: () => database.close() };
  }
  const name = `gisurg_t_${randomBytes(6).toString('hex')}`;
  if (dir) return newPostgresDatabase(name, migratedTemplateName(dir));
  const database = await newPostgresDatabase(name);
  await applyMigrations(database);
  return database;
}

/** The demo data every demo suite reads: the clock, the size and the demo accounts' password. */
export const DEMO_NOW = new Date('2026-11-26T02:00:00Z'); // a Thursday, 10:00 in Shanghai
export const DEMO_PASSWORD = 'Demo-Passw0rd';
export const DEMO_PATIENTS = 200;
export const DEMO_TIME_ZONE = 'Asia/Shanghai';

export interface DemoDatabase extends TestDatabase {
  boot: BootstrapResult;
}

/**
 * A suite's own copy of the seeded demo database (bootstrap + `seedDemo` at DEMO_NOW, DEMO_PATIENTS patients).
 * The demo is seeded once per test run and engine — a PGlite data-directory image, or a PostgreSQL template
 * database — and each suite gets a copy, so suites still never share rows (support/global-setup.ts makes the
 * run's folder and removes the fixtures after). Without that folder (a suite run outside the medium project)
 * every call seeds its own.
 */
export async function createDemoDatabase(): Promise<DemoDatabase> {
  const dir = fixturesDir();
  if (!dir) {
    const database = await createTestDatabase();
    return { ...database, boot: await seedDemoInto(database) };
  }
  if (testEngine() === 'pglite') {
    const image = path.join(dir, 'demo-pglite.tar');
    const bootFile = path.join(dir, 'demo-pglite.json');
    await withLock(path.join(dir, 'demo-pglite.lock'), async () => {
      if (existsSync(bootFile)) return;
      const database = await createTestDatabase();
      const boot = await seedDemoInto(database);
      const blob = await database.dumpImage!();
      writeFileSync(image, Buffer.from(await blob.arrayBuffer()));
      await database.destroy();
      writeFileSync(bootFile, JSON.stringify(boot));
    });
    const database = await openDatabase({ pgliteImage: new Blob([readFileSync(image)]), pgliteWorker: PGLITE_WORKER });
    return { ...database, url: null, destroy: () => database.close(), boot: JSON.parse(readFileSync(bootFile, 'utf8')) as BootstrapResult };
  }
  const template = demoTemplateName(dir);
  const bootFile = path.join(dir, 'demo-postgresql.json');
  await withLock(path.join(dir, 'demo-postgresql.lock'), async () => {
    if (existsSync(bootFile)) return;
    const database = await newPostgresDatabase(template, migratedTemplateName(dir));
    const boot = await seedDemoInto(database);
    await database.close(); // a template database has no sessions while it is copied
    writeFileSync(bootFile, JSON.stringify(boot));
  });
  const database = await newPostgresDatabase(`gisurg_t_${randomBytes(6).toString('hex')}`, template);
  return { ...database, boot: JSON.parse(readFileSync(bootFile, 'utf8')) as BootstrapResult };
}

async function seedDemoInto(database: Database): Promise<BootstrapResult> {
  const boot = await bootstrap(database.db, { adminPassword: undefined, now: DEMO_NOW });
  // As `gisurg serve` seeds a first start: through the pipelined handle on the PGlite worker (ADR 0023).
  await seedDemo(database.bulkDb ?? database.db, {
    ...boot,
    demoPassword: DEMO_PASSWORD,
    patients: DEMO_PATIENTS,
    now: DEMO_NOW,
    timeZone: DEMO_TIME_ZONE,
  });
  return boot;
}

function fixturesDir(): string | null {
  try {
    return inject('gisurgFixtures') ?? null;
  } catch {
    return null;
  }
}

/** One writer at a time across the run's worker processes (mkdir is atomic); readers wait for it. */
async function withLock(lock: string, fn: () => Promise<void>): Promise<void> {
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    await fn();
  } finally {
    rmdirSync(lock);
  }
}

async function adminQuery(text: string): Promise<void> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error('GISURG_TEST_ENGINE=postgresql needs TEST_DATABASE_URL');
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(text);
  } finally {
    await admin.end();
  }
}

/** A new database on the test server (empty, or a copy of `template`), dropped by destroy(). */
async function newPostgresDatabase(name: string, template?: string): Promise<TestDatabase> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error('GISURG_TEST_ENGINE=postgresql needs TEST_DATABASE_URL');
  await adminQuery(`create database ${name}${template ? ` template ${template}` : ''}`);
  const url = postgresUrlOf(base, name);
  const database = await openDatabase({ databaseUrl: url, poolMax: 8 });
  return {
    ...database,
    url,
    async destroy() {
      await database.close();
      await adminQuery(`drop database if exists ${name} with (force)`);
    },
  };
}

/**
 * A use-case context acting as a demo account (the demo seed's own `actorOf`), at DEMO_NOW in the demo's
 * time zone: for suites that call use cases directly on the demo database.
 */
export async function demoContext(database: DemoDatabase, username: string, requestId = 'test'): Promise<UseCaseContext> {
  const actor = await actorOf(database.db, username);
  if (!actor) throw new Error(`no demo account ${username}`);
  return {
    db: database.db,
    actor,
    meta: { requestId, clientIp: null, userAgent: null },
    locale: 'zh-CN',
    clock: new ManualClock(DEMO_NOW),
    timeZone: DEMO_TIME_ZONE,
  };
}
