import { expect, test } from './fixtures.js';
import { makeResidentId } from '@gisurg/clinical';
import { signIn, signOut } from './support.js';

test('a surgeon signs in, registers a patient, finds them by pinyin initials, edits, switches language and signs out', async ({ page }) => {
  test.setTimeout(120_000); // 38 s with the other e2e worker on a slow host (2026-12-07 full run)
  await page.goto('/');
  await expect(page.getByTestId('login-submit')).toBeVisible();
  await signIn(page, 'surgeon');

  // The menu fits the role: patients, no administration.
  const menu = page.getByTestId('main-menu');
  await expect(menu.getByText('患者')).toBeVisible();
  await expect(menu.getByText('用户管理')).toHaveCount(0);

  await menu.getByText('患者').click();
  await page.getByTestId('new-patient').click();
  const id = makeResidentId({ areaCode: '330106', birthDate: '1958-07-21', sequence: 417, sex: 'male' });
  await page.getByTestId('field-name').fill('司马晓东');
  // A wrong check digit is caught in the browser, in Chinese.
  await page.getByTestId('field-idNumber').fill(id.slice(0, 17) + (id.endsWith('1') ? '2' : '1'));
  await expect(page.getByText('身份证号校验位错误，请核对')).toBeVisible();
  await page.getByTestId('field-idNumber').fill(id);
  // Birth date and sex come from the ID number.
  await expect(page.getByTestId('field-birthDate')).toHaveValue('1958-07-21');
  await page.getByTestId('field-inpatientNo').fill('E2E20260001');
  await page.getByTestId('save-patient').click();
  await expect(page.getByTestId('patient-header')).toContainText('司马晓东');

  // Find by pinyin initials from the list page.
  await page.getByTestId('main-menu').getByText('患者').click();
  await page.getByTestId('patient-search').locator('input').fill('smxd');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('patient-table').getByText('司马晓东')).toBeVisible();
  await page.getByTestId('patient-table').getByText('司马晓东').click();

  // Edit.
  await page.getByTestId('edit-patient').click();
  await page.getByTestId('field-phone').fill('13800138000');
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('patient-header')).toBeVisible();
  await expect(page.getByText('13800138000')).toBeVisible();

  // English one click away, remembered after reload.
  await page.getByTestId('language-switch').click();
  await expect(page.getByRole('tab', { name: 'Profile' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('tab', { name: 'Profile' })).toBeVisible();

  await signOut(page);
  await expect(page.getByTestId('login-submit')).toHaveText(/Sign in/);
});

test('finding a patient from the global search box by full pinyin', async ({ page }) => {
  await page.goto('/');
  await signIn(page, 'nurse');
  const idNumber = makeResidentId({ areaCode: '330102', birthDate: '1949-10-01', sequence: 88, sex: 'female' });
  const created = await page.request.post('/api/patients', { data: { name: '单雪梅', sex: 'female', birthDate: '1949-10-01', idNumber } });
  expect(created.status()).toBe(201);
  // 单 as a surname reads shan (surname mode).
  await page.getByTestId('global-search').fill('shanxuemei');
  await page.locator('.ant-select-item-option').filter({ hasText: '单雪梅' }).click();
  await expect(page.getByTestId('patient-header')).toContainText('单雪梅');
});

test('the patient list shows each inpatient’s diagnosis, bed and attending surgeon, as the bed board has them', async ({ page }) => {
  await page.goto('/');
  await signIn(page, 'surgeon');
  const wards = (await (await page.request.get('/api/wards')).json()) as {
    beds: { label: string; state: string; patient?: { name: string } | null; attendingSurgeon?: { name: string } | null }[];
  }[];
  const occupied = wards.flatMap((w) => w.beds.filter((b) => b.state === 'occupied' && b.patient?.name));
  expect(occupied.length).toBeGreaterThan(0);
  const bed = occupied[0]!;
  await page.goto(`/patients?q=${encodeURIComponent(bed.patient!.name)}`);
  const row = page.locator('tbody tr.ant-table-row').filter({ hasText: bed.patient!.name }).first();
  await expect(row.getByTestId('row-bed')).toHaveText(bed.label);
  if (bed.attendingSurgeon) await expect(row).toContainText(bed.attendingSurgeon.name);
  await expect(page.locator('thead')).toContainText('诊断');
  await expect(page.locator('thead')).toContainText('主管医生');
});

test('when the session ends, the next action returns to sign-in and then back to the same page', async ({ page }) => {
  await page.goto('/patients');
  await signIn(page, 'resident');
  await expect(page).toHaveURL(/\/patients$/);
  // The page (loaded with its route) and its first list are in before the session ends: the test is about the
  // next action, not a request still on its way.
  await expect(page.locator('tbody tr.ant-table-row').first()).toBeVisible();
  // End the session server-side (as an idle timeout would), keeping the browser's cookie.
  const cookie = (await page.context().cookies()).find((c) => c.name === 'gisurg_session');
  expect(cookie).toBeTruthy();
  expect(cookie!.httpOnly).toBe(true);
  await page.request.post('/api/auth/logout');
  await page.getByTestId('patient-search').locator('input').fill('wang');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('login-submit')).toBeVisible();
  await expect(page.getByText('登录已过期')).toBeVisible();
  await expect(page).toHaveURL(/\/login\?next=/);
  await signIn(page, 'resident');
  await expect(page).toHaveURL(/\/patients/);
});

test('the system administrator manages users and the audit administrator reads the log (三员分立)', async ({ page }) => {
  await page.goto('/');
  await signIn(page, 'admin');
  await page.getByTestId('main-menu').getByText('用户管理').click();
  await page.getByTestId('new-user').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('用户名').fill('e2e.nurse');
  await dialog.getByLabel('密码', { exact: true }).fill('E2e-Nurse-2026');
  await dialog.getByLabel('姓名').fill('测试护士');
  // The role list opens with an animation: retry until the choice shows (a click during it can be lost).
  await expect(async () => {
    await dialog.getByLabel('角色').click();
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .filter({ hasText: /^护士$/ })
      .click({ timeout: 2000 });
    await expect(dialog.getByTitle('护士')).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  await expect(page.getByRole('cell', { name: 'e2e.nurse' })).toBeVisible();
  await expect(page.getByTestId('main-menu').getByText('审计日志')).toHaveCount(0);

  await signOut(page);
  await signIn(page, 'audit_admin');
  await page.getByTestId('main-menu').getByText('审计日志').click();
  await expect(page.getByTestId('audit-table').getByText('新增用户').first()).toBeVisible();
});
