import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/format';
import { hoursLeft } from './api';

/** The reply clock: time left (green, orange under 6 h) or overdue (red); nothing once answered. */
export function DeadlineClock({ dueAt, status }: { dueAt: string; status: string }) {
  const { t } = useTranslation();
  if (status === 'answered' || status === 'closed') return <span>{formatDateTime(dueAt)}</span>;
  const h = hoursLeft(dueAt);
  const label = h < 0 ? t('consultations.clock.overdue', { h: Math.ceil(-h) }) : t('consultations.clock.left', { h: Math.floor(h) });
  return (
    <Tooltip title={formatDateTime(dueAt)}>
      <Tag color={h < 0 ? 'red' : h < 6 ? 'orange' : 'green'} data-testid="deadline-clock">
        {label}
      </Tag>
    </Tooltip>
  );
}
