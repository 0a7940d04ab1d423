import { type Browser, type Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { signIn } from './support.js';

/** The demo's expired questionnaire link (packages/server/src/seed/demo/followup.ts DEMO_EXPIRED_PRO_TOKEN). */
const EXPIRED_TOKEN = 'demo-expired-questionnaire-link-00000000000';

/** A phone: the patient opens the link from the QR code, with no session. */
async function phone(browser: Browser, baseURL: string | undefined): Promise<Page> {
  const context = await browser.newContext({
    baseURL,
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  return context.newPage();
}

test('a nurse makes a questionnaire link with its QR code; the patient answers on a phone with pain 8; the alert reaches the ward list; bad links get a plain 404', async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(240_000);
  await page.goto('/');
  await signIn(page, 'nurse');
  const list = (await (await page.request.get('/api/patients?pageSize=1')).json()) as { items: { id: string; name: string }[] };
  const patient = list.items[0]!;

  // The nurse makes the link on the patient's follow-up tab: a dialog with the QR code and the link, printable.
  await page.goto(`/patients/${patient.id}?tab=followup`);
  await page.getByTestId('pro-create').click();
  const sheet = page.getByTestId('pro-sheet');
  await expect(sheet).toBeVisible();
  await expect(sheet).toContainText('请在出院后第 3、7、14、30 天');
  await expect(page.getByTestId('pro-qr').locator('canvas')).toBeVisible();
  await expect(page.getByTestId('pro-print')).toBeVisible();
  const link = (await page.getByTestId('pro-link').textContent())!.trim();
  expect(link).toMatch(/\/q#[A-Za-z0-9_-]{43}$/);
  // Nothing identifying in the link or on the sheet.
  expect(link).not.toContain(patient.id);
  await expect(sheet).not.toContainText(patient.name);

  // The patient, on a phone, without signing in.
  const mobile = await phone(browser, baseURL);
  await mobile.goto(link);
  // The first load of the public page fetches its chunk: give a busy machine time.
  await expect(mobile.getByText('术后康复自评')).toBeVisible({ timeout: 30_000 });
  await expect(mobile.getByText('请在出院后第 3、7、14、30 天各填写一次。')).toBeVisible();
  await expect(mobile.locator('body')).not.toContainText(patient.name);
  const pain = mobile.getByRole('slider');
  await pain.focus();
  for (let i = 0; i < 8; i++) await pain.press('ArrowRight');
  await expect(pain).toHaveAttribute('aria-valuenow', '8');
  await mobile.getByLabel('其他想告诉医生的').fill('伤口疼得厉害，晚上睡不着');
  await mobile.getByRole('button', { name: /提\s*交/ }).click();
  await expect(mobile.locator('.ant-result-success')).toContainText('已提交，谢谢！');

  // The alert shows on the ward team's follow-up list.
  await page.goto('/follow-up');
  const alerts = page.getByTestId('pro-alerts');
  const row = alerts.locator('tr').filter({ hasText: patient.name }).filter({ hasText: '伤口疼得厉害' });
  // The list loads its alerts after the page (and polls every 30 s): give a busy machine time.
  await expect(row).toBeVisible({ timeout: 30_000 });
  await expect(row).toContainText('8/10');

  // Tampered and expired links: the same plain 404 page, no form.
  const token = link.split('#')[1]!;
  const tampered = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
  for (const bad of [tampered, EXPIRED_TOKEN, 'x'.repeat(43)]) {
    const p = await phone(browser, baseURL);
    await p.goto(`/q#${bad}`);
    await expect(p.locator('.ant-result-404')).toBeVisible({ timeout: 30_000 });
    await expect(p.getByText('链接无效或已过期')).toBeVisible();
    await expect(p.getByRole('slider')).toHaveCount(0);
    await p.context().close();
  }
  await mobile.context().close();
});

test('the department head sets the pain threshold; a lower pain score then raises an alert', async ({ page, browser, baseURL }) => {
  test.setTimeout(240_000);
  await page.goto('/');
  await signIn(page, 'department_head');
  await page.goto('/follow-up');
  await page.getByTestId('pro-settings').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId('pro-settings-pain').fill('4');
  await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
  await expect(dialog).toBeHidden();
  const settings = (await (await page.request.get('/api/follow-up/settings')).json()) as { thresholds: { pain: number } };
  expect(settings.thresholds.pain).toBe(4);

  const list = (await (await page.request.get('/api/patients?pageSize=2')).json()) as { items: { id: string; name: string }[] };
  const patient = list.items[1]!;
  const inv = await page.request.post(`/api/patients/${patient.id}/pro-invitations`);
  expect(inv.status()).toBe(201);
  const { url } = (await inv.json()) as { url: string };
  const mobile = await phone(browser, baseURL);
  await mobile.goto(url);
  await expect(mobile.getByText('术后康复自评')).toBeVisible({ timeout: 30_000 });
  const pain = mobile.getByRole('slider');
  await pain.focus();
  for (let i = 0; i < 5; i++) await pain.press('ArrowRight');
  await expect(pain).toHaveAttribute('aria-valuenow', '5');
  await mobile.getByRole('button', { name: /提\s*交/ }).click();
  await expect(mobile.locator('.ant-result-success')).toBeVisible();
  await page.goto('/follow-up');
  await expect(page.getByTestId('pro-alerts').locator('tr').filter({ hasText: patient.name }).filter({ hasText: '5/10' })).toBeVisible({
    timeout: 30_000,
  });
  await mobile.context().close();
  // Back to the default for the journeys that follow.
  expect((await page.request.put('/api/follow-up/settings', { data: { thresholds: { ...settings.thresholds, pain: 7 } } })).status()).toBe(
    200,
  );
});
