import { Empty, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Booking } from './api';
import { minutesOf, STATUS_COLORS, timeOf, useProcedureName } from './labels';

export interface GridRow {
  id: string;
  label: string;
  /** Sessions drawn as shaded bands in the day view (rooms only). */
  sessions?: { start: string; end: string }[];
}

/** The hours the day view shows (07:00–24:00); overnight cases run off the right edge with their end time. */
const DAY_START = 7 * 60;
const DAY_END = 24 * 60;
/** Minutes since midnight of `HH:mm`. */
const hm = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));
const HOURS = Array.from({ length: (DAY_END - DAY_START) / 60 }, (_, i) => DAY_START / 60 + i);

/** Which rows a booking appears in: its room, or each of its surgeons. */
export function rowsOf(b: Booking, by: 'room' | 'surgeon'): string[] {
  return by === 'room' ? [b.room.id] : b.surgeons.length ? b.surgeons.map((s) => s.id) : ['none'];
}

function BookingBlock({
  b,
  compact,
  continued,
  wrap,
  onOpen,
}: {
  b: Booking;
  compact?: boolean;
  continued?: boolean;
  /** Week view: the block grows and the procedures take up to two lines instead of being cut. */
  wrap?: boolean;
  onOpen?: (b: Booking) => void;
}) {
  const { t } = useTranslation();
  const proc = useProcedureName();
  const c = STATUS_COLORS[b.status];
  const overnight = b.endLocal.slice(0, 10) !== b.startLocal.slice(0, 10);
  const title = `${timeOf(b.startLocal)}–${overnight ? `${b.endLocal.slice(5, 10)} ` : ''}${timeOf(b.endLocal)} ${b.patient.name} · ${b.procedures.map(proc).join('、')} · ${b.surgeons.map((s) => s.name).join('、')} · ${t(`theatre.status.${b.status}`)}`;
  return (
    <Tooltip title={title}>
      <div
        role="button"
        tabIndex={0}
        onClick={() => onOpen?.(b)}
        onKeyDown={(e) => e.key === 'Enter' && onOpen?.(b)}
        data-testid="booking-block"
        data-status={b.status}
        style={{
          background: c.bg,
          borderLeft: `4px solid ${c.border}`,
          borderRadius: 4,
          padding: '2px 6px',
          fontSize: 12,
          lineHeight: '16px',
          overflow: 'hidden',
          cursor: onOpen ? 'pointer' : 'default',
          textDecoration: b.status === 'cancelled' ? 'line-through' : undefined,
          height: wrap ? undefined : '100%',
          minHeight: wrap ? 54 : undefined,
          backgroundImage: continued ? 'repeating-linear-gradient(135deg, transparent 0 6px, rgba(0,0,0,0.04) 6px 12px)' : undefined,
        }}
      >
        <div style={{ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>
          <b>{continued ? t('theatre.continued', { from: b.startLocal.slice(5, 16).replace('T', ' ') }) : timeOf(b.startLocal)}</b>{' '}
          {b.patient.name}
          {b.crsHipec && <span style={{ color: '#cf1322' }}> · {t('theatre.crsTag')}</span>}
        </div>
        {!compact && (
          <div
            data-testid="booking-procedures"
            style={
              wrap
                ? { display: '-webkit-box', WebkitLineClamp: 2, WebkitBoxOrient: 'vertical', overflow: 'hidden', color: '#555' }
                : { whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', color: '#555' }
            }
          >
            {b.procedures.map(proc).join('、')}
          </div>
        )}
        <div style={{ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', color: '#888' }}>
          {b.surgeons.map((s) => s.name).join('、')}
          {overnight && !continued ? ` · ${t('theatre.overnight', { time: timeOf(b.endLocal) })}` : ''}
        </div>
      </div>
    </Tooltip>
  );
}

/**
 * Day view: rows (rooms or surgeons) × hours 07:00–24:00, bookings placed by their hospital wall-clock
 * times; a case continuing past midnight runs to the right edge and says when it ends. A case that began
 * the evening before shows from 07:00 as a continuation.
 */
export function DayGrid({
  date,
  rows,
  bookings,
  by,
  onOpen,
}: {
  date: string;
  rows: GridRow[];
  bookings: Booking[];
  by: 'room' | 'surgeon';
  onOpen?: (b: Booking) => void;
}) {
  const { t } = useTranslation();
  if (rows.length === 0) return <Empty description={t('theatre.empty')} />;
  const span = DAY_END - DAY_START;
  const pct = (m: number) => `${((Math.min(Math.max(m, DAY_START), DAY_END) - DAY_START) / span) * 100}%`;
  return (
    <div style={{ border: '1px solid #f0f0f0', borderRadius: 6, overflowX: 'auto' }} data-testid="day-grid">
      <div style={{ display: 'flex', minWidth: 960, borderBottom: '1px solid #f0f0f0', background: '#fafafa' }}>
        <div style={{ width: 150, flex: 'none', padding: '4px 8px' }} />
        <div style={{ flex: 1, position: 'relative', height: 24 }}>
          {HOURS.map((h) => (
            <span key={h} style={{ position: 'absolute', left: pct(h * 60), fontSize: 11, color: '#888', paddingLeft: 2, top: 4 }}>
              {String(h).padStart(2, '0')}
            </span>
          ))}
        </div>
      </div>
      {rows.map((row) => {
        const mine = bookings.filter((b) => rowsOf(b, by).includes(row.id));
        return (
          <div key={row.id} style={{ display: 'flex', minWidth: 960, borderBottom: '1px solid #f0f0f0' }} data-testid="grid-row">
            <div style={{ width: 150, flex: 'none', padding: '8px', fontSize: 13 }}>
              <Typography.Text strong ellipsis>
                {row.label}
              </Typography.Text>
              <div style={{ fontSize: 11, color: '#999' }}>{t('theatre.cases', { n: mine.length })}</div>
            </div>
            <div style={{ flex: 1, position: 'relative', height: 64 }}>
              {(row.sessions ?? []).map((s) => (
                <div
                  key={s.start}
                  style={{
                    position: 'absolute',
                    top: 0,
                    bottom: 0,
                    left: pct(hm(s.start)),
                    width: `calc(${pct(hm(s.end))} - ${pct(hm(s.start))})`,
                    background: 'rgba(22,119,255,0.04)',
                  }}
                />
              ))}
              {HOURS.map((h) => (
                <div key={h} style={{ position: 'absolute', top: 0, bottom: 0, left: pct(h * 60), borderLeft: '1px dashed #f0f0f0' }} />
              ))}
              {mine.map((b) => {
                const startsToday = b.startLocal.slice(0, 10) === date;
                const endsToday = b.endLocal.slice(0, 10) === date;
                const from = startsToday ? minutesOf(b.startLocal) : DAY_START;
                const to = endsToday ? minutesOf(b.endLocal) : DAY_END;
                if (to <= DAY_START && endsToday && !startsToday) return null;
                return (
                  <div
                    key={`${row.id}-${b.id}`}
                    style={{
                      position: 'absolute',
                      top: 4,
                      bottom: 4,
                      left: pct(from),
                      width: `calc(${pct(to)} - ${pct(from)} - 2px)`,
                      minWidth: 24,
                    }}
                  >
                    <BookingBlock b={b} continued={!startsToday} {...(onOpen ? { onOpen } : {})} />
                  </div>
                );
              })}
            </div>
          </div>
        );
      })}
    </div>
  );
}

/**
 * Week view: rows (rooms or surgeons) × days; each cell lists the day's cases in time order. A case that
 * crosses midnight is drawn in both days (the second as a hatched continuation).
 */
export function WeekGrid({
  days,
  rows,
  bookings,
  by,
  today,
  onOpen,
}: {
  days: string[];
  rows: GridRow[];
  bookings: Booking[];
  by: 'room' | 'surgeon';
  today: string;
  onOpen?: (b: Booking) => void;
}) {
  const { t, i18n } = useTranslation();
  if (rows.length === 0) return <Empty description={t('theatre.empty')} />;
  const weekdayName = (d: string) =>
    new Intl.DateTimeFormat(i18n.language === 'en' ? 'en' : 'zh-CN', { weekday: 'short', timeZone: 'UTC' }).format(
      new Date(`${d}T00:00:00Z`),
    );
  const cols = `150px repeat(${days.length}, minmax(120px, 1fr))`;
  return (
    <div style={{ border: '1px solid #f0f0f0', borderRadius: 6, overflowX: 'auto' }} data-testid="week-grid">
      <div style={{ display: 'grid', gridTemplateColumns: cols, background: '#fafafa', borderBottom: '1px solid #f0f0f0', minWidth: 1000 }}>
        <div />
        {days.map((d) => (
          <div
            key={d}
            style={{
              padding: '6px 8px',
              fontSize: 12,
              fontWeight: d === today ? 600 : 400,
              color: d === today ? '#1677ff' : undefined,
              borderLeft: '1px solid #f0f0f0',
            }}
          >
            {d.slice(5)} {weekdayName(d)}
          </div>
        ))}
      </div>
      {rows.map((row) => (
        <div
          key={row.id}
          style={{ display: 'grid', gridTemplateColumns: cols, borderBottom: '1px solid #f0f0f0', minWidth: 1000 }}
          data-testid="grid-row"
        >
          <div style={{ padding: 8, fontSize: 13 }} data-testid="grid-row-label">
            <Typography.Text strong>{row.label}</Typography.Text>
          </div>
          {days.map((d) => {
            const cell = bookings
              .filter(
                (b) =>
                  rowsOf(b, by).includes(row.id) &&
                  b.startLocal.slice(0, 10) <= d &&
                  (b.endLocal.slice(0, 10) > d || (b.endLocal.slice(0, 10) === d && b.endLocal > `${d}T00:00`)),
              )
              .sort((a, b) => a.start.localeCompare(b.start));
            return (
              <div
                key={d}
                style={{
                  borderLeft: '1px solid #f0f0f0',
                  padding: 4,
                  display: 'flex',
                  flexDirection: 'column',
                  gap: 4,
                  minHeight: 56,
                  background: d === today ? 'rgba(22,119,255,0.03)' : undefined,
                }}
              >
                {cell.map((b) => (
                  <BookingBlock key={b.id} b={b} wrap continued={b.startLocal.slice(0, 10) !== d} {...(onOpen ? { onOpen } : {})} />
                ))}
              </div>
            );
          })}
        </div>
      ))}
    </div>
  );
}
