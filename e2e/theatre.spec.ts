import { type Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { fillDate, pickSearch, signIn } from './support.js';

/** Today in the hospital's time zone. */
const hospitalToday = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

/** An option of a Select without search (the room): open it and click the option. */
async function pickOption(page: Page, testId: string, text: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.keyboard.type(text);
  await page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
    .filter({ hasText: text })
    .first()
    .click();
}

async function bookCase(
  page: Page,
  opts: { inpatientNo: string; room: string; date: string; start: string; procedure: string; option: string },
) {
  await page.getByTestId('new-booking').click();
  const form = page.getByTestId('booking-form');
  await expect(form).toBeVisible();
  // The patient picker searches as one types: pickSearch retries until the field shows the choice (a click during the
  // next search answer can miss, as the MDT journey's did).
  await pickSearch(page, 'field-patient', opts.inpatientNo, new RegExp(opts.inpatientNo));
  await pickOption(page, 'field-room', opts.room);
  await fillDate(page, 'field-date', opts.date);
  const start = page.getByTestId('field-start');
  await start.click();
  await start.fill(opts.start);
  await start.press('Enter');
  await expect(start).toHaveValue(opts.start);
  await page.getByTestId('field-procedures').click();
  await page.keyboard.type(opts.procedure);
  await page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
    .filter({ hasText: opts.option })
    .first()
    .click();
  await page.keyboard.press('Escape');
  await page.getByTestId('booking-save').click();
}

test('a surgeon books a case, a colliding second booking is refused with the collision named, and the case runs through the worklist into the operation record', async ({
  page,
}) => {
  test.setTimeout(150_000);
  await page.goto('/');
  await signIn(page, 'surgeon');
  const found = await page.request.get('/api/patients?pageSize=50');
  // Demo patients of the home hospital with an inpatient number (other specs register patients without one).
  const patients = (
    (await found.json()) as { items: { name: string; inpatientNo: string | null; sourceOrganizationId: string | null }[] }
  ).items.filter(
    (p): p is { name: string; inpatientNo: string; sourceOrganizationId: null } => !p.sourceOrganizationId && p.inpatientNo !== null,
  );
  const [a, b] = [patients[3]!, patients.find((p, i) => i > 3 && p.name !== patients[3]!.name)!];
  const today = hospitalToday();

  // The schedule, day view of today, per room.
  await page.getByTestId('main-menu').getByText('手术排程').click();
  await expect(page.getByTestId('week-grid')).toBeVisible();
  await page.getByTestId('view-toggle').getByText('日').click();
  await expect(page.getByTestId('day-grid')).toBeVisible();

  // First booking: an evening case in OR 4.
  await bookCase(page, {
    inpatientNo: a.inpatientNo,
    room: '4号手术间',
    date: today,
    start: '19:00',
    procedure: '远端',
    option: '根治性远端胃切除术（D2）',
  });
  await expect(page.getByTestId('booking-form')).toBeHidden();
  await expect(page.getByTestId('day-grid').getByTestId('booking-block').filter({ hasText: a.name })).toBeVisible();

  // Second booking in the same room an hour later: refused, the room and the surgeon named, nothing saved.
  await bookCase(page, {
    inpatientNo: b.inpatientNo,
    room: '4号手术间',
    date: today,
    start: '20:00',
    procedure: '右半',
    option: '根治性右半结肠切除术（CME）',
  });
  const collisions = page.getByTestId('collisions');
  await expect(collisions).toBeVisible();
  await expect(collisions).toContainText('手术间「4号手术间」已被占用');
  await expect(collisions).toContainText('人员「王立强」已被占用');
  await expect(collisions).toContainText(`${today} 19:00 – ${today} 22:00`);
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /取\s*消/ })
    .click();
  await expect(page.getByTestId('day-grid').getByTestId('booking-block').filter({ hasText: b.name })).toHaveCount(0);

  // Starting exactly when the first ends is allowed (an overnight case until 01:00).
  await bookCase(page, {
    inpatientNo: b.inpatientNo,
    room: '4号手术间',
    date: today,
    start: '22:00',
    procedure: '右半',
    option: '根治性右半结肠切除术（CME）',
  });
  await expect(page.getByTestId('booking-form')).toBeHidden();
  await expect(page.getByTestId('day-grid').getByTestId('booking-block').filter({ hasText: b.name })).toContainText('跨夜至 01:00');

  // The worklist: the overnight case is postponed with a reason.
  await page.getByTestId('theatre-nav').getByText('手术工作单').click();
  const rowB = page.getByTestId('worklist').locator('tr').filter({ hasText: b.name });
  await rowB.getByTestId('action-postponed').click();
  await page.getByTestId('reason-input').fill('术前血红蛋白偏低');
  await page.getByTestId('reason-ok').click();
  await expect(rowB.getByTestId('booking-status')).toHaveText('已延期');
  await expect(rowB).toContainText('术前血红蛋白偏低');

  // Into theatre, then completed → the operation record opens pre-filled from the booking.
  const row = page.getByTestId('worklist').locator('tr').filter({ hasText: a.name });
  await expect(row.getByTestId('booking-status')).toHaveText('已排程');
  await row.getByTestId('action-in_theatre').click();
  await expect(row.getByTestId('booking-status')).toHaveText('手术中');
  await row.getByTestId('action-completed').click();
  await expect(page).toHaveURL(/\/patients\/.+tab=oncology&newOperation=1&bookingId=/);
  const opForm = page.getByTestId('operation-form');
  await expect(opForm).toBeVisible();
  await expect(opForm.getByTestId('field-procedures')).toContainText('根治性远端胃切除术（D2）');
  await expect(page.getByTestId('field-op-date')).toHaveValue(today);
  await page.getByTestId('operation-form-save').click();
  await expect(opForm).toBeHidden();
  await expect(page).not.toHaveURL(/newOperation/);

  // Back on the worklist the case is completed and its operation record linked (no "write record" button).
  await page.goto(`/theatre/worklist?date=${today}`);
  const done = page.getByTestId('worklist').locator('tr').filter({ hasText: a.name });
  await expect(done.getByTestId('booking-status')).toHaveText('已完成');
  await expect(done.getByTestId('action-record')).toHaveCount(0);
});

test('the week view names every room in full and shows each case’s procedures on up to two lines, under a breadcrumb of its own', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/');
  await signIn(page, 'department_head');
  await page.goto('/theatre');
  await expect(page.locator('.ant-breadcrumb')).toHaveText(/首页\s*\/\s*手术排程/);
  const labels = page.getByTestId('week-grid').getByTestId('grid-row-label');
  await expect(labels.first()).toBeVisible();
  for (const label of await labels.all()) {
    const cut = await label.evaluate((el) => Array.from(el.querySelectorAll('*')).some((e) => e.scrollWidth > e.clientWidth + 1));
    expect(cut, await label.innerText()).toBe(false);
  }
  const procedures = page.getByTestId('week-grid').getByTestId('booking-procedures');
  await expect(procedures.first()).toBeVisible();
  // Two lines of 16 px, not one: a name like 直肠癌根治术（前切除，TME） is not cut after five characters.
  const heights = await procedures.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height));
  expect(Math.max(...heights)).toBeGreaterThanOrEqual(30);
});

test('the booking form keeps 保存 on screen on a 900 px high laptop (the form scrolls inside the dialog)', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/');
  await signIn(page, 'surgeon');
  await page.goto('/theatre');
  await page.getByTestId('new-booking').click();
  await expect(page.getByTestId('booking-form')).toBeVisible();
  await expect(page.getByTestId('booking-save')).toBeInViewport({ ratio: 1 });
});
