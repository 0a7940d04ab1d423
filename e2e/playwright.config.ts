import { defineConfig } from '@playwright/test';

/**
 * Browser journeys in Debian's Chromium (never a downloaded browser) against the built app served by the
 * real server on a fresh embedded database with demo data (e2e/server.mjs).
 */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 8790);
export const DEMO_PASSWORD = 'E2e-Demo-Passw0rd';
/**
 * Journeys run two at a time by default, each worker against its own server and database (e2e/fixtures.ts gives a
 * worker the port E2E_PORT + its index): no journey sees another's writes as they happen, and the tier takes about
 * half the time it took on one worker.
 */
const WORKERS = Number(process.env.E2E_WORKERS ?? 2);

export default defineConfig({
  testDir: '.',
  testMatch: /.*\.spec\.ts$/,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: WORKERS,
  retries: 0,
  reporter: [['list']],
  outputDir: '../test-results/e2e',
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}`,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1366, height: 768 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-first-run',
      ],
    },
  },
  webServer: Array.from({ length: WORKERS }, (_, i) => ({
    command: 'node e2e/server.mjs',
    cwd: '..',
    url: `http://127.0.0.1:${E2E_PORT + i}/api/health`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: 'pipe' as const,
    stderr: 'pipe' as const,
    env: { E2E_PORT: String(E2E_PORT + i), GISURG_DEMO_PASSWORD: DEMO_PASSWORD },
  })),
});
