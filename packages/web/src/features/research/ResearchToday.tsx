import { Empty, List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { addDays } from '@gisurg/contracts';
import { TodayCard } from '../../app/components/TodayCard';
import { hospitalToday } from '../../app/format';
import { useProjects } from './api';

/** Home page card (issue 16 item 7): the researcher's projects, with ethics approvals about to expire. */
export function ResearchToday() {
  const { t } = useTranslation();
  const today = hospitalToday();
  const { data, isLoading } = useProjects();
  const items = data?.items ?? [];
  return (
    <TodayCard title={t('home.today.research', { n: items.length })} to="/research" testId="today-research">
      <List
        size="small"
        loading={isLoading}
        dataSource={items.slice(0, 6)}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.today.noProjects')} /> }}
        renderItem={(p) => {
          const expiring = p.ethicsExpiresOn !== null && p.ethicsExpiresOn <= addDays(today, 60);
          return (
            <List.Item extra={expiring ? <Tag color="red">{t('home.today.ethicsExpires', { date: p.ethicsExpiresOn })}</Tag> : null}>
              <Link to={`/research/${p.id}`}>{p.title}</Link>
              <Typography.Text type="secondary"> · {t('home.today.consenting', { n: p.consenting })}</Typography.Text>
            </List.Item>
          );
        }}
      />
    </TodayCard>
  );
}
