import { defineConfig } from 'vitest/config';

/**
 * Test tiers (see docs/architecture.md "Tests"):
 * - small:  pure functions (packages/clinical, pure server modules), no I/O.
 * - medium: server use cases and routes in-process on a fresh PGlite per suite,
 *           and on PostgreSQL when TEST_DATABASE_URL is set (project "medium-pg").
 * - web:    React components under jsdom.
 * The e2e tier runs separately with Playwright (e2e/playwright.config.ts).
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
