import { Space, Statistic, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { wallClock } from '@gisurg/contracts';
import { TodayCard } from '../../app/components/TodayCard';
import { getHospitalTimeZone, hospitalToday } from '../../app/format';
import { useBoard, useOccupancy } from './api';

/** Home page card (issue 16 item 7): free beds, beds to clean, admissions and discharges today. */
export function WardToday() {
  const { t } = useTranslation();
  const today = hospitalToday();
  const board = useBoard({});
  const flow = useOccupancy({ from: today, to: today });
  const general = (board.data ?? []).filter((w) => w.kind === 'general').flatMap((w) => w.beds);
  const count = (state: string) => general.filter((b) => b.state === state).length;
  const toClean = general.filter((b) => b.state === 'vacant_dirty');
  const admittedToday = (board.data ?? [])
    .flatMap((w) => w.beds)
    .filter((b) => b.state === 'occupied' && b.admittedAt && wallClock(new Date(b.admittedAt), getHospitalTimeZone()).date === today);
  const day = flow.data?.days.find((d) => d.date === today);
  return (
    <TodayCard title={t('home.today.ward')} to="/ward" testId="today-ward">
      <Space size="large" wrap>
        <Statistic title={t('home.today.bedsFree')} value={count('vacant_clean')} loading={board.isLoading} />
        <Statistic title={t('home.today.bedsToClean')} value={toClean.length} loading={board.isLoading} />
        <Statistic title={t('home.today.bedsOccupied')} value={count('occupied')} loading={board.isLoading} />
        <Statistic title={t('home.today.admissions')} value={day?.admissions ?? 0} loading={flow.isLoading} />
        <Statistic title={t('home.today.discharges')} value={day?.discharges ?? 0} loading={flow.isLoading} />
      </Space>
      {toClean.length > 0 && (
        <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>
          {t('home.today.cleanBeds')}
          {toClean.map((b) => (
            <Tag key={b.id} color="orange">
              {b.label}
            </Tag>
          ))}
        </Typography.Paragraph>
      )}
      {admittedToday.length > 0 && (
        <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>
          {t('home.today.admittedToday')}
          {admittedToday.map((b) => (
            <Tag key={b.id}>
              {b.label} {b.patient?.name}
            </Tag>
          ))}
        </Typography.Paragraph>
      )}
    </TodayCard>
  );
}
