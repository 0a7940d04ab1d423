import { useState } from 'react';
import { Descriptions, Table, Tag, Tooltip, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get, qs } from '../api';
import { ErrorAlert } from '../ErrorAlert';
import i18next from 'i18next';
import { colon, formatDateTime, semicolon } from '../format';
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

/** The entry's details as label/value pairs (nested objects flattened one level). */
function detailEntries(details: unknown): [string, unknown][] {
  if (!details || typeof details !== 'object' || Array.isArray(details)) return details == null ? [] : [['details', details]];
  return Object.entries(details as Record<string, unknown>).filter(([, v]) => v !== undefined);
}

/** A detail value as text: a filter object reads "label: value", lists are joined, codes are translated. */
function readable(key: string, v: unknown): string {
  const t = i18next.t.bind(i18next);
  const one = (k: string, x: unknown): string => {
    if (x === null || x === undefined) return '—';
    if (Array.isArray(x)) return x.map((y) => one(k, y)).join(', ');
    if (typeof x === 'object')
      return Object.entries(x as Record<string, unknown>)
        .map(([kk, vv]) => `${t(`auditField.${kk}`, { defaultValue: kk })}${colon()}${one(kk, vv)}`)
        .join(semicolon());
    if (k === 'action' && typeof x === 'string') return t(`auditAction.${x}`, { defaultValue: x });
    if (k === 'outcome' && typeof x === 'string') return t(`outcome.${x}`, { defaultValue: x });
    if (k === 'resourceType' && typeof x === 'string') return t(`resource.${x}`, { defaultValue: x });
    if (typeof x === 'boolean') return x ? '✓' : '✗';
    return typeof x === 'string' || typeof x === 'number' ? String(x) : JSON.stringify(x);
  };
  return one(key, v);
}

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
            key: 'patient',
            title: t('audit.patient'),
            dataIndex: 'patientName',
            width: 110,
            render: (v: string | null | undefined, r) => v ?? (r.patientId ? r.patientId.slice(0, 8) : '—'),
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
            <Descriptions size="small" column={1} bordered data-testid="audit-details">
              {r.patientId && (
                <Descriptions.Item label={t('audit.patient')}>
                  {r.patientName ? `${r.patientName} · ${r.patientId}` : r.patientId}
                </Descriptions.Item>
              )}
              {r.resourceType && (
                <Descriptions.Item label={t('audit.resource')}>
                  {t(`resource.${r.resourceType}`, { defaultValue: r.resourceType })} {r.resourceId ?? ''}
                </Descriptions.Item>
              )}
              {detailEntries(r.details).map(([k, v]) => (
                <Descriptions.Item key={k} label={t(`auditField.${k}`, { defaultValue: k })}>
                  {readable(k, v)}
                </Descriptions.Item>
              ))}
              {r.requestId && <Descriptions.Item label={t('audit.requestId')}>{r.requestId}</Descriptions.Item>}
            </Descriptions>
          ),
        }}
      />
    </>
  );
}
