import path from 'node:path';

declare module 'vitest' {
  export interface ProvidedContext {
    /** This run's folder for seeded fixtures shared by the medium suites (support/test-db.ts). */
    gisurgFixtures: string;
  }
}

/** The PostgreSQL template database holding a run's seeded demo (test-db.ts makes it, global-setup.ts drops it). */
export function demoTemplateName(fixturesDir: string): string {
  return `gisurg_demo_${path
    .basename(fixturesDir)
    .replace(/[^a-z0-9]/gi, '')
    .toLowerCase()}`;
}
