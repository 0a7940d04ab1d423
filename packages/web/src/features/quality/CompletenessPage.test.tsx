import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter } from 'react-router';
import '../../app/i18n';
import { AuthContext } from '../../app/auth';
import type { Permission } from '../../app/types';
import { CompletenessPage } from './CompletenessPage';
import type { Completeness } from './completeness-api';

const S = '00000000-0000-4000-8000-0000000000a1';
const DATA: Completeness = {
  from: '2026-01-01',
  to: '2026-06-30',
  surgeonId: null,
  rate: 0.75,
  complete: 3,
  total: 4,
  missingByCode: [
    { code: 'clinical_stage', count: 0 },
    { code: 'mdt_before_surgery', count: 1 },
    { code: 'pathology', count: 0 },
    { code: 'cc_score', count: 0 },
    { code: 'complications_graded', count: 0 },
    { code: 'follow_up_plan', count: 0 },
  ],
  bySurgeon: [{ surgeonId: S, displayName: '王立强', complete: 3, total: 4 }],
  worklist: [
    {
      patientId: '00000000-0000-4000-8000-000000000001',
      name: '丁飞',
      inpatientNo: '2026100701',
      surgeonId: S,
      operationId: '00000000-0000-4000-8000-0000000000b1',
      operationDate: '2026-02-10',
      missing: ['mdt_before_surgery'],
    },
  ],
};

function renderPage(permissions: Permission[], data: Completeness) {
  globalThis.fetch = (async (url: string) =>
    new Response(JSON.stringify(url.startsWith('/api/quality/surgeons') ? { surgeons: [] } : data), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    })) as typeof fetch;
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
          <CompletenessPage />
        </MemoryRouter>
      </AuthContext.Provider>
    </QueryClientProvider>,
  );
}

describe('CompletenessPage', () => {
  it('shows the department head the rate, the surgeons and the worklist linking to the patient checklist', async () => {
    renderPage(['quality:read', 'quality:own', 'quality:all_surgeons'], DATA);
    expect((await screen.findByTestId('completeness-figures')).textContent).toContain('75.0%');
    expect(screen.getByTestId('completeness-surgeons').textContent).toContain('王立强');
    const row = within(screen.getByTestId('completeness-worklist'));
    expect(row.getByRole('link', { name: '丁飞' }).getAttribute('href')).toBe('/patients/00000000-0000-4000-8000-000000000001?tab=care');
    expect(row.getByText('择期肿瘤手术前 MDT 讨论')).toBeTruthy();
  });

  it('shows a researcher the aggregates only', async () => {
    renderPage(['quality:read'], { ...DATA, bySurgeon: [], worklist: [] });
    expect((await screen.findByTestId('completeness-figures')).textContent).toContain('3');
    expect(screen.queryByTestId('completeness-worklist')).toBeNull();
    expect(screen.queryByTestId('completeness-surgeons')).toBeNull();
  });
});
