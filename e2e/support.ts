import { makeResidentId } from '@gisurg/clinical';
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

/** Today in the hospital's time zone (YYYY-MM-DD). */
export const hospitalToday = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

/** Type a date into an antd DatePicker and leave with Tab (Enter in the picker would submit the form). */
export async function typeDate(page: Page, testId: string, value: string) {
  const input = page.getByTestId(testId);
  await input.click();
  await input.fill(value);
  await input.press('Tab');
  await expect(input).toHaveValue(value);
}

/** Sign in as `username`, do `fn`, sign out: one person's turn in a journey that passes between people. */
export async function asUser(page: Page, username: string, fn: () => Promise<void>): Promise<void> {
  await signIn(page, username);
  await fn();
  await signOut(page);
}

// ——— Consultation journeys (e2e/consultations.spec.ts) ———

export interface NewPatient {
  name: string;
  birthDate: string;
  sequence: number;
  sex: 'male' | 'female';
}

/** Setup as the signed-in primary doctor: register their patient through the API (the patient form has its own journey). */
export async function registerPatient(page: Page, p: NewPatient): Promise<string> {
  const res = await page.request.post('/api/patients', {
    data: {
      name: p.name,
      sex: p.sex,
      birthDate: p.birthDate,
      idNumber: makeResidentId({ areaCode: '330122', birthDate: p.birthDate, sequence: p.sequence, sex: p.sex }),
    },
  });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

/** Setup as the signed-in primary doctor: their patient and an urgent consultation about them, through the API. */
export async function askAbout(
  page: Page,
  p: NewPatient & { question: string },
): Promise<{ id: string; patientId: string; hospital: string }> {
  const patientId = await registerPatient(page, p);
  const created = await page.request.post('/api/consultations', {
    data: { patientId, question: p.question, urgency: 'urgent', consent: { obtainedOn: hospitalToday(), method: 'written' } },
  });
  expect(created.status()).toBe(201);
  const id = ((await created.json()) as { id: string }).id;
  const detail = (await (await page.request.get(`/api/consultations/${id}`)).json()) as { organizationName: string };
  return { id, patientId, hospital: detail.organizationName };
}

/** `username` signs in, opens the consultation's page, does `fn` there and signs out. */
export async function onConsultation(page: Page, username: string, id: string, fn: () => Promise<void>): Promise<void> {
  await asUser(page, username, async () => {
    await page.goto(`/consultations/${id}`);
    await expect(page.getByTestId('consultation-status')).toBeVisible();
    await fn();
  });
}

/** The coordinator assigns the consultation to the demo surgeon (王立强) on its page. */
export async function assignToSurgeon(page: Page, id: string): Promise<void> {
  await onConsultation(page, 'mdt_coordinator', id, async () => {
    await pick(page, 'field-expert', /王立强/);
    await page.getByTestId('assign-expert').click();
    await expect(page.getByTestId('consultation-status')).toHaveText('专家处理中');
  });
}
