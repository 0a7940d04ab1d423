import { describe, expect, it } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App as AntApp } from 'antd';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import dayjs from 'dayjs';
import '../../app/i18n';
import { AuthProvider } from '../../app/auth';
import { RecommendationForm } from './RecommendationForm';

const me = {
  user: { id: 'u1', username: 'mdt_coordinator', displayName: '孙倩', role: 'mdt_coordinator', title: null },
  role: 'mdt_coordinator',
  organization: { id: 'home', name: '钱塘市第一人民医院', nameEn: null, kind: 'home' },
  permissions: ['mdt:read', 'mdt:manage', 'user:read'],
  session: { idleTimeoutSeconds: 900, expiresAt: '2099-01-01T00:00:00Z' },
};

function renderForm() {
  const posted: unknown[] = [];
  globalThis.fetch = (async (url: string, init?: RequestInit) => {
    const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
    if (url === '/api/auth/me') return json(me);
    if (url.startsWith('/api/users')) return json({ items: [], total: 0, page: 1, pageSize: 100 });
    posted.push(typeof init?.body === 'string' ? JSON.parse(init.body) : null);
    return new Response(JSON.stringify({ id: 'r1', items: [] }), { status: 201, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  const saved: unknown[] = [];
  render(
    <AntApp>
      <QueryClientProvider client={new QueryClient()}>
        <AuthProvider>
          <RecommendationForm caseId="c1" tumorGroup="gastric" onSaved={(r) => saved.push(r)} />
        </AuthProvider>
      </QueryClientProvider>
    </AntApp>,
  );
  return { posted, saved };
}

describe('RecommendationForm', () => {
  it('sends the structured recommendation with a due date per plan item (surgery: four weeks by default)', async () => {
    const { posted, saved } = renderForm();
    await userEvent.click(await screen.findByTestId('save-recommendation'));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(posted[0]).toMatchObject({
      intent: 'curative',
      consensus: true,
      dissent: [],
      executingSpecialty: 'surgery',
      items: [{ kind: 'surgery', dueDate: dayjs().add(28, 'day').format('YYYY-MM-DD'), requiresAdmission: false }],
    });
  });

  it('asks for the dissenting view when there is no consensus', async () => {
    const { posted } = renderForm();
    await userEvent.click(await screen.findByTestId('consensus'));
    await userEvent.click(screen.getByTestId('save-recommendation'));
    expect(await screen.findByText('必填')).toBeTruthy();
    expect(posted).toEqual([]);
  });
});
