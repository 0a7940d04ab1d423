import { useState } from 'react';
import { Button, Card, Collapse, Descriptions, Space, Table, Tag, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { colon, formatDateTime, hospitalToday, paren } from '../../app/format';
import type { Recommendation, TrackedItem } from './api';
import { ItemActions } from './ItemActions';
import { RecommendationEditModal } from './RecommendationEditModal';
import { ItemStatusTag, useSpecialtyName } from './labels';

/** How an item was closed, or what progress was seen (booking, admission). */
export function ItemOutcome({ item }: { item: TrackedItem }) {
  const { t } = useTranslation();
  if (item.status === 'delivered') {
    return (
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t(`mdt.deliveredVia.${item.deliveredVia ?? 'manual'}`)} · {item.deliveredOn}
        {item.evidence ? ` · ${item.evidence}` : ''}
      </Typography.Text>
    );
  }
  if (item.status === 'not_delivered') {
    return (
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {item.notDeliveredReason ? t(`mdt.reason.${item.notDeliveredReason}`) : ''}
        {item.notDeliveredText ? ` · ${item.notDeliveredText}` : ''}
      </Typography.Text>
    );
  }
  return (
    <Space size={4}>
      {item.bookedFor && <Tag color="blue">{t('mdt.tracking.booked', { date: item.bookedFor })}</Tag>}
      {/* A booked operation whose day has passed with no operation recorded: the coordinator should find out why. */}
      {item.bookedFor && item.bookedFor < hospitalToday() && (
        <Tag color="orange" data-testid="booking-passed">
          {t('mdt.tracking.bookingPassed')}
        </Tag>
      )}
      {item.admittedAt && <Tag color="cyan">{t('mdt.tracking.admitted', { at: formatDateTime(item.admittedAt).slice(0, 10) })}</Tag>}
    </Space>
  );
}

export function RecommendationView({
  rec,
  canTrack,
  canAmend = false,
  onChanged,
}: {
  rec: Recommendation;
  canTrack: boolean;
  canAmend?: boolean;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const specialty = useSpecialtyName();
  const [amending, setAmending] = useState(false);
  return (
    <Card
      size="small"
      title={t('mdt.recommendation.title')}
      data-testid="recommendation"
      extra={
        canAmend && (
          <Button size="small" icon={<EditOutlined />} onClick={() => setAmending(true)}>
            {t('mdt.recommendation.amend')}
          </Button>
        )
      }
    >
      <Descriptions size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={t('mdt.recommendation.intent')}>
          <Tag color={rec.intent === 'curative' ? 'green' : 'orange'}>{t(`mdt.intent.${rec.intent}`)}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('mdt.recommendation.consensus')}>
          {rec.consensus ? t('mdt.recommendation.consensusYes') : <Tag color="red">{t('mdt.recommendation.consensusNo')}</Tag>}
        </Descriptions.Item>
        <Descriptions.Item label={t('mdt.recommendation.guideline')}>
          {rec.guideline ? `${rec.guideline} ${rec.guidelineVersion ?? ''}` : t('mdt.recommendation.guidelineNone')}
        </Descriptions.Item>
        {rec.deviationReason && (
          <Descriptions.Item label={t('mdt.recommendation.deviationReason')}>{rec.deviationReason}</Descriptions.Item>
        )}
        <Descriptions.Item label={t('mdt.recommendation.executingSpecialty')}>{specialty(rec.executingSpecialty)}</Descriptions.Item>
        <Descriptions.Item label={t('mdt.recommendation.responsible')}>{rec.responsible?.name}</Descriptions.Item>
        <Descriptions.Item label={t('mdt.recommendation.decided')}>
          {rec.decidedBy.name} · {formatDateTime(rec.decidedAt)}
        </Descriptions.Item>
      </Descriptions>
      {rec.summary && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{rec.summary}</Typography.Paragraph>}
      {rec.dissent.length > 0 && (
        <ul>
          {rec.dissent.map((d, i) => (
            <li key={i}>
              {[d.name, specialty(d.specialty)].filter(Boolean).join(' · ')}
              {colon()}
              {d.view}
            </li>
          ))}
        </ul>
      )}
      <Table<TrackedItem>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={rec.items}
        data-testid="plan-items"
        columns={[
          { title: '#', width: 40, dataIndex: 'position' },
          {
            title: t('mdt.recommendation.item'),
            render: (_v, i) => (
              <Space direction="vertical" size={0}>
                <span>
                  {t(`mdt.itemKind.${i.kind}`)}
                  {i.approach ? paren(t(`mdt.approach.${i.approach}`)) : ''}
                  {i.timing ? paren(t(`mdt.timing.${i.timing}`)) : ''}
                  {i.requiresAdmission ? ` · ${t('mdt.recommendation.requiresAdmission')}` : ''}
                </span>
                {i.detail && <Typography.Text type="secondary">{i.detail}</Typography.Text>}
              </Space>
            ),
          },
          { title: t('mdt.recommendation.dueDate'), dataIndex: 'dueDate', width: 110 },
          { title: t('common.status'), width: 100, render: (_v, i) => <ItemStatusTag status={i.status} /> },
          { title: t('mdt.tracking.outcome'), render: (_v, i) => <ItemOutcome item={i} /> },
          ...(canTrack
            ? [{ title: '', width: 170, render: (_v: unknown, i: TrackedItem) => <ItemActions item={i} onChanged={onChanged} /> }]
            : []),
        ]}
      />
      <Collapse
        size="small"
        style={{ marginTop: 12 }}
        items={[
          {
            key: 'p',
            label: t('mdt.recommendation.patientSummary'),
            children: <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{rec.patientSummary}</Typography.Paragraph>,
          },
        ]}
      />
      <RecommendationEditModal
        caseId={rec.caseId}
        rec={rec}
        open={amending}
        onClose={() => setAmending(false)}
        onSaved={() => {
          setAmending(false);
          onChanged();
        }}
      />
    </Card>
  );
}
