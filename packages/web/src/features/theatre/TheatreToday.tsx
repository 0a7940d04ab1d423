import { Empty, List, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { TodayCard } from '../../app/components/TodayCard';
import { hospitalToday } from '../../app/format';
import { theatreApi } from './api';
import { BookingStatusTag, timeOf, useProcedureName } from './labels';

/** Home page card (issue 16 item 7): today's theatre list. */
export function TheatreToday() {
  const { t } = useTranslation();
  const proc = useProcedureName();
  const today = hospitalToday();
  const { data, isLoading } = useQuery({
    queryKey: ['theatre', 'bookings', 'today', today],
    queryFn: ({ signal }) => theatreApi.bookings({ from: today, to: today }, signal),
  });
  const list = (data ?? []).filter((b) => b.status !== 'cancelled').sort((a, b) => a.startLocal.localeCompare(b.startLocal));
  return (
    <TodayCard title={t('home.today.theatre', { n: list.length })} to="/theatre" testId="today-theatre">
      <List
        size="small"
        loading={isLoading}
        dataSource={list}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.today.noCases')} /> }}
        renderItem={(b) => (
          <List.Item extra={<BookingStatusTag status={b.status} />}>
            <Typography.Text>
              {timeOf(b.startLocal)} · {b.room.code} · <Link to={`/patients/${b.patient.id}`}>{b.patient.name}</Link> ·{' '}
              {b.procedures.map(proc).join('、')}
            </Typography.Text>
          </List.Item>
        )}
      />
    </TodayCard>
  );
}
