import { Space, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { TodayCard } from '../../app/components/TodayCard';
import { hospitalToday } from '../../app/format';
import { useIndicators } from './api';
import { DigestSummary } from './DigestSummary';

const KEY_INDICATORS = ['r0', 'ln_adequacy', 'cd3plus', 'mortality_30d'] as const;

/**
 * Home page card (issue 16 item 7): the year's key quality indicators, red where a target is missed; for the
 * department head also the weekly digest (issue 12): what changed last week.
 */
export function QualityToday() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const today = hospitalToday();
  const { data, isLoading } = useIndicators({ from: `${today.slice(0, 4)}-01-01`, to: today });
  const shown = (data?.indicators ?? []).filter((i) => (KEY_INDICATORS as readonly string[]).includes(i.code));
  return (
    <TodayCard title={t('home.today.quality', { year: today.slice(0, 4) })} to="/quality" testId="today-quality">
      <Space size="large" wrap>
        {shown.map((i) => (
          <Statistic
            key={i.code}
            title={t(`quality.indicator.${i.code}`)}
            value={i.rate === null ? '—' : (i.rate * 100).toFixed(1)}
            suffix={i.rate === null ? undefined : '%'}
            loading={isLoading}
            valueStyle={i.meetsTarget === false ? { color: '#cf1322' } : undefined}
          />
        ))}
      </Space>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        {t('home.today.operations', { n: data?.operations ?? 0 })}
      </Typography.Paragraph>
      {can('quality:report') && <DigestSummary />}
    </TodayCard>
  );
}
