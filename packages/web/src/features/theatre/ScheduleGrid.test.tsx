import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import '../../app/i18n';
import type { Booking } from './api';
import { CollisionList } from './BookingFormModal';
import { DayGrid, rowsOf, WeekGrid } from './ScheduleGrid';

function booking(over: Partial<Booking>): Booking {
  return {
    id: 'b1',
    version: 1,
    patient: { id: 'p1', name: '张三', sex: 'male', birthDate: '1960-01-01', inpatientNo: 'Z1' },
    room: { id: 'r1', code: 'OR1', name: '1号手术间', nameEn: 'OR 1' },
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
    diagnosis: null,
    anesthesia: 'general',
    crsHipec: false,
    icuDays: 0,
    expectedStayDays: null,
    status: 'scheduled',
    statusReason: null,
    startedAt: null,
    completedAt: null,
    operationId: null,
    notes: null,
    surgeons: [{ id: 's1', name: '王立强' }],
    team: [],
    equipment: [],
    reservations: [],
    createdAt: '2026-11-20T00:00:00.000Z',
    ...over,
  };
}

const rooms = [
  { id: 'r1', label: '1号手术间' },
  { id: 'r2', label: '2号手术间' },
];

describe('theatre schedule grid', () => {
  it('puts a booking in its room row in the day view, with catalogue and free-text procedure names', () => {
    render(<DayGrid date="2026-12-01" rows={rooms} bookings={[booking({})]} by="room" />);
    const [row1, row2] = screen.getAllByTestId('grid-row');
    expect(within(row1!).getByTestId('booking-block').textContent).toContain('张三');
    expect(within(row1!).getByTestId('booking-block').textContent).toContain('根治性远端胃切除术（D2）、空肠营养管置入');
    expect(within(row2!).queryByTestId('booking-block')).toBeNull();
  });

  it('draws an overnight case on both days of the week view, the second as a continuation', () => {
    const overnight = booking({
      id: 'b2',
      startLocal: '2026-12-01T13:30',
      endLocal: '2026-12-02T03:30',
      status: 'in_theatre',
      crsHipec: true,
    });
    render(<WeekGrid days={['2026-12-01', '2026-12-02', '2026-12-03']} rows={rooms} bookings={[overnight]} by="room" today="2026-12-02" />);
    const blocks = screen.getAllByTestId('booking-block');
    expect(blocks).toHaveLength(2);
    expect(blocks[0]!.getAttribute('data-status')).toBe('in_theatre');
    expect(blocks[0]!.textContent).toContain('跨夜至 03:30');
    expect(blocks[1]!.textContent).toContain('续 12-01 13:30 开始');
  });

  it('shows a case once per surgeon in the per-surgeon view', () => {
    const b = booking({
      surgeons: [
        { id: 's1', name: '王立强' },
        { id: 's2', name: '陈建华' },
      ],
    });
    expect(rowsOf(b, 'surgeon')).toEqual(['s1', 's2']);
    render(
      <WeekGrid
        days={['2026-12-01']}
        rows={[
          { id: 's1', label: '王立强' },
          { id: 's2', label: '陈建华' },
        ]}
        bookings={[b]}
        by="surgeon"
        today="2026-12-01"
      />,
    );
    expect(screen.getAllByTestId('booking-block')).toHaveLength(2);
  });

  it('names each collision with its kind and hospital times', () => {
    render(
      <CollisionList
        collisions={[
          {
            kind: 'staff',
            resourceId: 's1',
            name: '王立强',
            bookingId: 'b9',
            start: '2026-12-01T00:00:00.000Z',
            end: '2026-12-01T03:00:00.000Z',
          },
        ]}
      />,
    );
    expect(screen.getByTestId('collisions').textContent).toContain('人员「王立强」已被占用：2026-12-01 08:00 – 2026-12-01 11:00');
  });
});
