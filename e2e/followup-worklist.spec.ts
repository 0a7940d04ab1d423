import { expect, test } from './fixtures.js';
import { signIn } from './support.js';

test('the nurse sees failed attempts on the overdue list, switches to 超期未随访 and records a failed call for a patient not seen for a year', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto('/');
  await signIn(page, 'nurse');
  await page.goto('/follow-up');
  const list = page.getByTestId('worklist');
  // The demo's patient with two failed phone attempts since the last contact (seed/demo/followup.ts), due in the
  // last 60 days: near the end of the overdue list (oldest first), so page forward until the row shows.
  await expect(list.locator('tbody tr.ant-table-row').first()).toBeVisible();
  const twice = list.getByTestId('failed-attempts').filter({ hasText: '已 2 次' });
  for (let i = 0; i < 50 && (await twice.count()) === 0; i++) {
    const next = page.locator('.ant-pagination-next'); // the worklist's (the alert list has no pagination)
    if ((await next.getAttribute('aria-disabled')) === 'true') break;
    await next.click();
  }
  await expect(twice.first()).toBeVisible();

  await page.getByTestId('worklist-due').getByText('超期未随访').click();
  await expect(list).toContainText('应随访于');
  await expect(list).toContainText('计划最长间隔');
  const row = list.locator('tbody tr.ant-table-row').first();
  await expect(row).toBeVisible();
  const name = (await row.locator('a').first().textContent())!.trim();
  await row.getByTestId('record-attempt').click();
  await page.locator('.ant-popover').getByRole('button', { name: '联系未果' }).click();
  await expect(page.getByText(`已记录：${name} 连续 1 次联系未果`)).toBeVisible();
  await expect(row.getByTestId('failed-attempts')).toHaveText('已 1 次');
});
