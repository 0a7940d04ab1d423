import { describe, expect, it } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App as AntApp } from 'antd';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import '../../app/i18n';
import { AuthProvider } from '../../app/auth';
import type { Booking } from './api';
import { BookingFormModal } from './BookingFormModal';

// Ids are UUIDs as the server's would be: the form checks its body with the contract schema before sending.
const S1 = '00000000-0000-4000-8000-0000000000a1';
const R1 = '00000000-0000-4000-8000-0000000000b1';
const P1 = '00000000-0000-4000-8000-0000000000c1';
const B1 = '00000000-0000-4000-8000-0000000000d1';
const B9 = '00000000-0000-4000-8000-0000000000d9';

const me = {
  user: { id: S1, username: 'surgeon', displayName: '王立强', role: 'surgeon', title: null },
  role: 'surgeon',
  organization: { id: 'home', name: '钱塘市第一人民医院', nameEn: null, kind: 'home' },
  permissions: ['theatre:read', 'theatre:book', 'user:read'],
  session: { idleTimeoutSeconds: 900, expiresAt: '2099-01-01T00:00:00Z' },
};

const booking: Booking = {
  id: B1,
  version: 3,
  patient: { id: P1, name: '张三', sex: 'male', birthDate: '1960-01-01', inpatientNo: 'Z1' },
  room: { id: R1, code: 'OR1', name: '1号手术间', nameEn: 'OR 1' },
  start: '2026-12-01T00:00:00.000Z',
  end: '2026-12-01T03:00:00.000Z',
  startLocal: '2026-12-01T08:00',
  endLocal: '2026-12-01T11:00',
  date: '2026-12-01',
  durationMin: 180,
  procedures: [
    { code: 'gastrectomy_distal_d2', name: null },
    { code: null, name: '空肠营养管置入' },
  ],
  diagnosis: '胃窦腺癌',
  anesthesia: 'general',
  crsHipec: false,
  icuDays: 0,
  expectedStayDays: null,
  status: 'postponed',
  statusReason: '贫血',
  startedAt: null,
  completedAt: null,
  operationId: null,
  notes: null,
  surgeons: [{ id: S1, name: '王立强' }],
  team: [{ id: S1, name: '王立强', role: 'surgeon' }],
  equipment: [],
  reservations: [],
  createdAt: '2026-11-20T00:00:00.000Z',
};

function renderModal() {
  const sent: { method: string; url: string; body: unknown }[] = [];
  globalThis.fetch = (async (url: string, init?: RequestInit) => {
    const json = (body: unknown, status = 200) =>
      new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    if (url === '/api/auth/me') return json(me);
    if (url.startsWith('/api/users'))
      return json({
        items: [{ id: S1, displayName: '王立强', role: 'surgeon', title: '副主任医师', disabled: false }],
        total: 1,
        page: 1,
        pageSize: 100,
      });
    if (url === '/api/theatre/rooms') return json([{ id: R1, code: 'OR1', name: '1号手术间', nameEn: 'OR 1', sessions: [], sortOrder: 1 }]);
    if (url === '/api/theatre/equipment') return json([]);
    sent.push({ method: init?.method ?? 'GET', url, body: typeof init?.body === 'string' ? JSON.parse(init.body) : null });
    return json(
      {
        error: {
          code: 'CONFLICT',
          message: '与已有排程冲突',
          details: {
            collisions: [
              {
                kind: 'room',
                resourceId: R1,
                name: '1号手术间',
                bookingId: B9,
                start: '2026-12-01T00:30:00.000Z',
                end: '2026-12-01T02:00:00.000Z',
              },
            ],
          },
        },
      },
      409,
    );
  }) as typeof fetch;
  const saved: unknown[] = [];
  render(
    <AntApp>
      <QueryClientProvider client={new QueryClient()}>
        <AuthProvider>
          <BookingFormModal open booking={booking} onClose={() => undefined} onSaved={(b) => saved.push(b)} />
        </AuthProvider>
      </QueryClientProvider>
    </AntApp>,
  );
  return { sent, saved };
}

describe('booking form', () => {
  it('rebooks a postponed case with its version, catalogue codes and free text, and lists a 409’s collisions by name', async () => {
    const { sent, saved } = renderModal();
    expect((await screen.findByTestId<HTMLInputElement>('field-patient-fixed')).value).toBe('张三 · Z1');
    await userEvent.click(await screen.findByTestId('booking-save'));
    await waitFor(() =>
      expect(screen.getByTestId('collisions').textContent).toContain('手术间「1号手术间」已被占用：2026-12-01 08:30 – 2026-12-01 10:00'),
    );
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      method: 'PATCH',
      url: `/api/theatre/bookings/${B1}`,
      body: {
        version: 3,
        status: 'scheduled',
        start: '2026-12-01T08:00',
        durationMin: 180,
        roomId: R1,
        surgeonIds: [S1],
        procedures: [{ code: 'gastrectomy_distal_d2' }, { name: '空肠营养管置入' }],
      },
    });
    expect(saved).toEqual([]);
  });
});
