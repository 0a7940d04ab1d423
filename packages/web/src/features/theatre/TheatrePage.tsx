import { useMemo, useState } from 'react';
import { Button, DatePicker, Segmented, Skeleton, Space, Tag } from 'antd';
import { LeftOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../app/ErrorAlert';
import { PageHeader } from '../../app/PageHeader';
import { useHomeUsers } from '../../app/components/useHomeUsers';
import { BOOKING_STATUSES, theatreApi, type Booking } from './api';
import { BookingFormModal } from './BookingFormModal';
import { addDays, mondayOf } from '@gisurg/contracts';
import { hospitalToday, isDate } from '../../app/format';
import { STATUS_COLORS } from './labels';
import { DayGrid, WeekGrid, type GridRow } from './ScheduleGrid';
import { TheatreNav } from './TheatreNav';

const SURGEON_ROLES = ['department_head', 'surgeon', 'resident'];

/** The theatre schedule: a day or a week, per room or per surgeon; bookers book and move cases here. */
export function TheatrePage() {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [search, setSearch] = useSearchParams();
  const today = hospitalToday();
  const view = search.get('view') === 'day' ? 'day' : 'week';
  const by = search.get('by') === 'surgeon' ? 'surgeon' : 'room';
  const date = isDate(search.get('date')) ? search.get('date')! : today;
  const set = (patch: Record<string, string>) => setSearch({ view, by, date, ...patch }, { replace: true });
  const [editing, setEditing] = useState<{ booking: Booking | null } | null>(null);

  const from = view === 'day' ? date : mondayOf(date);
  const to = view === 'day' ? date : addDays(from, 6);
  const days = useMemo(() => Array.from({ length: view === 'day' ? 1 : 7 }, (_, i) => addDays(from, i)), [from, view]);
  const rooms = useQuery({ queryKey: ['theatre', 'rooms'], queryFn: ({ signal }) => theatreApi.rooms(signal), staleTime: 300_000 });
  const bookings = useQuery({
    queryKey: ['theatre', 'bookings', from, to],
    queryFn: ({ signal }) => theatreApi.bookings({ from, to }, signal),
    placeholderData: keepPreviousData,
  });
  const users = useHomeUsers();
  const list = bookings.data ?? [];
  const rows: GridRow[] = useMemo(() => {
    if (by === 'room')
      return (rooms.data ?? []).map((r) => ({
        id: r.id,
        label: i18n.language === 'en' && r.nameEn ? r.nameEn : r.name,
        sessions: r.sessions,
      }));
    const seen = new Map<string, string>();
    for (const b of list) for (const s of b.surgeons) seen.set(s.id, s.name);
    for (const u of users) if (SURGEON_ROLES.includes(u.role) && !seen.has(u.id)) seen.set(u.id, u.displayName);
    return [...seen].map(([id, label]) => ({ id, label }));
  }, [by, rooms.data, list, users, i18n.language]);

  const open = (b: Booking) => {
    if (can('theatre:book') && (b.status === 'scheduled' || b.status === 'postponed')) setEditing({ booking: b });
    else void navigate(`/theatre/worklist?date=${b.date}`);
  };
  const step = view === 'day' ? 1 : 7;
  const defaults = useMemo(() => ({ date }), [date]);

  return (
    <>
      <PageHeader
        title={t('theatre.nav.title')}
        crumbs={[{ label: t('theatre.nav.title') }]}
        extra={
          can('theatre:book') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ booking: null })} data-testid="new-booking">
              {t('theatre.book')}
            </Button>
          )
        }
      />
      <TheatreNav />
      <Space wrap style={{ marginBottom: 12, width: '100%', justifyContent: 'space-between' }}>
        <Space wrap>
          <Button icon={<LeftOutlined />} aria-label={t('theatre.view.prev')} onClick={() => set({ date: addDays(date, -step) })} />
          <Button onClick={() => set({ date: today })}>{t('theatre.view.today')}</Button>
          <Button icon={<RightOutlined />} aria-label={t('theatre.view.next')} onClick={() => set({ date: addDays(date, step) })} />
          <DatePicker
            value={dayjs(date)}
            format="YYYY-MM-DD"
            allowClear={false}
            onChange={(d) => d && set({ date: d.format('YYYY-MM-DD') })}
            data-testid="calendar-date"
          />
          <Segmented
            value={view}
            options={[
              { value: 'day', label: t('theatre.view.day') },
              { value: 'week', label: t('theatre.view.week') },
            ]}
            onChange={(v) => set({ view: v })}
            data-testid="view-toggle"
          />
          <Segmented
            value={by}
            options={[
              { value: 'room', label: t('theatre.view.byRoom') },
              { value: 'surgeon', label: t('theatre.view.bySurgeon') },
            ]}
            onChange={(v) => set({ by: v })}
            data-testid="by-toggle"
          />
        </Space>
        <Space size={4} wrap aria-label={t('theatre.legend')}>
          {BOOKING_STATUSES.map((s) => (
            <Tag key={s} style={{ background: STATUS_COLORS[s].bg, borderColor: STATUS_COLORS[s].border, color: '#333' }}>
              {t(`theatre.status.${s}`)}
            </Tag>
          ))}
        </Space>
      </Space>
      {bookings.error ? <ErrorAlert error={bookings.error} /> : null}
      {rooms.isLoading || bookings.isLoading ? (
        <Skeleton active />
      ) : view === 'day' ? (
        <DayGrid date={date} rows={rows} bookings={list} by={by} onOpen={open} />
      ) : (
        <WeekGrid days={days} rows={rows} bookings={list} by={by} today={today} onOpen={open} />
      )}
      <BookingFormModal
        open={editing !== null}
        booking={editing?.booking ?? null}
        defaults={defaults}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          void queryClient.invalidateQueries({ queryKey: ['theatre'] });
        }}
      />
    </>
  );
}
