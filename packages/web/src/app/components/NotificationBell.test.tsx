import { describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter, Route, Routes, useParams } from 'react-router';
import type { NotificationList } from '@gisurg/contracts/consultations';
import '../i18n';
import { NotificationBell } from './NotificationBell';

const C1 = '00000000-0000-4000-8000-0000000000c1';
const C2 = '00000000-0000-4000-8000-0000000000c2';
const C3 = '00000000-0000-4000-8000-0000000000c3';

const LIST: NotificationList = {
  items: [
    {
      key: `deadline_near:${C1}:1780000000000`,
      kind: 'deadline_near',
      consultationId: C1,
      patientName: '上官丽华',
      at: '2026-06-01T02:00:00.000Z',
      dueAt: '2026-06-01T08:00:00.000Z',
      read: false,
    },
    {
      key: `assigned:${C2}:1779990000000`,
      kind: 'assigned',
      consultationId: C2,
      patientName: '司马春燕',
      at: '2026-06-01T01:00:00.000Z',
      dueAt: '2026-06-02T01:00:00.000Z',
      read: false,
    },
    {
      key: `answered:${C3}:`,
      kind: 'answered',
      consultationId: C3,
      patientName: '欧阳秋菊',
      at: '2026-05-30T01:00:00.000Z',
      dueAt: '2026-05-31T01:00:00.000Z',
      read: true,
    },
  ],
  unread: 2,
};

function Consultation() {
  return <div data-testid="consultation-page">{useParams().id}</div>;
}

/** The bell in the header of a page, against canned answers; mark-read requests are recorded. */
function renderBell(list: NotificationList = LIST) {
  const marked: string[][] = [];
  const counts: string[] = [];
  let unread = list.unread;
  globalThis.fetch = (async (url: string, init?: RequestInit) => {
    const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
    if (url === '/api/consultations/notifications/read' && init?.method === 'POST') {
      const { keys } = JSON.parse(init.body as string) as { keys: string[] };
      marked.push(keys);
      unread -= keys.length;
      return json({ unread });
    }
    if (url === '/api/consultations/notifications/count') {
      counts.push(url);
      return json({ unread });
    }
    if (url === '/api/consultations/notifications') return json(list);
    return new Response('{}', { status: 404 });
  }) as typeof fetch;
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <MemoryRouter initialEntries={['/']}>
        <NotificationBell />
        <Routes>
          <Route path="/" element={<div data-testid="home-page" />} />
          <Route path="/consultations/:id" element={<Consultation />} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return { marked, counts };
}

const badge = () => screen.getByTestId('notification-bell').closest('.ant-badge')!;

describe('NotificationBell', () => {
  it('shows the unread count and, when opened, what waits for me, newest first, with the deadline of one due soon', async () => {
    renderBell();
    await waitFor(() => expect(badge().querySelector('.ant-badge-count')?.getAttribute('title')).toBe('2'));
    await userEvent.click(screen.getByTestId('notification-bell'));
    const list = await screen.findByTestId('notifications-list');
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(3));
    const texts = within(list)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(texts[0]).toContain('6 小时内到期：上官丽华');
    expect(texts[0]).toContain('期限 2026-06-01 16:00');
    expect(texts[1]).toContain('新分配给您的会诊：司马春燕');
    expect(texts[2]).toContain('会诊已答复：欧阳秋菊');
    expect(texts[2]).not.toContain('期限');
    // Unread ones are in bold, a read one is not.
    expect(within(list).getByText('新分配给您的会诊：司马春燕').closest('strong')).not.toBeNull();
    expect(within(list).getByText('会诊已答复：欧阳秋菊').closest('strong')).toBeNull();
  });

  it('opens the consultation of a notification and marks that one read; an already read one is not sent again', async () => {
    const { marked } = renderBell();
    await userEvent.click(screen.getByTestId('notification-bell'));
    await userEvent.click(await screen.findByText('新分配给您的会诊：司马春燕'));
    expect((await screen.findByTestId('consultation-page')).textContent).toBe(C2);
    await waitFor(() => expect(marked).toEqual([[`assigned:${C2}:1779990000000`]]));
    await waitFor(() => expect(badge().querySelector('.ant-badge-count')?.getAttribute('title')).toBe('1'));
    await userEvent.click(screen.getByTestId('notification-bell'));
    await userEvent.click(await screen.findByText('会诊已答复：欧阳秋菊'));
    await waitFor(() => expect(screen.getByTestId('consultation-page').textContent).toBe(C3));
    expect(marked).toHaveLength(1);
  });

  it('marks all unread read at once and the count goes', async () => {
    const { marked } = renderBell();
    await userEvent.click(screen.getByTestId('notification-bell'));
    await userEvent.click(await screen.findByTestId('notifications-read-all'));
    await waitFor(() => expect(marked).toEqual([[`deadline_near:${C1}:1780000000000`, `assigned:${C2}:1779990000000`]]));
    await waitFor(() => expect(badge().querySelector('.ant-badge-count')).toBeNull());
  });

  it('with nothing waiting says so and shows no count', async () => {
    const { counts } = renderBell({ items: [], unread: 0 });
    await waitFor(() => expect(counts.length).toBeGreaterThan(0));
    expect(badge().querySelector('.ant-badge-count')).toBeNull();
    await userEvent.click(screen.getByTestId('notification-bell'));
    expect(await screen.findByText('没有待办提醒')).toBeTruthy();
    expect(screen.queryByTestId('notifications-read-all')).toBeNull();
  });
});
