import { expect, test } from './fixtures.js';
import { signIn } from './support.js';

/** Issue 16 item 7: each role's home page shows what it works on today, with the figures of the features' own routes. */
test('the department head arrives on beds, the theatre list, boards, follow-up and quality of today', async ({ page }) => {
  await page.goto('/');
  await signIn(page, 'department_head');
  for (const card of ['today-ward', 'today-theatre', 'today-mdt', 'today-followup', 'today-quality'])
    await expect(page.getByTestId(card)).toBeVisible();
  // The figures are the routes' figures.
  const wards = (await (await page.request.get('/api/wards')).json()) as { kind: string; beds: { state: string; label: string }[] }[];
  const dirty = wards.filter((w) => w.kind === 'general').flatMap((w) => w.beds.filter((b) => b.state === 'vacant_dirty'));
  expect(dirty.length).toBeGreaterThan(0);
  const ward = page.getByTestId('today-ward');
  await expect(ward.locator('.ant-statistic').filter({ hasText: /^待清洁/ })).toContainText(String(dirty.length));
  for (const b of dirty) await expect(ward.getByText(b.label, { exact: true })).toBeVisible();
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const bookings = (await (await page.request.get(`/api/theatre/bookings?from=${today}&to=${today}`)).json()) as { status: string }[];
  const cases = bookings.filter((b) => b.status !== 'cancelled').length;
  await expect(page.getByTestId('today-theatre')).toContainText(`今日手术（${cases} 台）`);
  await expect(page.getByTestId('today-quality')).toContainText('R0');
});

test('the researcher arrives on their projects, and sees no ward or theatre', async ({ page }) => {
  await page.goto('/');
  await signIn(page, 'researcher');
  const projects = (await (await page.request.get('/api/research/projects')).json()) as { items: { title: string }[] };
  expect(projects.items.length).toBeGreaterThan(0);
  const card = page.getByTestId('today-research');
  await expect(card).toContainText(`科研项目（${projects.items.length} 项）`);
  await expect(card).toContainText(projects.items[0]!.title);
  await expect(page.getByTestId('today-ward')).toHaveCount(0);
  await expect(page.getByTestId('today-theatre')).toHaveCount(0);
});

test('the MDT coordinator arrives on the next board and the cases to triage', async ({ page }) => {
  await page.goto('/');
  await signIn(page, 'mdt_coordinator');
  const card = page.getByTestId('today-mdt');
  await expect(card).toContainText('下一次会议：');
  await expect(card).toContainText('待分诊病例');
  await expect(page.getByTestId('today-quality')).toHaveCount(0);
});

test('the menu marks the open page with a pale tint of the brand green, not a grey-green block', async ({ page }) => {
  await page.goto('/');
  await signIn(page, 'surgeon');
  await page.getByTestId('main-menu').getByText('患者', { exact: true }).click();
  const selected = page.getByTestId('main-menu').locator('.ant-menu-item-selected');
  await expect(selected).toContainText('患者');
  const [bg, fg] = await selected.evaluate((el) => [getComputedStyle(el).backgroundColor, getComputedStyle(el).color]);
  const rgb = (c: string) => (c.match(/\d+/g) ?? []).slice(0, 3).map(Number);
  const luminance = (c: string) => {
    const [r = 0, g = 0, b = 0] = rgb(c);
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
  };
  expect(luminance(bg)).toBeGreaterThan(0.85);
  expect(rgb(fg)).toEqual([11, 110, 79]);
});
