import path from 'node:path';

declare module 'vitest' {
  export interface ProvidedContext {
    /** This run's folder for seeded fixtures shared by the medium suites (support/test-db.ts). */
    gisurgFixtures: string;
  }
}

const runId = (fixturesDir: string) =>
  path
    .basename(fixturesDir)
    .replace(/[^a-z0-9]/gi, '')
    .toLowerCase();

/** The PostgreSQL template database holding a run's seeded demo (test-db.ts makes it, global-setup.ts drops it). */
export function demoTemplateName(fixturesDir: string): string {
  return `gisurg_demo_${runId(fixturesDir)}`;
}

/** The PostgreSQL template database holding a run's migrated, empty schema (global-setup.ts makes and drops it). */
export function migratedTemplateName(fixturesDir: string): string {
  return `gisurg_migr_${runId(fixturesDir)}`;
}

/** The PGlite data-directory image of the migrated, empty schema in the run's folder (global-setup.ts makes it). */
export const migratedImageName = 'migrated-pglite.tar';

/** The URL of database `name` on the server of `base`. */
export function postgresUrlOf(base: string, name: string): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}
