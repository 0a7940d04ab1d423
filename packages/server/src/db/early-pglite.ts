import path from 'node:path';
import type { Config } from '../config.js';
import { acquireDataDirLock, type DataDirLock } from './lock.js';
import { PgliteWorkerClient } from './pglite-worker-client.js';
import { pgliteStartParams } from './pglite-buffers.js';
import { newPgliteDirPlan } from './pglite-template.js';

/** Where the embedded database lives inside DATA_DIR. */
export function pgliteDirOf(config: Config): string {
  return path.join(config.dataDir, 'pglite');
}

/** The embedded database, already opening in its worker thread (openPgliteEarly). */
export interface EarlyPglite {
  lock: DataDirLock;
  /** The database is new this start: copied from the build's template, or made by initdb. */
  created: 'template' | 'initdb' | null;
  /** The client at once; statements sent before `opened` wait in the worker (PgliteWorkerClient.start). */
  client: PgliteWorkerClient;
  opened: Promise<void>;
}

/**
 * Start opening the embedded database before the server's modules are loaded (issue 18, start-up): the worker
 * thread starts WebAssembly and opens the data folder on the second core while the main thread evaluates Fastify,
 * Drizzle and the features (~1 s each on a warm start, one after the other before). Takes the DATA_DIR lock first,
 * as openRuntime does. Null for PostgreSQL or without the worker thread (PGLITE_WORKER=0). This module imports only
 * what it needs, so that main.ts can call it before loading the rest.
 */
export function openPgliteEarly(config: Config): EarlyPglite | null {
  if (config.databaseUrl || !config.pgliteWorker) return null;
  const lock = acquireDataDirLock(config.dataDir);
  const dir = pgliteDirOf(config);
  // A first start copies the build's empty database (initdb and migrations done; db/pglite-template.ts) when it can:
  // the database thread copies it while this one loads the server's modules.
  const plan = newPgliteDirPlan(dir);
  const copyFrom = plan.created === 'template' ? plan.copyFrom : undefined;
  const startParams = pgliteStartParams({ pgliteDir: copyFrom ?? dir, pgliteSharedBuffers: config.pgliteSharedBuffers });
  const { client, opened } = PgliteWorkerClient.start({ dataDir: dir, copyFrom, startParams });
  // Whoever awaits it sees the failure; until then it is not an unhandled rejection.
  opened.catch(() => undefined);
  return { lock, created: plan.created, client, opened };
}
