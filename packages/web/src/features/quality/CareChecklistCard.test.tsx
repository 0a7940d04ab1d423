import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter } from 'react-router';
import '../../app/i18n';
import { CareChecklistCard } from './CareChecklistCard';
import type { CareChecklist } from './completeness-api';

const PATIENT = '00000000-0000-4000-8000-000000000001';
const OP = '00000000-0000-4000-8000-0000000000aa';
const item = (
  code: CareChecklist['items'][number]['code'],
  status: CareChecklist['items'][number]['status'],
  reasons: CareChecklist['items'][number]['reasons'] = [],
) => ({
  code,
  status,
  reasons,
  diagnosisId: null,
  operationId: status === 'not_applicable' ? null : OP,
  date: status === 'not_applicable' ? null : '2026-02-01',
});
const CHECKLIST: CareChecklist = {
  patientId: PATIENT,
  items: [
    item('clinical_stage', 'done'),
    item('mdt_before_surgery', 'missing', ['no_discussion']),
    item('pathology', 'missing', ['no_node_count', 'no_margin']),
    item('cc_score', 'not_applicable', ['no_crs']),
    item('complications_graded', 'not_applicable', ['no_complication']),
    item('follow_up_plan', 'done'),
  ],
  done: 2,
  applicable: 4,
  score: 0.5,
};

function renderCard() {
  globalThis.fetch = async () => new Response(JSON.stringify(CHECKLIST), { status: 200, headers: { 'content-type': 'application/json' } });
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <MemoryRouter>
        <CareChecklistCard patientId={PATIENT} />
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

describe('CareChecklistCard', () => {
  it('shows the score, the missing items with their reasons and a link to where each is filled in', async () => {
    renderCard();
    const card = await screen.findByTestId('care-checklist');
    expect(card.textContent).toContain('完成 2/4 项');
    const mdt = within(screen.getByTestId('care-item-mdt_before_surgery'));
    expect(mdt.getByText('缺失')).toBeTruthy();
    expect(mdt.getByRole('link').getAttribute('href')).toBe(`/patients/${PATIENT}?tab=mdt`);
    const pathology = screen.getByTestId('care-item-pathology');
    expect(pathology.textContent).toContain('缺淋巴结检出数；缺切缘（R）');
    expect(within(pathology).getByRole('link').getAttribute('href')).toBe(`/patients/${PATIENT}?tab=oncology`);
    expect(within(screen.getByTestId('care-item-cc_score')).queryByRole('link')).toBeNull();
    expect(screen.getByTestId('care-item-cc_score').textContent).toContain('未行 CRS');
  });

  it('lists missing items first', async () => {
    renderCard();
    await screen.findByTestId('care-checklist');
    const codes = screen.getAllByTestId(/^care-item-/).map((e) => e.getAttribute('data-testid'));
    expect(codes.slice(0, 2)).toEqual(['care-item-mdt_before_surgery', 'care-item-pathology']);
  });
});
