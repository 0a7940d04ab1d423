import { useState } from 'react';
import { Button, Card, Select, Space, Table, Tabs, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { get, qs } from '../../app/api';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../app/ErrorAlert';
import { formatDateTime } from '../../app/format';
import { PageHeader } from '../../app/PageHeader';
import { CONSULTATION_STATUSES, type ConsultationList } from './api';
import { DeadlineClock } from './DeadlineClock';

export const STATUS_COLORS: Record<string, string> = {
  submitted: 'blue',
  assigned: 'geekblue',
  info_requested: 'orange',
  answered: 'green',
  closed: 'default',
};

/** The consultation list: external doctors see their hospital's; the coordinator's queue and overdue list. */
export function ConsultationsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const [tab, setTab] = useState<'all' | 'overdue'>('all');
  const [status, setStatus] = useState<string | undefined>(undefined);
  const [page, setPage] = useState(1);
  const query = { status: tab === 'all' ? status : undefined, overdue: tab === 'overdue' ? 'true' : undefined, page, pageSize: 20 };
  const { data, error, isLoading } = useQuery({
    queryKey: ['consultations', query],
    queryFn: ({ signal }) => get<ConsultationList>(`/api/consultations${qs(query)}`, signal),
  });
  return (
    <>
      <PageHeader
        title={t('consultations.title')}
        extra={
          <Space>
            <Link to="/consultations/partners">{t('consultations.nav.partners')}</Link>
            <Link to="/consultations/figures">{t('consultations.figures.title')}</Link>
            {can('consultation:request') && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => void navigate('/consultations/new')}
                data-testid="new-consultation"
              >
                {t('consultations.new')}
              </Button>
            )}
          </Space>
        }
      />
      <ErrorAlert error={error} />
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(k) => {
            setTab(k as 'all' | 'overdue');
            setPage(1);
          }}
          items={[
            { key: 'all', label: t('consultations.tabs.all') },
            { key: 'overdue', label: <span data-testid="tab-overdue">{t('consultations.tabs.overdue')}</span> },
          ]}
          tabBarExtraContent={
            tab === 'all' ? (
              <Select
                allowClear
                style={{ width: 160 }}
                placeholder={t('consultations.field.status')}
                value={status}
                onChange={(v) => {
                  setStatus(v);
                  setPage(1);
                }}
                options={CONSULTATION_STATUSES.map((s) => ({ value: s, label: t(`consultations.status.${s}`) }))}
                data-testid="filter-status"
              />
            ) : null
          }
        />
        <Table
          rowKey="id"
          loading={isLoading}
          dataSource={data?.items ?? []}
          pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          onRow={(r) => ({ onClick: () => void navigate(`/consultations/${r.id}`), style: { cursor: 'pointer' } })}
          columns={[
            { title: t('consultations.field.patient'), dataIndex: 'patientName' },
            { title: t('consultations.field.hospital'), dataIndex: 'organizationName' },
            {
              title: t('consultations.field.question'),
              dataIndex: 'question',
              ellipsis: true,
            },
            {
              title: t('consultations.field.urgency'),
              dataIndex: 'urgency',
              render: (u: string) => <Tag color={u === 'urgent' ? 'red' : undefined}>{t(`consultations.urgency.${u}`)}</Tag>,
            },
            {
              title: t('consultations.field.status'),
              dataIndex: 'status',
              render: (s: string) => <Tag color={STATUS_COLORS[s]}>{t(`consultations.status.${s}`)}</Tag>,
            },
            { title: t('consultations.field.submittedAt'), dataIndex: 'submittedAt', render: (v: string) => formatDateTime(v) },
            {
              title: t('consultations.field.dueAt'),
              dataIndex: 'dueAt',
              render: (v: string, r) => <DeadlineClock dueAt={v} status={r.status} />,
            },
            { title: t('consultations.field.expert'), dataIndex: 'expertName', render: (v: string | null) => v ?? '—' },
          ]}
        />
      </Card>
    </>
  );
}
