import { expect, test } from './fixtures.js';
import { signIn } from './support.js';

/**
 * Research (issue 14): a researcher opens the NSFC project, sees the cohort and consent by pseudonym only, is
 * warned by the k-anonymity check, downloads the de-identified CSV; a patient page is not there for them (404).
 */
test('researcher exports a de-identified cohort and never sees a patient', async ({ page }) => {
  await page.goto('/research');
  await signIn(page, 'researcher');
  await expect(page.getByRole('heading', { name: '科研项目' })).toBeVisible();
  const nsfc = page.getByRole('link', { name: /CRS\+HIPEC/ });
  await expect(nsfc).toBeVisible();
  await nsfc.click();
  await expect(page.getByText('医院医学伦理委员会')).toBeVisible();
  await expect(page.getByText(/已同意 \d+ 例，已撤回 1 例/)).toBeVisible();
  await expect(page.getByTestId('k-warning')).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByTestId('export-csv').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.csv$/);
  const body = await (await file.createReadStream()).toArray();
  const text = Buffer.concat(body.map((c) => Buffer.from(c as Uint8Array))).toString('utf8');
  expect(text.split('\r\n')[0]).toMatch(/^\uFEFF?pseudonym,age_band,sex,region/);
  await expect(page.getByText('导出记录')).toBeVisible();
  // No patient route exists for a researcher.
  const res = await page.request.get('/api/patients?q=a');
  expect(res.status()).toBe(404);
});

test('the department head sees the frozen list with names and enrols from it', async ({ page }) => {
  await page.goto('/research');
  await signIn(page, 'department_head');
  await page.getByRole('link', { name: /腹腔镜胃癌/ }).click();
  await expect(page.getByText('以下名单含患者身份信息')).toBeVisible();
  await expect(page.getByText('含身份信息导出（仅科主任）')).toBeVisible();
});
