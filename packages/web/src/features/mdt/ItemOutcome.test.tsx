import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import { addDays } from '@gisurg/contracts';
import '../../app/i18n';
import { hospitalToday } from '../../app/format';
import type { TrackedItem } from './api';
import { ItemOutcome } from './RecommendationView';

const pending = (bookedFor: string | null) => ({ status: 'pending', bookedFor, admittedAt: null }) as unknown as TrackedItem;

describe('a pending plan item with a booked operation', () => {
  it('says so when the booked day has passed without an operation recorded', () => {
    render(<ItemOutcome item={pending(addDays(hospitalToday(), -6))} />);
    expect(screen.getByText(`已预约手术 ${addDays(hospitalToday(), -6)}`)).toBeTruthy();
    expect(screen.getByTestId('booking-passed').textContent).toBe('预约日已过，未见手术记录');
  });

  it('shows only the booking on or before its day', () => {
    for (const day of [hospitalToday(), addDays(hospitalToday(), 3)]) {
      const { unmount } = render(<ItemOutcome item={pending(day)} />);
      expect(screen.getByText(`已预约手术 ${day}`)).toBeTruthy();
      expect(screen.queryByTestId('booking-passed')).toBeNull();
      unmount();
    }
  });
});
