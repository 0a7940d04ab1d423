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
