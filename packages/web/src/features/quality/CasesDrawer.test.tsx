import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter } from 'react-router';
import '../../app/i18n';
import { CasesDrawer, type CasesDrawerQuery } from './CasesDrawer';
import type { Cases, QualityCase } from './api';

const row = (n: number, patch: Partial<QualityCase>): QualityCase => ({
  operationId: `00000000-0000-4000-8000-00000000000${n}`,
  operationDate: '2026-03-01',
  patient: { id: `00000000-0000-4000-8000-0000000000a${n}`, name: `患者${n}`, inpatientNo: `Z00${n}` },
  procedures: ['gastrectomy_distal_d2'],
  surgeon: { id: '00000000-0000-4000-8000-0000000000ff', displayName: '王外科' },
  approach: 'laparoscopic',
  site: 'stomach',
  hasPathology: true,
  nodesExamined: 20,
  margin: 'R0',
  converted: false,
  severeComplications: [],
  deathDate: null,
  ...patch,
});

function renderDrawer(query: CasesDrawerQuery, body: Cases) {
  const urls: string[] = [];
  globalThis.fetch = async (url) => {
    urls.push(typeof url === 'string' ? url : url instanceof URL ? url.href : url.url);
    return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
  };
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <MemoryRouter>
        <CasesDrawer query={query} onClose={() => undefined} />
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return urls;
}

describe('CasesDrawer', () => {
  it('lists the operations behind a number with the patient link and the fact that counted each', async () => {
    const query: CasesDrawerQuery = { code: 'cd3plus', group: 'numerator', from: '2026-01-01', to: '2026-06-30' };
    const urls = renderDrawer(query, {
      code: 'cd3plus',
      group: 'numerator',
      reason: null,
      from: '2026-01-01',
      to: '2026-06-30',
      surgeonId: null,
      total: 1,
      items: [row(1, { severeComplications: [{ grade: 'IIIa', day: 5, type: 'anastomotic_leak' }] })],
    });
    const drawer = await screen.findByTestId('quality-cases');
    await within(drawer).findByText('吻合口漏 IIIa 级（术后第 5 天）');
    expect(urls[0]).toBe('/api/quality/cases?code=cd3plus&group=numerator&from=2026-01-01&to=2026-06-30');
    const link = within(drawer).getByRole('link', { name: '患者1 · Z001' });
    expect(link.getAttribute('href')).toBe('/patients/00000000-0000-4000-8000-0000000000a1');
    expect(drawer.textContent).toContain('根治性远端胃切除术（D2）');
    expect(drawer.textContent).toContain('王外科');
    expect(drawer.textContent).toContain('共 1 台手术（2026-01-01 至 2026-06-30）');
  });

  it('says why an operation is missing from the denominator and when the list is cut', async () => {
    renderDrawer(
      { code: 'ln_adequacy', group: 'missing', reason: 'no_node_count', from: '2026-01-01', to: '2026-06-30' },
      {
        code: 'ln_adequacy',
        group: 'missing',
        reason: 'no_node_count',
        from: '2026-01-01',
        to: '2026-06-30',
        surgeonId: null,
        total: 501,
        items: [row(2, { nodesExamined: null })],
      },
    );
    const drawer = await screen.findByTestId('quality-cases');
    await within(drawer).findByText('病理未记录淋巴结数');
    expect(drawer.textContent).toContain('仅显示最近的 1 台（共 501 台）');
    expect(document.body.textContent).toContain('淋巴结检出达标率：未记录淋巴结数');
  });
});
