import { describe, expect, it } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import '../i18n';
import { PatientPicker } from './PatientPicker';

const P1 = '00000000-0000-4000-8000-0000000000c1';

/** The picker against a search that answers only when the test says so; the searches asked are recorded. */
function renderPicker() {
  const asked: string[] = [];
  const answers: (() => void)[] = [];
  globalThis.fetch = (async (url: string) => {
    asked.push(url);
    const q = new URL(url, 'http://x').searchParams.get('q') ?? '';
    const items =
      q === '上官'
        ? [{ id: P1, version: 1, name: '上官丽华', sex: 'female', birthDate: '1960-03-01', age: 66, inpatientNo: '2026100701' }]
        : [];
    await new Promise<void>((resolve) => answers.push(resolve));
    return new Response(JSON.stringify({ items, total: items.length, totalCapped: false, page: 1, pageSize: 10 }), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  }) as typeof fetch;
  render(
    <QueryClientProvider client={new QueryClient()}>
      <PatientPicker />
    </QueryClientProvider>,
  );
  return { asked, answers };
}

describe('patient picker', () => {
  it('says it is searching until the answer for what was typed comes, and “no patient” only when it found none', async () => {
    const { asked, answers } = renderPicker();
    await userEvent.type(screen.getByRole('combobox'), '上官');
    // Typed, the search not yet answered: never "未找到患者" (it flashed at every keystroke).
    expect(await screen.findByText('搜索中…')).toBeTruthy();
    expect(screen.queryByText('未找到患者')).toBeNull();
    await waitFor(() => expect(asked).toHaveLength(1));
    expect(asked[0]).toContain(`q=${encodeURIComponent('上官')}`);
    answers.shift()!();
    expect(await screen.findByText(/上官丽华/)).toBeTruthy();

    await userEvent.clear(screen.getByRole('combobox'));
    await userEvent.type(screen.getByRole('combobox'), '无此人');
    expect(await screen.findByText('搜索中…')).toBeTruthy();
    expect(screen.queryByText('未找到患者')).toBeNull();
    await waitFor(() => expect(asked).toHaveLength(2));
    answers.shift()!();
    expect(await screen.findByText('未找到患者')).toBeTruthy();
  });
});
