import { Space, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import { TodayCard } from '../../app/components/TodayCard';
import { useWorklist } from './api';

/** Home page card (issue 16 item 7): follow-up visits due this week and overdue. */
export function FollowUpToday() {
  const { t } = useTranslation();
  const overdue = useWorklist({ due: 'overdue' });
  const due = useWorklist({ due: 'week' });
  return (
    <TodayCard title={t('home.today.followup')} to="/follow-up" testId="today-followup">
      <Space size="large" wrap>
        <Statistic title={t('home.today.followupDue')} value={due.data?.total ?? 0} loading={due.isLoading} />
        <Statistic title={t('home.today.followupOverdue')} value={overdue.data?.total ?? 0} loading={overdue.isLoading} />
      </Space>
    </TodayCard>
  );
}
