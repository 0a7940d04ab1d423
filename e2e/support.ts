import { expect, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from './playwright.config.js';

export async function signIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('user-menu')).toBeVisible();
}

export async function signOut(page: Page): Promise<void> {
  await page.getByTestId('user-menu').hover();
  await page.getByRole('menuitem', { name: /退出登录|Sign out/ }).click();
  await expect(page.getByTestId('login-submit')).toBeVisible();
}

/** Choose an option of the antd Select carrying `testId`, by the start of its text. */
export async function pick(page: Page, testId: string, text: RegExp, shown: RegExp = text) {
  const select = page.getByTestId(testId);
  await expect(async () => {
    await select.click();
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .filter({ hasText: text })
      .first()
      .click({ timeout: 2000 });
    await expect(select.locator('.ant-select-content, .ant-select-selection-item').first()).toHaveText(shown, { timeout: 1000 });
  }).toPass({ timeout: 15_000 });
}

/** Like `pick`, for long lists: types `search` into the Select first, and retries until the choice shows. */
export async function pickSearch(page: Page, testId: string, search: string, text: RegExp, shown: RegExp = text) {
  const select = page.getByTestId(testId);
  await expect(async () => {
    await select.click();
    // fill, not type: a retry must not append to what the last attempt typed.
    await select.locator('input').fill(search);
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .filter({ hasText: text })
      .first()
      .click({ timeout: 2000 });
    await expect(select.locator('.ant-select-content, .ant-select-selection-item').first()).toHaveText(shown, { timeout: 1000 });
  }).toPass({ timeout: 15_000 });
}

/** Add an option to a multiple Select by searching: retries until its tag shows, never clicking a chosen one twice. */
export async function pickMany(page: Page, testId: string, search: string, text: string) {
  const select = page.getByTestId(testId);
  await expect(async () => {
    if ((await select.textContent())?.includes(text)) return;
    await select.click();
    await select.locator('input').fill(search);
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .filter({ hasText: text })
      .first()
      .click({ timeout: 2000 });
    await expect(select).toContainText(text, { timeout: 2000 });
  }).toPass({ timeout: 15_000 });
  await page.keyboard.press('Escape');
}

export async function fillDate(page: Page, testId: string, value: string) {
  const input = page.getByTestId(testId);
  await input.click();
  await input.fill(value);
  await input.press('Enter');
  await expect(input).toHaveValue(value);
  await page.keyboard.press('Escape');
}
