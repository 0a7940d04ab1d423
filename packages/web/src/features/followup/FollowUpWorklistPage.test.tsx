import { describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App as AntApp } from 'antd';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter } from 'react-router';
import type { ProAlert, WorklistItem } from '@gisurg/contracts/followup';
import '../../app/i18n';
import { AuthProvider } from '../../app/auth';
import { hospitalToday } from '../../app/format';
import { FollowUpWorklistPage } from './FollowUpWorklistPage';

const N1 = '00000000-0000-4000-8000-0000000000a1';
const P1 = '00000000-0000-4000-8000-0000000000c1';
const P2 = '00000000-0000-4000-8000-0000000000c2';
const PLAN = '00000000-0000-4000-8000-0000000000e1';
const ALERT = '00000000-0000-4000-8000-0000000000f1';
const ADM = '00000000-0000-4000-8000-0000000000b1';
const COMP = '00000000-0000-4000-8000-0000000000d1';
const LOST = '00000000-0000-4000-8000-0000000000d9';
const SURGEON = '00000000-0000-4000-8000-0000000000a2';
const HOME = '00000000-0000-4000-8000-000000000001';

const me = {
  user: { id: N1, username: 'nurse', displayName: '李护士', role: 'nurse', title: null },
  role: 'nurse',
  organization: { id: HOME, name: '钱塘市第一人民医院', nameEn: null, kind: 'home' },
  permissions: ['followup:read', 'followup:write', 'user:read'],
  session: { idleTimeoutSeconds: 900, expiresAt: '2099-01-01T00:00:00Z' },
};

const row = (over: Partial<WorklistItem>): WorklistItem => ({
  patientId: P1,
  planId: PLAN,
  name: '张三',
  inpatientNo: 'Z1',
  site: 'colon',
  stage: 'IIIB',
  dueDate: '2026-11-24',
  kinds: ['visit'],
  overdueDays: 2,
  lastContactDate: null,
  surgeonName: '王立强',
  failedAttempts: 0,
  allowedGapDays: null,
  ...over,
});

const handled: ProAlert = {
  id: ALERT,
  patientId: P2,
  name: '李四',
  inpatientNo: 'Z2',
  submittedAt: '2026-11-24T01:00:00.000Z',
  reasons: ['pain'],
  answers: { pain: 8 },
  status: 'handled',
  action: 'readmission',
  actionNote: null,
  admission: { id: ADM, admittedAt: '2026-11-26T00:00:00.000Z', status: 'active', diagnosis: '术后切口感染' },
  complication: { id: COMP, occurredOn: '2026-11-25', type: 'ssi_superficial', grade: 'II' },
};

function renderPage() {
  const sent: { method: string; url: string; body: unknown }[] = [];
  const gets: string[] = [];
  globalThis.fetch = (async (url: string, init?: RequestInit) => {
    const json = (body: unknown, status = 200) =>
      new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    const method = init?.method ?? 'GET';
    if (url === '/api/auth/me') return json(me);
    if (method !== 'GET') {
      sent.push({ method, url, body: typeof init?.body === 'string' ? JSON.parse(init.body) : null });
      if (url.endsWith('/follow-up/attempts')) return json({ id: LOST, attempts: 3, lostContactId: LOST }, 201);
      return json({ id: ALERT });
    }
    gets.push(url);
    if (url === `/api/users?organizationId=${HOME}&pageSize=100`)
      return json({
        items: [
          {
            id: SURGEON,
            version: 1,
            username: 'wanglq',
            displayName: '王立强',
            role: 'surgeon',
            organizationId: HOME,
            organizationName: '钱塘市第一人民医院',
            title: null,
            specialty: null,
            phone: null,
            disabled: false,
            locked: false,
            mfaEnrolled: false,
          },
        ],
        total: 1,
      });
    if (url === `/api/follow-up/worklist?due=overdue&surgeonId=${SURGEON}`) return json({ items: [row({ name: '赵六' })], total: 1 });
    if (url === '/api/follow-up/alerts?status=open') return json({ items: [] });
    if (url === '/api/follow-up/alerts?status=all') return json({ items: [handled] });
    if (url === `/api/follow-up/alerts/${ALERT}/link-candidates`)
      return json({ admissions: [handled.admission], complications: [handled.complication] });
    if (url === '/api/follow-up/worklist?due=overdue') return json({ items: [row({ failedAttempts: 2 })], total: 1 });
    if (url === '/api/follow-up/worklist?due=not_seen')
      return json({
        items: [
          row({ patientId: P2, name: '王五', dueDate: '2026-01-16', overdueDays: 314, allowedGapDays: 366, lastContactDate: '2025-01-15' }),
        ],
        total: 1,
      });
    return json({ error: { code: 'NOT_FOUND', message: url } }, 404);
  }) as typeof fetch;
  render(
    <AntApp>
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <MemoryRouter>
          <AuthProvider>
            <FollowUpWorklistPage />
          </AuthProvider>
        </MemoryRouter>
      </QueryClientProvider>
    </AntApp>,
  );
  return { sent, gets };
}

describe('follow-up worklist page', () => {
  it('shows failed attempts, a third segment for patients not seen for longer than the plan allows, and records a failed attempt', async () => {
    const { sent } = renderPage();
    const list = await screen.findByTestId('worklist');
    await waitFor(() => expect(within(list).getByTestId('failed-attempts').textContent).toBe('已 2 次'));
    await userEvent.click(screen.getByText('超期未随访'));
    await waitFor(() => expect(within(screen.getByTestId('worklist')).getByText('王五')).toBeTruthy());
    const table = screen.getByTestId('worklist');
    expect(table.textContent).toContain('应随访于');
    expect(table.textContent).toContain('2026-01-16');
    expect(table.textContent).toContain('366 天');
    expect(table.textContent).toContain('2025-01-15');
    expect(within(table).queryByTestId('failed-attempts')).toBeNull();

    await userEvent.click(within(table).getByTestId('record-attempt'));
    const confirm = await screen.findByText('记录一次对王五的联系未果（今天，电话）？');
    const pop = confirm.closest('.ant-popover') as HTMLElement;
    await userEvent.click(within(pop).getByRole('button', { name: '联系未果' }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual({
      method: 'POST',
      url: `/api/patients/${P2}/follow-up/attempts`,
      body: { date: hospitalToday(), method: 'phone' },
    });
    expect(await screen.findByText('王五 连续 3 次联系未果，系统已记为失访')).toBeTruthy();
  });

  it('filters the list by surgeon', async () => {
    const { gets } = renderPage();
    await screen.findByTestId('worklist');
    const select = screen.getByTestId('worklist-surgeon');
    await userEvent.click(within(select).getByRole('combobox'));
    await userEvent.click(await screen.findByTitle('王立强'));
    await waitFor(() => expect(within(screen.getByTestId('worklist')).getByText('赵六')).toBeTruthy());
    expect(gets).toContain(`/api/follow-up/worklist?due=overdue&surgeonId=${SURGEON}`);
  });

  it('shows the readmission and complication linked to a handled alert, and saves the links from the dialog', async () => {
    const { sent } = renderPage();
    await screen.findByText('暂无待处理预警');
    await userEvent.click(within(screen.getByTestId('alert-status')).getByText('全部'));
    const links = await screen.findByTestId('alert-links');
    expect(links.textContent).toContain('再入院 2026-11-26 术后切口感染');
    expect(links.textContent).toContain('并发症 2026-11-25');
    expect(links.textContent).toContain('Clavien–Dindo II');
    await userEvent.click(screen.getByTestId('alert-link'));
    const dialog = await screen.findByRole('dialog');
    await waitFor(() => expect(within(dialog).getByTestId('alert-admission').textContent).toContain('术后切口感染'));
    await userEvent.click(within(dialog).getByRole('button', { name: /OK|确\s*定/ }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual({
      method: 'POST',
      url: `/api/follow-up/alerts/${ALERT}/links`,
      body: { admissionId: ADM, complicationId: COMP },
    });
  });
});
