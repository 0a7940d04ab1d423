import { Tag } from 'antd';
import { PROCEDURES } from '@gisurg/clinical';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../app/components/useLang';
import type { Booking, BookingStatus } from './api';

/** State colours of the calendar blocks and tags (the legend uses the same). */
export const STATUS_COLORS: Record<BookingStatus, { tag: string; bg: string; border: string }> = {
  scheduled: { tag: 'blue', bg: '#e6f4ff', border: '#1677ff' },
  in_theatre: { tag: 'orange', bg: '#fff7e6', border: '#fa8c16' },
  completed: { tag: 'green', bg: '#f6ffed', border: '#52c41a' },
  postponed: { tag: 'purple', bg: '#f9f0ff', border: '#9254de' },
  cancelled: { tag: 'default', bg: '#fafafa', border: '#bfbfbf' },
};

export function BookingStatusTag({ status }: { status: BookingStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status].tag} data-testid="booking-status">
      {t(`theatre.status.${status}`)}
    </Tag>
  );
}

const byCode = new Map(PROCEDURES.map((p) => [p.code, p]));

/** A planned procedure's name: the catalogue label in the current language, or the free text. */
export function useProcedureName(): (p: Booking['procedures'][number]) => string {
  const lang = useLang();
  return (p) => (p.code ? (byCode.get(p.code)?.label[lang] ?? p.code) : (p.name ?? ''));
}

/** `HH:mm` of a hospital wall-clock `YYYY-MM-DDTHH:mm`. */
export const timeOf = (local: string) => local.slice(11, 16);
/** Minutes since midnight of a wall-clock `YYYY-MM-DDTHH:mm`. */
export const minutesOf = (local: string) => Number(local.slice(11, 13)) * 60 + Number(local.slice(14, 16));
