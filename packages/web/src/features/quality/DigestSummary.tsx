import { Skeleton, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { percent } from './api';
import { useDigest, type Digest } from './reportApi';

const MAX_LISTED = 3;

/** The weekly digest's headline items (issue 12, department head): target changes, new CUSUM signals, overdue board items. */
export function DigestSummary() {
  const { t } = useTranslation();
  const { data, isLoading } = useDigest(true);
  if (isLoading || !data) return <Skeleton active paragraph={{ rows: 2 }} title={false} />;
  const moved = data.indicators.filter((i) => i.change === 'newly_missed' || i.change === 'newly_met');
  return (
    <div data-testid="quality-digest" style={{ marginTop: 12 }}>
      <Typography.Text strong>{t('quality.digest.title', { from: data.week.from, to: data.week.to })}</Typography.Text>
      <ul style={{ paddingLeft: 18, margin: '4px 0 0' }}>
        <li data-testid="digest-indicators">
          {moved.length === 0 ? (
            t('quality.digest.noIndicatorChange')
          ) : (
            <Space size={4} wrap>
              {moved.map((i) => (
                <Link key={i.code} to="/quality">
                  <Tag color={i.change === 'newly_missed' ? 'red' : 'green'}>{indicatorText(t, i)}</Tag>
                </Link>
              ))}
            </Space>
          )}
        </li>
        <li data-testid="digest-cusum">
          <Link to="/quality/learning-curves">{t('quality.digest.cusum', { count: data.cusumSignals.length })}</Link>
          {data.cusumSignals.slice(0, MAX_LISTED).map((s) => (
            <Typography.Text key={`${s.surgeonId}-${s.outcome}-${s.family}`} type="secondary">
              {' · '}
              {t('quality.digest.signal', {
                surgeon: s.surgeonName,
                outcome: t(`quality.indicator.${s.outcome}`),
                family: t(`quality.family.${s.family}`),
                n: s.caseNumber,
              })}
            </Typography.Text>
          ))}
        </li>
        <li data-testid="digest-overdue">
          <Link to="/mdt/tracking">{t('quality.digest.overdue', { count: data.overdueMdt.total, n: data.overdueMdt.newThisWeek })}</Link>
          {data.overdueMdt.items.slice(0, MAX_LISTED).map((i) => (
            <Typography.Text key={i.itemId} type="secondary">
              {' · '}
              <Link to={`/mdt/cases/${i.caseId}`}>{t('quality.digest.overdueItem', { name: i.patientName, days: i.daysOverdue })}</Link>
            </Typography.Text>
          ))}
        </li>
      </ul>
    </div>
  );
}

function indicatorText(t: (k: string, o?: Record<string, unknown>) => string, i: Digest['indicators'][number]): string {
  const target = i.target ? `${i.target.comparator === '>=' ? '≥' : '≤'}${percent(i.target.value)}` : '';
  return t(`quality.digest.${i.change === 'newly_missed' ? 'missed' : 'met'}`, {
    name: t(`quality.indicator.${i.code}`),
    rate: percent(i.current.rate),
    target,
  });
}
