import { Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** One card of the home page's "today" row (app/today.tsx): a title, a link to the feature, its figures. */
export function TodayCard({ title, to, children, testId }: { title: string; to: string; children: React.ReactNode; testId: string }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={title} extra={<Link to={to}>{t('home.today.open')}</Link>} data-testid={testId} style={{ height: '100%' }}>
      {children}
    </Card>
  );
}
