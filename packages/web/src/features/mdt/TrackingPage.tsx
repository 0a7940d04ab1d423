import { useState } from 'react';
import { Badge, Card, Empty, Segmented, Select, Space, Table, Typography } from 'antd';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../app/ErrorAlert';
import { formatDateTime, paren } from '../../app/format';
import { PageHeader } from '../../app/PageHeader';
import { mdtApi, TUMOR_GROUPS, type ItemStatus, type TrackingRow, type TumorGroup } from './api';
import { ItemActions } from './ItemActions';
import { ItemStatusTag, hospitalDate } from './labels';
import { MdtNav } from './MdtNav';
import { ItemOutcome } from './RecommendationView';
import { TriageCard } from './TriageCard';

/**
 * Decision-to-delivery tracking: every plan item with its due date, overdue first; close each as delivered
 * (with evidence) or not delivered (with a reason). Coordinators also see cases to triage and anything stuck.
 */
export function TrackingPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<ItemStatus | 'all'>('all');
  const [tumorGroup, setTumorGroup] = useState<TumorGroup | undefined>();
  const [page, setPage] = useState(1);
  const { data, isLoading, error } = useQuery({
    queryKey: ['mdt', 'tracking', status, tumorGroup, page],
    queryFn: ({ signal }) =>
      mdtApi.tracking({ ...(status !== 'all' ? { status } : {}), ...(tumorGroup ? { tumorGroup } : {}), page }, signal),
    placeholderData: keepPreviousData,
  });
  const { data: worklist } = useQuery({
    queryKey: ['mdt', 'worklist'],
    queryFn: ({ signal }) => mdtApi.worklist(signal),
    enabled: can('mdt:manage'),
  });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['mdt'] });

  return (
    <>
      <PageHeader title={t('mdt.tracking.title')} crumbs={[{ label: t('mdt.nav.title'), to: '/mdt' }, { label: t('mdt.nav.tracking') }]} />
      <MdtNav />
      {worklist && (
        <>
          <TriageCard
            cases={worklist.triage}
            canManage
            title={`${t('mdt.triage.title')}${paren(worklist.triage.length)}`}
            onChanged={refresh}
          />
          {worklist.stuck.length > 0 && (
            <Card
              size="small"
              title={`${t('mdt.tracking.stuck')}${paren(worklist.stuck.length)}`}
              style={{ marginTop: 16 }}
              data-testid="stuck"
            >
              {worklist.stuck.map((s) => (
                <div key={`${s.entity}-${s.id}`}>
                  <Link to={s.entity === 'mdt_case' ? `/mdt/cases/${s.id}` : `/mdt/meetings/${s.id}`}>
                    {s.entity === 'mdt_meeting' ? t(`mdt.tumorGroup.${s.label}`, { defaultValue: s.label }) : s.label}
                  </Link>{' '}
                  · {t(s.entity === 'mdt_case' ? `mdt.caseStatus.${s.status}` : `mdt.meetingStatus.${s.status}`)} ·{' '}
                  {t('mdt.tracking.since', { at: formatDateTime(s.since) })}
                </div>
              ))}
            </Card>
          )}
        </>
      )}
      <Space style={{ margin: '16px 0', display: 'flex' }} wrap>
        <Segmented<ItemStatus | 'all'>
          value={status}
          onChange={(v) => {
            setPage(1);
            setStatus(v);
          }}
          options={[
            { value: 'all', label: t('mdt.tracking.all') },
            {
              value: 'overdue',
              label: (
                <Badge dot={Boolean(worklist?.overdue.length)} offset={[6, 0]}>
                  {t('mdt.itemStatus.overdue')}
                </Badge>
              ),
            },
            { value: 'pending', label: t('mdt.itemStatus.pending') },
            { value: 'delivered', label: t('mdt.itemStatus.delivered') },
            { value: 'not_delivered', label: t('mdt.itemStatus.not_delivered') },
          ]}
          data-testid="tracking-status"
        />
        <Select
          allowClear
          placeholder={t('mdt.meeting.tumorGroup')}
          style={{ width: 180 }}
          options={TUMOR_GROUPS.map((g) => ({ value: g, label: t(`mdt.tumorGroup.${g}`) }))}
          onChange={(g?: TumorGroup) => {
            setPage(1);
            setTumorGroup(g);
          }}
        />
      </Space>
      <ErrorAlert error={error} />
      <Table<TrackingRow>
        size="small"
        rowKey="id"
        loading={isLoading}
        dataSource={data?.items ?? []}
        data-testid="tracking-table"
        rowClassName={(r) => (r.status === 'overdue' ? 'gisurg-row-overdue' : '')}
        locale={{ emptyText: <Empty description={t('mdt.tracking.none')} /> }}
        pagination={{
          current: page,
          pageSize: 50,
          total: data?.total ?? 0,
          onChange: setPage,
          showTotal: (total) => t(data?.totalCapped ? 'common.totalAtLeast' : 'common.total', { total }),
        }}
        columns={[
          {
            title: t('mdt.case.patient'),
            render: (_v, r) => (
              <Space direction="vertical" size={0}>
                <Link to={`/mdt/cases/${r.caseId}`}>{r.patientName}</Link>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {r.inpatientNo}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: t('mdt.recommendation.item'),
            render: (_v, r) => (
              <Space direction="vertical" size={0}>
                <span>{t(`mdt.itemKind.${r.kind}`)}</span>
                {r.detail && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {r.detail}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
          {
            title: t('mdt.meeting.board'),
            render: (_v, r) => (
              <Link to={`/mdt/meetings/${r.meetingId}`}>
                {hospitalDate(r.meetingStartsAt)} {t(`mdt.tumorGroup.${r.tumorGroup}`)}
              </Link>
            ),
          },
          { title: t('mdt.recommendation.dueDate'), dataIndex: 'dueDate', width: 110 },
          { title: t('common.status'), width: 100, render: (_v, r) => <ItemStatusTag status={r.status} /> },
          { title: t('mdt.recommendation.responsible'), dataIndex: 'responsibleName', width: 110 },
          { title: t('mdt.tracking.outcome'), render: (_v, r) => <ItemOutcome item={r} /> },
          { title: '', width: 170, render: (_v, r) => <ItemActions item={r} onChanged={refresh} /> },
        ]}
      />
    </>
  );
}
