import { defineConfig } from 'vitest/config';

/**
 * Test tiers (see docs/architecture.md "Tests"):
 * - small:  pure functions (packages/clinical, pure server modules), no I/O.
 * - medium: server use cases and routes in-process on a fresh PGlite per suite,
 *           and on PostgreSQL when TEST_DATABASE_URL is set (project "medium-pg").
 * - web:    React components under jsdom.
 * The e2e tier runs separately with Playwright (e2e/playwright.config.ts).
 *
 * The medium tiers run without module isolation (`isolate: false`): a worker imports the server once and runs file
 * after file on it, each file still on its own fresh database. Importing the whole server afresh for each of ~85
 * files cost more than the tests (PGlite medium: 256 s isolated, 174 s shared, 2 workers). It holds because the
 * server keeps no per-test module state (feature registration and event subscriptions are idempotent, caches are
 * per database handle) and medium tests never mock or stub modules, timers or the environment (eslint forbids it).
 */
const hasPg = Boolean(process.env.TEST_DATABASE_URL);

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'small',
          include: [
            'packages/clinical/test/**/*.test.ts',
            'packages/contracts/test/**/*.test.ts',
            'packages/clinical/src/**/*.test.ts',
            'packages/server/src/**/*.test.ts',
          ],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'medium',
          isolate: false,
          // test/process starts the real server as a child process on the embedded database.
          include: ['packages/server/test/medium/**/*.test.ts', 'packages/server/test/process/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          globalSetup: ['packages/server/test/medium/support/global-setup.ts'],
          env: { GISURG_TEST_ENGINE: 'pglite' },
        },
      },
      ...(hasPg
        ? [
            {
              test: {
                name: 'medium-pg',
                isolate: false,
                include: ['packages/server/test/medium/**/*.test.ts'],
                environment: 'node',
                testTimeout: 60_000,
                hookTimeout: 120_000,
                globalSetup: ['packages/server/test/medium/support/global-setup.ts'],
                env: { GISURG_TEST_ENGINE: 'postgresql' },
              },
            },
          ]
        : []),
      './packages/web/vitest.config.ts',
    ],
  },
});
