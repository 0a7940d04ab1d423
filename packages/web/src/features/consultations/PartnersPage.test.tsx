import { describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App as AntApp } from 'antd';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter } from 'react-router';
import '../../app/i18n';
import { AuthProvider } from '../../app/auth';
import type { AgreementList, ExchangeVisitList, OutreachList } from './api';
import { PartnersPage } from './PartnersPage';

// Ids are UUIDs as the server's would be: the dialog checks its body with the contract schema before sending.
const HOME = '00000000-0000-4000-8000-000000000001';
const COUNTY = '00000000-0000-4000-8000-0000000000c1';
const TOWN = '00000000-0000-4000-8000-0000000000c2';
const SURGEON = '00000000-0000-4000-8000-0000000000a1';
const HEAD = '00000000-0000-4000-8000-0000000000a2';
const V1 = '00000000-0000-4000-8000-0000000000e1';
const T1 = '00000000-0000-4000-8000-0000000000e2';
const A1 = '00000000-0000-4000-8000-0000000000f1';
const X1 = '00000000-0000-4000-8000-0000000000f2';

const coordinator = {
  user: {
    id: '00000000-0000-4000-8000-0000000000b1',
    username: 'mdt_coordinator',
    displayName: '陈静',
    role: 'mdt_coordinator',
    title: null,
  },
  role: 'mdt_coordinator',
  organization: { id: HOME, name: '钱塘市第一人民医院', nameEn: null, kind: 'home' },
  permissions: ['consultation:read', 'consultation:manage', 'organization:read', 'user:read'],
  session: { idleTimeoutSeconds: 900, expiresAt: '2099-01-01T00:00:00Z' },
};
const primaryDoctor = {
  user: {
    id: '00000000-0000-4000-8000-0000000000b2',
    username: 'external_doctor',
    displayName: '赵敏',
    role: 'external_doctor',
    title: null,
  },
  role: 'external_doctor',
  organization: { id: COUNTY, name: '临安县人民医院', nameEn: null, kind: 'primary' },
  permissions: ['consultation:read', 'consultation:request'],
  session: { idleTimeoutSeconds: 900, expiresAt: '2099-01-01T00:00:00Z' },
};

const OUTREACH: OutreachList = {
  items: [
    {
      id: V1,
      kind: 'visit',
      date: '2026-05-12',
      hospitals: [{ id: COUNTY, name: '临安县人民医院' }],
      surgeons: [{ id: SURGEON, name: '王立强' }],
      activity: 'demonstration_operation',
      videoLink: null,
      participants: null,
      notes: '腹腔镜远端胃切除示教',
      version: 2,
    },
    {
      id: T1,
      kind: 'tele_session',
      date: '2026-04-01',
      hospitals: [
        { id: COUNTY, name: '临安县人民医院' },
        { id: TOWN, name: '於潜镇卫生院' },
      ],
      surgeons: [],
      activity: null,
      videoLink: 'https://meeting.example.cn/j/123',
      participants: '两院外科医生 12 人',
      notes: null,
      version: 1,
    },
  ],
  total: 2,
};
const AGREEMENTS: AgreementList = {
  items: [
    {
      id: A1,
      organizationId: COUNTY,
      organizationName: '临安县人民医院',
      kind: 'counterpart_support',
      startDate: '2025-01-01',
      endDate: null,
      scope: '胃肠外科对口支援',
      active: true,
      version: 4,
    },
  ],
  total: 1,
};
const EXCHANGE: ExchangeVisitList = {
  items: [
    {
      id: X1,
      organizationId: TOWN,
      organizationName: '於潜镇卫生院',
      direction: 'in',
      doctors: '李医生',
      fromDate: '2026-03-01',
      toDate: '2026-05-31',
      purpose: '进修腹腔镜胃肠手术',
      version: 1,
    },
  ],
  total: 1,
};

type Sent = { method: string; url: string; body: unknown };

/** The page against canned answers; writes are recorded and answered by `answer` (default: the body back). */
function renderPage(me: typeof coordinator, tab = 'outreach', answer?: (s: Sent) => { status: number; body: unknown }) {
  const sent: Sent[] = [];
  const reads: string[] = [];
  globalThis.fetch = (async (url: string, init?: RequestInit) => {
    const json = (body: unknown, status = 200) =>
      new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    const method = init?.method ?? 'GET';
    if (method !== 'GET') {
      const s = { method, url, body: typeof init?.body === 'string' ? JSON.parse(init.body) : null };
      sent.push(s);
      const a = answer?.(s) ?? { status: 200, body: s.body };
      return json(a.body, a.status);
    }
    reads.push(url);
    if (url === '/api/auth/me') return json(me);
    if (url.startsWith('/api/organizations'))
      return json({
        items: [
          { id: HOME, name: '钱塘市第一人民医院', kind: 'home', disabled: false },
          { id: COUNTY, name: '临安县人民医院', kind: 'primary', disabled: false },
          { id: TOWN, name: '於潜镇卫生院', kind: 'primary', disabled: false },
        ],
        total: 3,
        page: 1,
        pageSize: 500,
      });
    if (url.startsWith('/api/users'))
      return json({
        items: [
          { id: SURGEON, displayName: '王立强', role: 'surgeon', title: '副主任医师', disabled: false },
          { id: HEAD, displayName: '周建国', role: 'department_head', title: '主任医师', disabled: false },
        ],
        total: 2,
        page: 1,
        pageSize: 100,
      });
    if (url.startsWith('/api/consultations/outreach')) return json(OUTREACH);
    if (url.startsWith('/api/consultations/agreements')) return json(AGREEMENTS);
    if (url.startsWith('/api/consultations/exchange-visits')) return json(EXCHANGE);
    return json({ error: { code: 'NOT_FOUND', message: url } }, 404);
  }) as typeof fetch;
  render(
    <AntApp>
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <AuthProvider>
          <MemoryRouter initialEntries={[`/consultations/partners?tab=${tab}`]}>
            <PartnersPage />
          </MemoryRouter>
        </AuthProvider>
      </QueryClientProvider>
    </AntApp>,
  );
  return { sent, reads };
}

const rowOf = async (tableTestId: string, text: string) =>
  (await within(await screen.findByTestId(tableTestId)).findByText(text)).closest('tr')!;

// A table and an antd dialog under jsdom take 10–25 s each on the shared, loaded machine (30 s is the default).
describe('PartnersPage (对口支援与协作医院)', { timeout: 60_000 }, () => {
  it('lists guidance visits and tele-sessions of the year: kind, activity, hospitals, our surgeons or the participants, the video link', async () => {
    const { reads } = renderPage(coordinator);
    const visit = await rowOf('outreach-table', '2026-05-12');
    expect(visit.textContent).toContain('技术指导');
    expect(visit.textContent).toContain('示教手术');
    expect(visit.textContent).toContain('临安县人民医院');
    expect(visit.textContent).toContain('王立强');
    expect(visit.textContent).toContain('腹腔镜远端胃切除示教');
    const tele = await rowOf('outreach-table', '2026-04-01');
    expect(tele.textContent).toContain('远程会诊');
    expect(tele.textContent).toContain('临安县人民医院、於潜镇卫生院');
    expect(tele.textContent).toContain('两院外科医生 12 人');
    expect(within(tele).getByRole('link', { name: '视频会议链接' }).getAttribute('href')).toBe('https://meeting.example.cn/j/123');
    // The year filter goes to the server.
    expect(reads.some((u) => /^\/api\/consultations\/outreach\?year=\d{4}$/.test(u))).toBe(true);
  });

  it('edits a guidance visit: the dialog holds the record, the PUT carries the version and the contract’s body', async () => {
    const { sent } = renderPage(coordinator);
    const visit = await rowOf('outreach-table', '2026-05-12');
    await userEvent.click(within(visit).getByTestId('edit-outreach'));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByTestId<HTMLInputElement>('field-date').value).toBe('2026-05-12');
    await waitFor(() => expect(within(dialog).getByTestId('field-surgeons').textContent).toContain('王立强'));
    expect(within(dialog).getByTestId('field-hospitals').textContent).toContain('临安县人民医院');
    const notes = within(dialog).getByTestId<HTMLTextAreaElement>('field-notes');
    await userEvent.clear(notes);
    await userEvent.type(notes, '示教后病例讨论');
    await userEvent.click(screen.getByTestId('reach-save'));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual({
      method: 'PUT',
      url: `/api/consultations/outreach/${V1}`,
      body: {
        kind: 'visit',
        date: '2026-05-12',
        organizationIds: [COUNTY],
        surgeonIds: [SURGEON],
        activity: 'demonstration_operation',
        videoLink: null,
        participants: null,
        notes: '示教后病例讨论',
        version: 2,
      },
    });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('shows agreements with their period and whether in force, and sends an open end as null', async () => {
    const { sent } = renderPage(coordinator, 'agreements');
    const row = await rowOf('agreements-table', '胃肠外科对口支援');
    expect(row.textContent).toContain('对口支援');
    expect(row.textContent).toContain('2025-01-01 – 长期');
    expect(row.textContent).toContain('生效中');
    await userEvent.click(within(row).getByTestId('edit-agreements'));
    await userEvent.click(await screen.findByTestId('reach-save'));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual({
      method: 'PUT',
      url: `/api/consultations/agreements/${A1}`,
      body: {
        organizationId: COUNTY,
        kind: 'counterpart_support',
        startDate: '2025-01-01',
        endDate: null,
        scope: '胃肠外科对口支援',
        version: 4,
      },
    });
  });

  it('puts the server’s field message under the field and keeps the dialog open (exchange visit ending before it starts)', async () => {
    const { sent } = renderPage(coordinator, 'exchange', () => ({
      status: 400,
      body: {
        error: {
          code: 'VALIDATION',
          message: '输入有误',
          details: {
            fields: [
              {
                path: 'toDate',
                code: 'endBeforeStart',
                message: '结束日期不能早于开始日期',
                messageZh: '结束日期不能早于开始日期',
                messageEn: 'The end is before the start',
              },
            ],
          },
        },
      },
    }));
    const row = await rowOf('exchange-table', '进修腹腔镜胃肠手术');
    expect(row.textContent).toContain('於潜镇卫生院');
    expect(row.textContent).toContain('来院进修');
    expect(row.textContent).toContain('2026-03-01 – 2026-05-31');
    await userEvent.click(within(row).getByTestId('edit-exchange'));
    await userEvent.click(await screen.findByTestId('reach-save'));
    expect(await screen.findByText('结束日期不能早于开始日期')).toBeTruthy();
    expect(sent[0]).toMatchObject({
      method: 'PUT',
      url: `/api/consultations/exchange-visits/${X1}`,
      body: { organizationId: TOWN, direction: 'in', doctors: '李医生', fromDate: '2026-03-01', toDate: '2026-05-31', version: 1 },
    });
    expect(screen.getByRole('dialog')).toBeTruthy();
  });

  it('lets a primary hospital’s doctor read without adding or editing', async () => {
    const { sent } = renderPage(primaryDoctor);
    await rowOf('outreach-table', '2026-05-12');
    expect(screen.queryByTestId('add-outreach')).toBeNull();
    expect(screen.queryByTestId('edit-outreach')).toBeNull();
    await userEvent.click(screen.getByRole('tab', { name: '协作协议' }));
    await rowOf('agreements-table', '胃肠外科对口支援');
    expect(screen.queryByTestId('add-agreements')).toBeNull();
    expect(screen.queryByTestId('edit-agreements')).toBeNull();
    expect(sent).toEqual([]);
  });
});
