import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures.js';
import { signIn } from './support.js';

/**
 * Issue 12 as the department head uses it: a number on the dashboard opens the operations behind it, the
 * funnel plot compares the surgeons, the completeness worklist leads to a patient's checklist, and the annual
 * report downloads as a Chinese PDF.
 */
test('the department head drills from a rate to its patients, reads the funnel plot, works the completeness list and downloads the annual report', async ({
  page,
}) => {
  await page.goto('/');
  await signIn(page, 'department_head');
  await page.goto('/quality');
  const indicators = page.getByTestId('quality-indicators');
  await expect(indicators).toBeVisible();

  // The R0 denominator opens the resections behind it: the drawer counts exactly that many.
  const denominator = page.getByTestId('quality-d-r0');
  const count = Number(await denominator.textContent());
  expect(count).toBeGreaterThan(0);
  await denominator.click();
  const drawer = page.getByTestId('quality-cases');
  await expect(drawer).toContainText(`共 ${count} 台手术`);
  await expect(drawer.locator('tbody tr.ant-table-row')).toHaveCount(Math.min(count, 50));
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();

  // The funnel plot of the indicator picked in the table (severe complications by default) draws its canvas.
  await expect(page.getByTestId('quality-funnel')).toContainText('漏斗图');
  await expect(page.getByTestId('quality-funnel-chart').locator('canvas')).toBeVisible();

  // Completeness: the worklist links each incomplete record to the patient's checklist, missing items first.
  await page.getByTestId('quality-completeness-link').click();
  await expect(page.getByTestId('completeness-figures')).toContainText('%');
  const first = page.getByTestId('completeness-worklist').locator('tbody tr.ant-table-row').first();
  const missing = (await first.locator('.ant-tag').first().textContent()) ?? '';
  expect(missing.length).toBeGreaterThan(0);
  await first.getByRole('link').click();
  await expect(page.getByTestId('care-checklist')).toBeVisible();
  await expect(page.getByTestId('care-checklist')).toContainText(missing);

  // The annual report: a Chinese PDF of the current year, with a spinner while it builds.
  await page.goto('/quality');
  const downloading = page.waitForEvent('download');
  await page.getByTestId('report-pdf').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.pdf$/);
  expect(
    readFileSync(await download.path())
      .subarray(0, 5)
      .toString(),
  ).toBe('%PDF-');
});
