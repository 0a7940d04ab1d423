import { makeResidentId } from '@gisurg/clinical';
import { expect, test } from './fixtures.js';
import { pickSearch, signIn } from './support.js';

test('the nurse admits a patient into a clean bed from the board, transfers them to critical care, then discharges them', async ({
  page,
}) => {
  test.setTimeout(120_000); // 39–41 s with the other e2e worker on a slow host (2026-12-07 full runs)
  await page.goto('/');
  await signIn(page, 'nurse');
  // A new patient (the demo patients may all be in hospital already).
  const birthDate = '1961-05-12';
  const created = await page.request.post('/api/patients', {
    data: {
      name: '欧阳明辉',
      sex: 'male',
      birthDate,
      idNumber: makeResidentId({ areaCode: '330106', birthDate, sequence: 517, sex: 'male' }),
    },
  });
  expect(created.status()).toBe(201);

  await page.getByTestId('main-menu').getByText('病区床位').click();
  await expect(page.getByRole('heading', { name: '床位看板' })).toBeVisible();
  await expect(page.getByTestId('legend')).toContainText('待清洁');

  // Admit into the first clean bed of a general ward.
  const clean = page.locator('[data-testid^="ward-W"] [data-state="vacant_clean"]').first();
  const label = (await clean.getAttribute('data-testid'))!.replace('bed-', '');
  await clean.click();
  await expect(page.getByRole('dialog')).toContainText(`收治入院 · ${label}`);
  await pickSearch(page, 'field-patient', '欧阳明辉', /欧阳明辉/);
  await page.getByTestId('field-diagnosis').fill('胃窦腺癌');
  await page.getByTestId('field-plannedProcedure').fill('腹腔镜远端胃切除术');
  await page.getByTestId('admit-ok').click();
  const bed = page.getByTestId(`bed-${label}`);
  await expect(bed).toHaveAttribute('data-state', 'occupied');
  await expect(bed).toContainText('欧阳明辉');
  await expect(bed).toContainText('住院第1天');
  await expect(bed).toContainText('腹腔镜远端胃切除术');

  // Flag isolation on the stay: the card shows it.
  await bed.click();
  await expect(page.getByTestId('bed-drawer')).toContainText('胃窦腺癌');
  await page.getByTestId('action-edit').click();
  await page.getByRole('dialog', { name: '修改' }).getByLabel('隔离').fill('接触隔离');
  await page.getByTestId('edit-ok').click();
  await expect(bed.getByTestId('flag-isolation')).toBeVisible();

  // Transfer to a free critical-care bed (ICU or HDU: which ICU beds the demo holds for CRS+HIPEC cases depends on
  // the weekday): the left bed awaits cleaning.
  await page.getByTestId('action-transfer').click();
  await pickSearch(page, 'field-target-bed', 'U-', /(ICU|HDU)-\d/);
  const target = (await page.getByTestId('field-target-bed').textContent())!.match(/(ICU|HDU)-\d/)![0];
  await page.getByTestId('transfer-ok').click();
  await expect(page.getByTestId(`bed-${target}`)).toContainText('欧阳明辉');
  await expect(bed).toHaveAttribute('data-state', 'vacant_dirty');
  await expect(page.getByTestId('bed-drawer')).toBeHidden();

  // Discharge by order from the critical-care bed: the bed awaits cleaning and the patient is off the board.
  await page.getByTestId(`bed-${target}`).click();
  await expect(page.getByTestId('bed-history')).toContainText('入床');
  await page.getByTestId('action-discharge').click();
  await expect(page.getByTestId('field-disposition')).toContainText('医嘱离院');
  await page.getByTestId('discharge-ok').click();
  await expect(page.getByTestId(`bed-${target}`)).toHaveAttribute('data-state', 'vacant_dirty');
  await expect(page.locator('[data-testid^="bed-"]').filter({ hasText: '欧阳明辉' })).toHaveCount(0);

  // The stay is kept: the patient's admissions list shows it discharged.
  const stays = (await (await page.request.get(`/api/admissions?patientId=${((await created.json()) as { id: string }).id}`)).json()) as {
    status: string;
    disposition: string;
    stays: unknown[];
  }[];
  expect(stays[0]).toMatchObject({ status: 'discharged', disposition: 'order' });
  expect(stays[0]!.stays).toHaveLength(2);
});

test('the occupancy page shows the figures, the chart and the daily table', async ({ page }) => {
  await page.goto('/ward/occupancy');
  await signIn(page, 'department_head');
  await expect(page.getByRole('heading', { name: '床位使用与住院日' })).toBeVisible();
  await expect(page.getByText('病床使用率').first()).toBeVisible();
  await expect(page.locator('canvas').first()).toBeVisible();
  await expect(page.getByTestId('occupancy-table').locator('tbody tr.ant-table-row')).toHaveCount(30);
});
