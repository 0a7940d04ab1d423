import { describe, expect, it } from 'vitest';
import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter, Route, Routes, useParams } from 'react-router';
import './i18n';
import { PatientSearchBox } from './PatientSearchBox';

const DING = { id: '00000000-0000-4000-8000-000000000001', name: '丁飞', sex: 'male', age: 64, inpatientNo: '2026100701' };
const ZHANG = { id: '00000000-0000-4000-8000-000000000002', name: '张广元', sex: 'male', age: 58, inpatientNo: '2026100708' };

/** A server whose answers are released by the test, in any order. */
function deferredServer() {
  const pending = new Map<string, (items: unknown[]) => void>();
  globalThis.fetch = ((url: string) => {
    const q = new URL(url, 'http://x').searchParams.get('q') ?? '';
    return new Promise<Response>((resolve) => {
      pending.set(q, (items) =>
        resolve(
          new Response(JSON.stringify({ items, total: items.length, page: 1, pageSize: 8 }), {
            status: 200,
            headers: { 'content-type': 'application/json' },
          }),
        ),
      );
    });
  }) as typeof fetch;
  return {
    requested: (q: string) => pending.has(q),
    answer: async (q: string, items: unknown[]) => {
      const fn = pending.get(q);
      if (!fn) throw new Error(`no request for ${q}`);
      await act(async () => {
        fn(items);
        await new Promise((r) => setTimeout(r, 20));
      });
    },
  };
}

function PatientPage() {
  return <div data-testid="opened">{useParams().id}</div>;
}

function renderBox() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={['/']}>
        <PatientSearchBox />
        <Routes>
          <Route path="/" element={null} />
          <Route path="/patients" element={null} />
          <Route path="/patients/:id" element={<PatientPage />} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return screen.getByTestId('global-search');
}

describe('header patient search', () => {
  it('shows only the newest query’s results when answers arrive out of order', async () => {
    const server = deferredServer();
    const input = renderBox();
    await userEvent.type(input, 'dingf');
    await waitFor(() => expect(server.requested('dingf')).toBe(true));
    await userEvent.clear(input);
    await userEvent.type(input, 'zgy');
    await waitFor(() => expect(server.requested('zgy')).toBe(true));
    // The newer query answers first, the older one last.
    await server.answer('zgy', [ZHANG]);
    await server.answer('dingf', [DING]);
    expect(await screen.findByText('张广元')).toBeTruthy();
    expect(screen.queryByText('丁飞')).toBeNull();
  });

  it('never shows nor opens an older query’s patient while the newer one is pending', async () => {
    const server = deferredServer();
    const input = renderBox();
    await userEvent.type(input, 'dingf');
    await waitFor(() => expect(server.requested('dingf')).toBe(true));
    await server.answer('dingf', [DING]);
    expect(await screen.findByText('丁飞')).toBeTruthy();
    // Type a new query: from the first keystroke the old suggestion is gone; only a disabled row remains.
    await userEvent.clear(input);
    await userEvent.type(input, 'zgy');
    expect(screen.queryByText('丁飞')).toBeNull();
    expect(screen.queryAllByTestId('search-suggestion')).toHaveLength(0);
    const pendingRow = await screen.findByTestId('search-pending');
    await userEvent.click(pendingRow);
    await userEvent.keyboard('{ArrowDown}{Enter}');
    expect(screen.queryByTestId('opened')).toBeNull();
    // Once the answer to "zgy" is in, that patient (and only that one) can be opened.
    await waitFor(() => expect(server.requested('zgy')).toBe(true));
    await server.answer('zgy', [ZHANG]);
    await userEvent.click(await screen.findByText('张广元'));
    expect((await screen.findByTestId('opened')).textContent).toBe(ZHANG.id);
  });

  it('says so, with a hint, when nothing matches', async () => {
    const server = deferredServer();
    const input = renderBox();
    await userEvent.type(input, 'xyz');
    await waitFor(() => expect(server.requested('xyz')).toBe(true));
    await server.answer('xyz', []);
    expect((await screen.findByTestId('search-empty')).textContent).toContain('住院号');
  });
});
