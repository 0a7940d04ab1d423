import { test as base } from '@playwright/test';
import { E2E_PORT } from './playwright.config.js';

/**
 * Every journey runs against the server of its own worker (playwright.config.ts starts one per worker, each on a
 * fresh embedded database with the demo data): two journeys at a time never share a database, so each sees the
 * demo department and what earlier journeys of its worker did — as on one worker, only split in two.
 */
export const test = base.extend({
  // Playwright reads a fixture's dependencies from the destructured first argument: this one needs none.
  // eslint-disable-next-line no-empty-pattern
  baseURL: async ({}, use, testInfo) => {
    await use(`http://127.0.0.1:${E2E_PORT + testInfo.parallelIndex}`);
  },
});
export { expect } from '@playwright/test';
