import { createHmac } from 'node:crypto';
import { type Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { DEMO_PASSWORD } from './playwright.config.js';
import { signIn, signOut } from './support.js';

/**
 * Issue 17: a user turns two-factor authentication on (QR code and key, a code, ten recovery codes shown once),
 * signs in in two steps, sees their sessions and signs out everywhere else; the security administrator resets the
 * user's MFA. Uses `newsurgeon`, an account no other journey signs in with (the demo requires MFA of no role).
 */
function base32Decode(text: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of text.replace(/\s/g, '').toUpperCase()) {
    value = (value << 5) | alphabet.indexOf(ch);
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** RFC 6238 TOTP, as an authenticator app computes it. */
function totp(secret: string, at = Date.now()): string {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(Math.floor(at / 30_000)));
  const h = createHmac('sha1', base32Decode(secret)).update(msg).digest();
  const o = h[h.length - 1]! & 0x0f;
  const bin = ((h[o]! & 0x7f) << 24) | (h[o + 1]! << 16) | (h[o + 2]! << 8) | h[o + 3]!;
  return String(bin % 1_000_000).padStart(6, '0');
}

async function openAccountSecurity(page: Page) {
  await page.getByTestId('user-menu').hover();
  await page.getByRole('menuitem', { name: /账户安全|Account security/ }).click();
  await expect(page.getByTestId('mfa-card')).toBeVisible();
}

/** The OK button of the open Popconfirm. */
async function confirmPopover(page: Page) {
  await page.locator('.ant-popover:not(.ant-popover-hidden) .ant-popconfirm-buttons button').last().click();
}

async function signInWithCode(page: Page, username: string, code: string) {
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('login-mfa-code').fill(code);
  await page.getByTestId('login-mfa-submit').click();
  await expect(page.getByTestId('user-menu')).toBeVisible();
}

test('two-factor sign-in, recovery codes, sessions and the security administrator’s reset', async ({ page, browser, baseURL }) => {
  test.setTimeout(240_000);
  await page.goto('/');
  await signIn(page, 'newsurgeon');
  await openAccountSecurity(page);
  await expect(page.getByTestId('mfa-status')).toHaveText('未启用');

  // Enrol: the QR code and the key; a code from the "authenticator"; ten recovery codes shown once.
  await page.getByTestId('mfa-enrol').click();
  await page.getByTestId('mfa-start').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.locator('canvas, svg').first()).toBeVisible();
  const secret = (await page.getByTestId('mfa-secret').innerText()).trim();
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await page.getByTestId('mfa-confirm-code').fill('000000');
  await page.getByTestId('mfa-confirm').click();
  await expect(page.getByTestId('mfa-error')).toContainText('验证码不正确');
  await page.getByTestId('mfa-confirm-code').fill(totp(secret));
  await page.getByTestId('mfa-confirm').click();
  const codesText = await page.getByTestId('recovery-codes').locator('pre').innerText();
  const codes = codesText
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);
  expect(codes).toHaveLength(10);
  await page.getByTestId('mfa-done').click();
  await expect(page.getByTestId('mfa-status')).toHaveText('已启用');
  await expect(page.getByText('剩余恢复码 10 个')).toBeVisible();

  // Two steps now: the password, then a code (a recovery code here: the TOTP step just used may not be reused).
  await signOut(page);
  await page.getByTestId('login-username').fill('newsurgeon');
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('login-mfa-code')).toBeVisible();
  await page.getByTestId('login-mfa-code').fill('123456');
  await page.getByTestId('login-mfa-submit').click();
  await expect(page.getByTestId('login-error')).toContainText('验证码不正确');
  await page.getByTestId('login-mfa-code').fill(codes[0]!);
  await page.getByTestId('login-mfa-submit').click();
  await expect(page.getByTestId('user-menu')).toBeVisible();

  // A second browser signs in too (another recovery code); the first sees two sessions and ends the other.
  const other = await browser.newContext({ baseURL });
  const otherPage = await other.newPage();
  await otherPage.goto('/');
  await signInWithCode(otherPage, 'newsurgeon', codes[1]!);
  await openAccountSecurity(page);
  await page.goto('/account/security', { waitUntil: 'domcontentloaded' });
  await expect(page.getByTestId('mfa-card')).toContainText('剩余恢复码 8 个', { timeout: 30_000 });
  const rows = page.getByTestId('sessions-table').locator('tbody tr.ant-table-row');
  await expect(rows).toHaveCount(2, { timeout: 30_000 });
  await expect(page.getByTestId('sessions-table').getByText('当前会话')).toBeVisible();
  await page.getByTestId('sessions-revoke-others').click();
  await confirmPopover(page);
  await expect(rows).toHaveCount(1);
  await otherPage.goto('/patients');
  await expect(otherPage.getByTestId('login-submit')).toBeVisible();
  await other.close();

  // The security administrator resets the lost authenticator: the next sign-in is one step again.
  await signOut(page);
  await signIn(page, 'security_admin');
  await page.goto('/admin/users');
  await page.getByPlaceholder(/用户名或姓名/).fill('newsurgeon');
  await page.getByPlaceholder(/用户名或姓名/).press('Enter');
  await page.getByRole('cell', { name: 'newsurgeon', exact: true }).click();
  await page.getByTestId('user-reset-mfa').click();
  await confirmPopover(page);
  await expect(page.getByText('已重置双因素认证')).toBeVisible();
  await signOut(page);
  await signIn(page, 'newsurgeon');
  await openAccountSecurity(page);
  await expect(page.getByTestId('mfa-status')).toHaveText('未启用');
});
