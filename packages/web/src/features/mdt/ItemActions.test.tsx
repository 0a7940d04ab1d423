import { describe, expect, it } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App as AntApp } from 'antd';
import '../../app/i18n';
import { ItemActions } from './ItemActions';

function renderActions() {
  const calls: { url: string; body: unknown }[] = [];
  globalThis.fetch = (async (url: string, init?: RequestInit) => {
    calls.push({ url, body: typeof init?.body === 'string' ? JSON.parse(init.body) : null });
    return new Response(JSON.stringify({ id: 'i1', status: 'not_delivered' }), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  }) as typeof fetch;
  let changed = 0;
  render(
    <AntApp>
      <ItemActions item={{ id: 'i1', version: 3, status: 'overdue' }} onChanged={() => (changed += 1)} />
    </AntApp>,
  );
  return { calls, changed: () => changed };
}

describe('closing a tracked item as not delivered', () => {
  it('needs a reason from the list before anything is sent', async () => {
    const { calls } = renderActions();
    await userEvent.click(screen.getByTestId('not-delivered'));
    await userEvent.click(await screen.findByTestId('item-action-ok'));
    expect(await screen.findByText('请选择未执行的原因')).toBeTruthy();
    expect(calls).toEqual([]);
  });

  it('needs the reason in words for "other", then sends reason, text and version', async () => {
    const { calls, changed } = renderActions();
    await userEvent.click(screen.getByTestId('not-delivered'));
    await userEvent.click(await screen.findByLabelText('其他'));
    await userEvent.click(screen.getByTestId('item-action-ok'));
    await waitFor(() => expect(screen.getAllByText('必填').length).toBeGreaterThan(0));
    expect(calls).toEqual([]);
    await userEvent.type(screen.getByTestId('reason-text'), '转外院治疗');
    await userEvent.click(screen.getByTestId('item-action-ok'));
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]).toEqual({
      url: '/api/mdt/tracking/i1/not-delivered',
      body: { reason: 'other', reasonText: '转外院治疗', version: 3 },
    });
    await waitFor(() => expect(changed()).toBe(1));
  });
});
