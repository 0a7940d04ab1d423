import { expect, test } from './fixtures.js';
import { inkRatio, pdfText, renderFirstPage } from '../packages/server/test/medium/support/pdf-tools.js';
import { signIn } from './support.js';

/**
 * Teaching (issue 14, acceptance 4): an outside doctor registers and checks in from a phone-sized Chromium
 * viewport without an account; the certificate is a Chinese PDF that renders (PNG, not blank).
 */
const todayShanghai = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

test('public registration and QR check-in on a phone, then a Chinese certificate', async ({ page, browser, baseURL }) => {
  // Two phones' worth of pages on a shared 2-core machine: more than the default minute.
  test.setTimeout(240_000);
  const today = todayShanghai();
  await page.goto('/login');
  await signIn(page, 'department_head');
  const created = await page.request.post('/api/events', {
    data: {
      kind: 'teaching_class',
      title: '腹腔镜胃癌手术学习班（E2E）',
      startDate: today,
      endDate: today,
      cmeLevel: 'provincial',
      cmeCategory: 'I',
    },
  });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const session = await page.request.post(`/api/events/${id}/sessions`, {
    data: { startsAt: `${today}T08:00`, endsAt: `${today}T11:00`, title: '腹腔镜远端胃切除术演示', speakers: '陈建华' },
  });
  expect(session.status()).toBe(201);
  const detail = (await (await page.request.get(`/api/events/${id}`)).json()) as { sessions: { checkinToken: string }[] };
  const token = detail.sessions[0]!.checkinToken;

  // The attendee's phone: no account, no cookies.
  const phone = await browser.newContext({
    baseURL,
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const mobile = await phone.newPage();
  await mobile.goto(`/register/${id}`);
  await expect(mobile.getByText('腹腔镜胃癌手术学习班（E2E）')).toBeVisible();
  await mobile.getByTestId('reg-name').fill('钱医生');
  await mobile.getByTestId('reg-hospital').fill('江山市人民医院');
  await mobile.getByTestId('reg-title').fill('主治医师');
  await mobile.getByTestId('reg-phone').fill('1380000');
  await mobile.getByTestId('reg-submit').click();
  await expect(mobile.getByText('请输入11位手机号码')).toBeVisible();
  await mobile.getByTestId('reg-phone').fill('13800138000');
  await mobile.getByTestId('reg-submit').click();
  await expect(mobile.getByText('报名成功')).toBeVisible();
  const code = (await mobile.getByTestId('confirmation-code').innerText()).trim().slice(0, 6);
  expect(code).toMatch(/^[A-Z2-9]{6}$/);
  // Nothing overflows the phone's width.
  expect(await mobile.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  // At the door: the session's QR code opens the check-in page; the phone remembers the code.
  await mobile.goto(`/checkin#${token}`);
  await expect(mobile.getByText('腹腔镜远端胃切除术演示')).toBeVisible();
  await expect(mobile.getByTestId('checkin-code')).toHaveValue(code);
  await mobile.getByTestId('checkin-submit').click();
  await expect(mobile.getByText('签到成功')).toBeVisible();
  await expect(mobile.getByTestId('checkin-result')).toContainText('钱医生');
  await expect(mobile.getByTestId('checkin-result')).toContainText('1 学分');
  await phone.close();

  // The organiser sees the attendance and issues the certificate.
  await page.goto(`/events/${id}`);
  await expect(page.getByRole('cell', { name: '钱医生' })).toBeVisible();
  const registrations = (await (await page.request.get(`/api/events/${id}`)).json()) as { registrations: { id: string; name: string }[] };
  const reg = registrations.registrations.find((r) => r.name === '钱医生')!;
  const pdf = await page.request.get(`/api/event-registrations/${reg.id}/certificate.pdf`);
  expect(pdf.status()).toBe(200);
  const bytes = Buffer.from(await pdf.body());
  expect(pdfText(bytes)).toContain('继续医学教育学分证书');
  expect(pdfText(bytes)).toContain('钱医生');
  expect(inkRatio(renderFirstPage(bytes))).toBeGreaterThan(0.005);
});
