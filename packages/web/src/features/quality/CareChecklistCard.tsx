import { Card, Flex, Progress, Skeleton, Space, Tag, Typography } from 'antd';
import { CheckCircleFilled, ExclamationCircleFilled, MinusCircleOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/ErrorAlert';
import { ITEM_TAB, useCareChecklist } from './completeness-api';

const ICON = {
  done: <CheckCircleFilled style={{ color: '#0b6e4f' }} />,
  missing: <ExclamationCircleFilled style={{ color: '#c0392b' }} />,
  not_applicable: <MinusCircleOutlined style={{ color: '#999' }} />,
} as const;

/**
 * The standardized-care checklist of a cancer patient (issue 12): what the rules require of the record, what is
 * missing (first), with the completeness score and, for each missing item, a link to the tab where it is filled in.
 */
export function CareChecklistCard({ patientId }: { patientId: string }) {
  const { t } = useTranslation();
  const q = useCareChecklist(patientId);
  const c = q.data;
  if (q.isLoading) return <Skeleton active />;
  if (!c) return <ErrorAlert error={q.error} />;
  const order = { missing: 0, done: 1, not_applicable: 2 } as const;
  const items = [...c.items].sort((a, b) => order[a.status] - order[b.status]);
  return (
    <Card
      size="small"
      data-testid="care-checklist"
      title={t('quality.completeness.card.title')}
      extra={
        c.score === null ? (
          <Typography.Text type="secondary">{t('quality.completeness.card.noneApplies')}</Typography.Text>
        ) : (
          <Space>
            <span>{t('quality.completeness.card.score', { done: c.done, applicable: c.applicable })}</span>
            <Progress
              type="circle"
              size={40}
              percent={Math.round(c.score * 100)}
              status={c.done === c.applicable ? 'success' : 'normal'}
              data-testid="care-score"
            />
          </Space>
        )
      }
    >
      {items.map((i) => (
        <Flex
          key={`${i.code}-${i.operationId ?? i.diagnosisId ?? 'patient'}`}
          gap={12}
          align="start"
          style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}
          data-testid={`care-item-${i.code}`}
        >
          <span style={{ paddingTop: 2 }}>{ICON[i.status]}</span>
          <div style={{ flex: 1 }}>
            <Space wrap>
              <span>{t(`quality.completeness.item.${i.code}`)}</span>
              {i.date && <Typography.Text type="secondary">{i.date}</Typography.Text>}
              <Tag color={i.status === 'done' ? 'green' : i.status === 'missing' ? 'red' : 'default'}>
                {t(`quality.completeness.status.${i.status}`)}
              </Tag>
            </Space>
            {i.reasons.length > 0 && (
              <div>
                <Typography.Text type="secondary">
                  {i.reasons.map((r) => t(`quality.completeness.reason.${r}`)).join(t('quality.completeness.card.listSep'))}
                  {i.status === 'missing' && `${t('quality.completeness.card.sep')}${t(`quality.completeness.hint.${i.code}`)}`}
                </Typography.Text>
              </div>
            )}
          </div>
          {i.status === 'missing' && (
            <Link to={`/patients/${patientId}?tab=${ITEM_TAB[i.code]}`}>{t(`quality.completeness.card.goto.${ITEM_TAB[i.code]}`)}</Link>
          )}
        </Flex>
      ))}
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }}>
        {t('quality.completeness.card.sources')}
      </Typography.Paragraph>
    </Card>
  );
}
