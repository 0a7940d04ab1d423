import { useState } from 'react';
import { Card, DatePicker, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { BreakGlassReportItem } from '@gisurg/contracts/audit';
import { ErrorAlert } from '../../app/ErrorAlert';
import { formatDateTime } from '../../app/format';
import { PageHeader } from '../../app/PageHeader';
import { useAuth } from '../../app/auth';
import { adminApi } from './api';

/**
 * Break-glass accesses (issue 17): who opened which patient outside their scope, why, when, until when, and how many
 * times they reached the patient's record under it. The department head reviews it; each access is in the audit log.
 */
export function BreakGlassReportPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const from = range?.[0]?.format('YYYY-MM-DD');
  const to = range?.[1]?.format('YYYY-MM-DD');
  const { data, error, isLoading } = useQuery({
    queryKey: ['audit', 'break-glass', from, to],
    queryFn: ({ signal }) => adminApi.breakGlassReport({ from, to }, signal),
  });
  return (
    <>
      <PageHeader title={t('breakGlass.reportTitle')} />
      <Card>
        <Space style={{ marginBottom: 12 }}>
          <Typography.Text>{t('breakGlass.period')}</Typography.Text>
          <DatePicker.RangePicker value={range} onChange={(v) => setRange(v)} format="YYYY-MM-DD" allowEmpty={[true, true]} />
        </Space>
        <ErrorAlert error={error} />
        <Table<BreakGlassReportItem>
          rowKey="id"
          size="small"
          loading={isLoading}
          dataSource={data?.items ?? []}
          data-testid="break-glass-table"
          columns={[
            { title: t('breakGlass.at'), dataIndex: 'at', render: (v: string) => formatDateTime(v), width: 150 },
            {
              title: t('breakGlass.user'),
              key: 'user',
              render: (_: unknown, r) => (
                <>
                  {r.userName} <Typography.Text type="secondary">{t(`role.${r.userRole}`)}</Typography.Text>
                </>
              ),
            },
            {
              title: t('breakGlass.patient'),
              key: 'patient',
              render: (_: unknown, r) => (
                <>
                  {r.patientName && can('patient:read') ? (
                    <Link to={`/patients/${r.patientId}`}>{r.patientName}</Link>
                  ) : (
                    <code>{r.patientId.slice(0, 8)}</code>
                  )}
                  <br />
                  <Typography.Text type="secondary">{r.patientOrganizationName}</Typography.Text>
                </>
              ),
            },
            { title: t('breakGlass.reason'), dataIndex: 'reason' },
            {
              title: t('breakGlass.until'),
              key: 'until',
              width: 170,
              render: (_: unknown, r) => (
                <>
                  {formatDateTime(r.expiresAt)} {r.active && <Tag color="red">{t('breakGlass.active')}</Tag>}
                </>
              ),
            },
            { title: t('breakGlass.accesses'), dataIndex: 'accesses', width: 90 },
          ]}
        />
      </Card>
    </>
  );
}
