import { Space, Statistic, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { addDays } from '@gisurg/contracts';
import { useAuth } from '../../app/auth';
import { TodayCard } from '../../app/components/TodayCard';
import { hospitalToday } from '../../app/format';
import { mdtApi } from './api';
import { meetingWhen } from './labels';

/** Home page card (issue 16 item 7): the next board, cases to triage and overdue plan items. */
export function MdtToday() {
  const { t, i18n } = useTranslation();
  const today = hospitalToday();
  const { can } = useAuth();
  // Cases to triage and overdue items are the coordinator's worklist (mdt:manage); the others see the next board.
  const manages = can('mdt:manage');
  const worklist = useQuery({ queryKey: ['mdt', 'worklist'], queryFn: ({ signal }) => mdtApi.worklist(signal), enabled: manages });
  const meetings = useQuery({
    queryKey: ['mdt', 'meetings', 'upcoming', today],
    queryFn: ({ signal }) => mdtApi.meetings({ from: today, to: addDays(today, 30), status: 'scheduled' }, signal),
  });
  const next = [...(meetings.data?.items ?? [])].sort((a, b) => a.startsAt.localeCompare(b.startsAt))[0];
  return (
    <TodayCard title={t('home.today.mdt')} to="/mdt" testId="today-mdt">
      {manages && (
        <Space size="large" wrap>
          <Statistic title={t('home.today.toTriage')} value={worklist.data?.triage.length ?? 0} loading={worklist.isLoading} />
          <Statistic title={t('home.today.overdueItems')} value={worklist.data?.overdue.length ?? 0} loading={worklist.isLoading} />
        </Space>
      )}
      <Typography.Paragraph style={{ marginTop: manages ? 8 : 0, marginBottom: 0 }}>
        {t('home.today.nextBoard')}
        {next ? (
          <Link to={`/mdt/meetings/${next.id}`}>
            {meetingWhen(next.startsAt, i18n.language)} · {next.title ?? t(`mdt.tumorGroup.${next.tumorGroup}`)} ·{' '}
            {t('home.today.agendaCases', { n: next.counts.agenda })}
          </Link>
        ) : (
          t('home.today.noBoard')
        )}
      </Typography.Paragraph>
    </TodayCard>
  );
}
