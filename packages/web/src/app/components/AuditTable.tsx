import { useState } from 'react';
import { Table, Tag, Tooltip, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get, qs } from '../api';
import { ErrorAlert } from '../ErrorAlert';
import { formatDateTime } from '../format';
import type { AuditEntry, Page } from '../types';
import type { z } from 'zod';
import type { AuditQuerySchema } from '@gisurg/contracts/audit';

/** The audit log's filters, as the server reads them (@gisurg/contracts/audit). */
export type AuditFilters = Partial<
  Pick<z.output<typeof AuditQuerySchema>, 'actorId' | 'patientId' | 'action' | 'resourceType' | 'resourceId' | 'outcome' | 'from' | 'to'>
>;

const OUTCOME_COLOR: Record<string, string> = {
  success: 'green',
  denied: 'red',
  not_found: 'orange',
  failure: 'volcano',
  error: 'magenta',
};

/** The audit log as a sortable, server-paged table (ONC (d)(3): sort by each field, filter by patient and user). */
export function AuditTable({ filters = {}, fixedFilters = {} }: { filters?: AuditFilters; fixedFilters?: AuditFilters }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(50);
  const [sort, setSort] = useState<{ field: string; order: 'asc' | 'desc' }>({ field: 'at', order: 'desc' });
  const all = { ...filters, ...fixedFilters };
  const { data, isLoading, error } = useQuery({
    queryKey: ['audit', all, page, pageSize, sort],
    queryFn: ({ signal }) =>
      get<Page<AuditEntry>>(`/api/audit${qs({ ...all, page, pageSize, sort: sort.field, order: sort.order })}`, signal),
    placeholderData: keepPreviousData,
  });
  const sorter = (field: string) => ({
    sorter: true,
    sortOrder: sort.field === field ? (sort.order === 'asc' ? ('ascend' as const) : ('descend' as const)) : null,
  });
  return (
    <>
      <ErrorAlert error={error} />
      <Table<AuditEntry>
        size="small"
        rowKey="id"
        loading={isLoading}
        dataSource={data?.items ?? []}
        data-testid="audit-table"
        onChange={(_p, _f, s) => {
          const one = Array.isArray(s) ? s[0] : s;
          if (one?.order && typeof one.columnKey === 'string')
            setSort({ field: one.columnKey, order: one.order === 'ascend' ? 'asc' : 'desc' });
          else setSort({ field: 'at', order: 'desc' });
        }}
        pagination={{
          current: page,
          pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100, 200],
          showTotal: (total) => t('common.total', { total }),
          onChange: (p, ps) => {
            setPage(p);
            setPageSize(ps);
          },
        }}
        columns={[
          { key: 'at', title: t('audit.at'), dataIndex: 'at', width: 170, render: (v: string) => formatDateTime(v, true), ...sorter('at') },
          {
            key: 'actor',
            title: t('audit.actor'),
            dataIndex: 'actorName',
            width: 160,
            render: (v: string | null, r) =>
              v ? (
                <span>
                  {v} <Typography.Text type="secondary">{r.actorRole ? t(`role.${r.actorRole}`) : ''}</Typography.Text>
                </span>
              ) : (
                '—'
              ),
            ...sorter('actor'),
          },
          {
            key: 'action',
            title: t('audit.action'),
            dataIndex: 'action',
            width: 190,
            render: (v: string) => <Tooltip title={v}>{t(`auditAction.${v}`, { defaultValue: v })}</Tooltip>,
            ...sorter('action'),
          },
          {
            key: 'resourceType',
            title: t('audit.resource'),
            dataIndex: 'resourceType',
            render: (v: string | null, r) =>
              v ? `${t(`resource.${v}`, { defaultValue: v })} ${r.resourceId ? r.resourceId.slice(0, 8) : ''}` : '—',
            ...sorter('resourceType'),
          },
          {
            key: 'outcome',
            title: t('audit.outcome'),
            dataIndex: 'outcome',
            width: 100,
            render: (v: string) => <Tag color={OUTCOME_COLOR[v]}>{t(`outcome.${v}`)}</Tag>,
            ...sorter('outcome'),
          },
          { key: 'clientIp', title: t('audit.clientIp'), dataIndex: 'clientIp', width: 130 },
          { key: 'sealed', title: t('audit.sealed'), dataIndex: 'sealed', width: 80, render: (v: boolean) => (v ? '✓' : '…') },
        ]}
        expandable={{
          expandedRowRender: (r) => (
            <pre style={{ margin: 0, fontSize: 12, whiteSpace: 'pre-wrap' }}>
              {JSON.stringify({ requestId: r.requestId, patientId: r.patientId, resourceId: r.resourceId, details: r.details }, null, 2)}
            </pre>
          ),
        }}
      />
    </>
  );
}
