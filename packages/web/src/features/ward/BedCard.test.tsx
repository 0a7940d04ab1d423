import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import '../../app/i18n';
import type { Bed } from './api';
import { BedCard } from './BedCard';

const occupied: Bed = {
  id: 'b1',
  label: 'W1-07',
  state: 'occupied',
  since: '2026-11-20T02:00:00Z',
  admissionId: 'a1',
  patient: { id: 'p1', name: '张三丰', sex: 'male', age: 63, inpatientNo: '2026100001' },
  dayOfStay: 7,
  plannedProcedure: '腹腔镜远端胃切除术（D2）',
  attendingSurgeon: { id: 'u1', name: '王立强' },
  flags: { isolation: '接触隔离', fallRisk: 'high', allergy: '青霉素' },
};

describe('bed card', () => {
  it('shows the patient, day of stay, planned operation, surgeon and flags on an occupied bed', () => {
    render(<BedCard bed={occupied} onOpen={() => undefined} />);
    expect(screen.getByText('住院第7天')).toBeTruthy();
    expect(screen.getByTestId('bed-patient').textContent).toContain('张三丰');
    expect(screen.getByText('腹腔镜远端胃切除术（D2）')).toBeTruthy();
    expect(screen.getByText('王立强')).toBeTruthy();
    expect(screen.getByTestId('flag-isolation').textContent).toBe('隔离');
    expect(screen.getByTestId('flag-fall').textContent).toBe('跌倒风险高');
    expect(screen.getByTestId('flag-allergy').textContent).toContain('青霉素');
  });

  it('names the state of a vacant bed and who a reserved bed is for', () => {
    render(
      <>
        <BedCard bed={{ id: 'b2', label: 'W1-08', state: 'vacant_dirty', since: '2026-11-26T01:00:00Z' }} onOpen={() => undefined} />
        <BedCard
          bed={{
            id: 'b3',
            label: 'ICU-03',
            state: 'reserved',
            since: '2026-11-26T01:00:00Z',
            reservedFor: { id: 'p2', name: '李四' },
            reservedUntil: '2026-11-28T10:00:00Z',
          }}
          onOpen={() => undefined}
        />
      </>,
    );
    expect(screen.getByTestId('bed-W1-08').getAttribute('data-state')).toBe('vacant_dirty');
    expect(screen.getByText('待清洁')).toBeTruthy();
    expect(screen.getByText('预留给 李四')).toBeTruthy();
    expect(screen.getByText('至 2026-11-28 18:00')).toBeTruthy();
  });

  it('opens the bed on click and on Enter', async () => {
    const opened: string[] = [];
    render(<BedCard bed={occupied} onOpen={(b) => opened.push(b.id)} />);
    await userEvent.click(screen.getByTestId('bed-W1-07'));
    screen.getByTestId('bed-W1-07').focus();
    await userEvent.keyboard('{Enter}');
    expect(opened).toEqual(['b1', 'b1']);
  });
});
