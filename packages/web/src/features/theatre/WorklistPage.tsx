import { useState } from 'react';
import { App, Button, DatePicker, Space, Table, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../app/api';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../app/ErrorAlert';
import { PageHeader } from '../../app/PageHeader';
import { ReasonModal } from '../../app/components/ReasonModal';
import { nextActions, theatreApi, type Booking, type StatusAction } from './api';
import { BookingFormModal } from './BookingFormModal';
import { hospitalToday, isDate } from '../../app/format';
import { BookingStatusTag, timeOf, useProcedureName } from './labels';
import { TheatreNav } from './TheatreNav';

/** Where the operation record of a completed case is written: the patient's oncology tab, pre-filled. */
export const operationRecordUrl = (b: Pick<Booking, 'id' | 'patient'>) =>
  `/patients/${b.patient.id}?tab=oncology&newOperation=1&bookingId=${b.id}`;

/** The surgical worklist of a day: each case with its state and the next steps (入室 / 完成 / 延期 / 取消). */
export function WorklistPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const proc = useProcedureName();
  const [search, setSearch] = useSearchParams();
  const date = isDate(search.get('date')) ? search.get('date')! : hospitalToday();
  const [asking, setAsking] = useState<{ booking: Booking; action: 'postponed' | 'cancelled' } | null>(null);
  const [rebooking, setRebooking] = useState<Booking | null>(null);
  const { data, error, isLoading } = useQuery({
    queryKey: ['theatre', 'worklist', date],
    queryFn: ({ signal }) => theatreApi.worklist(date, signal),
  });

  const act = async (b: Booking, action: StatusAction, reason?: string) => {
    try {
      const saved = await theatreApi.setStatus(b.id, { status: action, version: b.version, ...(reason ? { reason } : {}) });
      void queryClient.invalidateQueries({ queryKey: ['theatre'] });
      if (saved.status === 'completed' && can('oncology:write')) {
        void message.info(t('theatre.completedHint'));
        void navigate(operationRecordUrl(saved));
      }
    } catch (e) {
      void message.error(e instanceof ApiError ? e.message : String(e));
      void queryClient.invalidateQueries({ queryKey: ['theatre', 'worklist', date] });
    }
  };

  const columns = [
    { title: t('theatre.col.room'), width: 150, render: (_: unknown, b: Booking) => b.room.name },
    {
      title: t('theatre.col.time'),
      width: 130,
      render: (_: unknown, b: Booking) => (
        <span>
          {b.startLocal.slice(0, 10) === date ? timeOf(b.startLocal) : b.startLocal.slice(5, 16).replace('T', ' ')}–
          {b.endLocal.slice(0, 10) === date ? timeOf(b.endLocal) : `${t('theatre.overnight', { time: timeOf(b.endLocal) })}`}
          <div style={{ fontSize: 12, color: '#999' }}>{t('theatre.minutes', { n: b.durationMin })}</div>
        </span>
      ),
    },
    {
      title: t('theatre.col.patient'),
      render: (_: unknown, b: Booking) => (
        <Space direction="vertical" size={0}>
          <Typography.Link onClick={() => void navigate(`/patients/${b.patient.id}`)}>{b.patient.name}</Typography.Link>
          <span style={{ fontSize: 12, color: '#999' }}>{b.patient.inpatientNo}</span>
        </Space>
      ),
    },
    {
      title: t('theatre.col.procedures'),
      render: (_: unknown, b: Booking) => (
        <Space direction="vertical" size={0}>
          <span>
            {b.procedures.map(proc).join('、')} {b.crsHipec && <Tag color="red">{t('theatre.crsTag')}</Tag>}
          </span>
          {b.diagnosis && <span style={{ fontSize: 12, color: '#999' }}>{b.diagnosis}</span>}
          {b.reservations
            .filter((r) => r.status === 'active')
            .map((r) => (
              <span key={r.id} style={{ fontSize: 12, color: r.bedId ? '#389e0d' : '#d46b08' }}>
                {t('theatre.reservation', {
                  kind: t(`theatre.wardKind.${r.wardKind}`),
                  bed: r.bedLabel ? `${r.wardName ?? ''} ${r.bedLabel}` : t('theatre.unassignedBed'),
                  from: r.fromDate,
                  to: r.toDate,
                })}
              </span>
            ))}
        </Space>
      ),
    },
    { title: t('theatre.col.surgeons'), width: 140, render: (_: unknown, b: Booking) => b.surgeons.map((s) => s.name).join('、') },
    {
      title: t('theatre.col.status'),
      width: 120,
      render: (_: unknown, b: Booking) => (
        <Space direction="vertical" size={0}>
          <BookingStatusTag status={b.status} />
          {b.statusReason && <span style={{ fontSize: 12, color: '#999' }}>{b.statusReason}</span>}
        </Space>
      ),
    },
    {
      title: t('theatre.col.actions'),
      width: 250,
      render: (_: unknown, b: Booking) => (
        <Space size={4} wrap>
          {can('theatre:run') &&
            nextActions(b.status).map((a) => (
              <Button
                key={a}
                size="small"
                type={a === 'in_theatre' || a === 'completed' ? 'primary' : 'default'}
                danger={a === 'cancelled'}
                data-testid={`action-${a}`}
                onClick={() => (a === 'postponed' || a === 'cancelled' ? setAsking({ booking: b, action: a }) : void act(b, a))}
              >
                {t(`theatre.action.${a}`)}
              </Button>
            ))}
          {b.status === 'postponed' && can('theatre:book') && (
            <Button size="small" onClick={() => setRebooking(b)} data-testid="action-rebook">
              {t('theatre.action.rebook')}
            </Button>
          )}
          {b.status === 'completed' && !b.operationId && can('oncology:write') && (
            <Button size="small" onClick={() => void navigate(operationRecordUrl(b))} data-testid="action-record">
              {t('theatre.action.recordOperation')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('theatre.nav.worklist')} crumbs={[{ label: t('theatre.nav.title'), to: '/theatre' }]} />
      <TheatreNav />
      <Space style={{ marginBottom: 12 }}>
        <DatePicker
          value={dayjs(date)}
          format="YYYY-MM-DD"
          allowClear={false}
          onChange={(d) => d && setSearch({ date: d.format('YYYY-MM-DD') }, { replace: true })}
          data-testid="worklist-date"
        />
      </Space>
      {error ? <ErrorAlert error={error} /> : null}
      <Table<Booking>
        size="small"
        rowKey="id"
        loading={isLoading}
        columns={columns}
        dataSource={data?.items ?? []}
        pagination={false}
        locale={{ emptyText: t('theatre.emptyWorklist') }}
        data-testid="worklist"
        onRow={(b) => ({ 'data-testid': `case-${b.id}` }) as React.HTMLAttributes<HTMLElement>}
      />
      <ReasonModal
        open={asking !== null}
        title={asking ? t(`theatre.reasonTitle.${asking.action}`) : ''}
        onCancel={() => setAsking(null)}
        onOk={async (reason) => {
          if (asking) await act(asking.booking, asking.action, reason);
          setAsking(null);
        }}
      />
      <BookingFormModal
        open={rebooking !== null}
        booking={rebooking}
        onClose={() => setRebooking(null)}
        onSaved={() => {
          setRebooking(null);
          void queryClient.invalidateQueries({ queryKey: ['theatre'] });
        }}
      />
    </>
  );
}
