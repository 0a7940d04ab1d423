import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter } from 'react-router';
import '../../app/i18n';
import { AuthContext } from '../../app/auth';
import type { Permission } from '../../app/types';
import { QualityToday } from './QualityToday';
import type { Digest } from './reportApi';

const rate = (numerator: number, denominator: number, meetsTarget: boolean | null) => ({
  numerator,
  denominator,
  rate: numerator / denominator,
  meetsTarget,
});
const DIGEST: Digest = {
  week: { from: '2026-11-16', to: '2026-11-22' },
  windows: { current: { from: '2026-10-26', to: '2026-11-22' }, previous: { from: '2026-10-19', to: '2026-11-15' } },
  indicators: [
    {
      code: 'cd3plus',
      target: { comparator: '<=', value: 0.25 },
      current: rate(3, 9, false),
      previous: rate(1, 6, true),
      change: 'newly_missed',
    },
    { code: 'r0', target: { comparator: '>=', value: 0.9 }, current: rate(1, 1, true), previous: rate(1, 1, true), change: 'still_met' },
  ],
  cusumSignals: [
    { surgeonId: 's1', surgeonName: '新医生', outcome: 'conversion', family: 'colorectal', caseNumber: 10, date: '2026-11-17' },
  ],
  overdueMdt: {
    total: 2,
    newThisWeek: 1,
    items: [
      { itemId: 'i1', caseId: 'c1', patientId: 'p1', patientName: '逾期患者', kind: 'surgery', dueDate: '2026-11-10', daysOverdue: 13 },
    ],
  },
};
const INDICATORS = { from: '2026-01-01', to: '2026-11-26', surgeonId: null, operations: 0, indicators: [] };

function renderCard(permissions: Permission[]) {
  const asked: string[] = [];
  globalThis.fetch = (async (url: string) => {
    asked.push(url);
    return new Response(JSON.stringify(url.startsWith('/api/quality/digest') ? DIGEST : INDICATORS), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  }) as typeof fetch;
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const auth = {
    me: null,
    loading: false,
    endReason: null,
    login: () => Promise.reject(new Error('not in this test')),
    logout: () => Promise.resolve(),
    verifyMfa: () => Promise.reject(new Error('not signed in')),
    reloadMe: () => Promise.resolve(),
    can: (p: Permission) => permissions.includes(p),
  };
  render(
    <QueryClientProvider client={client}>
      <AuthContext.Provider value={auth}>
        <MemoryRouter>
          <QualityToday />
        </MemoryRouter>
      </AuthContext.Provider>
    </QueryClientProvider>,
  );
  return asked;
}

describe('QualityToday weekly digest', () => {
  it("shows the department head last week's changes with links", async () => {
    renderCard(['quality:read', 'quality:report']);
    const digest = await screen.findByTestId('quality-digest');
    expect(digest.textContent).toContain('上周摘要（2026-11-16 至 2026-11-22）');
    const indicators = within(screen.getByTestId('digest-indicators'));
    expect(indicators.getByText('严重并发症（CD ≥ Ⅲa，30 天） 未达标：33.3%（目标 ≤25.0%）')).toBeTruthy();
    expect(indicators.queryByText(/R0/)).toBeNull();
    const cusum = within(screen.getByTestId('digest-cusum'));
    expect(cusum.getByRole('link', { name: '学习曲线新信号 1 个' }).getAttribute('href')).toBe('/quality/learning-curves');
    expect(screen.getByTestId('digest-cusum').textContent).toContain('新医生·中转开腹率·结直肠 第 10 例');
    const overdue = within(screen.getByTestId('digest-overdue'));
    expect(overdue.getByRole('link', { name: '逾期 MDT 计划项 2 项（本周新增 1 项）' }).getAttribute('href')).toBe('/mdt/tracking');
    expect(overdue.getByRole('link', { name: '逾期患者 逾期 13 天' }).getAttribute('href')).toBe('/mdt/cases/c1');
  });

  it('asks nothing of the digest for a surgeon', async () => {
    const asked = renderCard(['quality:read', 'quality:own']);
    await screen.findByTestId('today-quality');
    expect(screen.queryByTestId('quality-digest')).toBeNull();
    expect(asked.some((u) => u.startsWith('/api/quality/digest'))).toBe(false);
  });
});
