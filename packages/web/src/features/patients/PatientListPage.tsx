import { useEffect, useRef, useState } from 'react';
import { Button, Empty, Input, Table, Tag, Tooltip, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import type { InputRef } from 'antd';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../app/ErrorAlert';
import { PageHeader } from '../../app/PageHeader';
import type { ListedPatient, Patient } from '../../app/types';
import { useLang } from '../../app/components/useLang';
import { DIAGNOSIS_SITE_OPTIONS } from '@gisurg/clinical';
import { patientsApi } from './api';
import { formatDateTime } from '../../app/format';

/**
 * Patient list with one search box (name, pinyin, initials, 住院号, ID number), server-side paging, and
 * keyboard use: type, Enter to search, ↓/↑ to move, Enter to open.
 */
export function PatientListPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const lang = useLang();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const page = Number(params.get('page') ?? 1) || 1;
  const pageSize = Number(params.get('pageSize') ?? 20) || 20;
  const [text, setText] = useState(q);
  const [active, setActive] = useState(0);
  const inputRef = useRef<InputRef>(null);
  useEffect(() => setText(q), [q]);
  useEffect(() => inputRef.current?.focus(), []);

  const { data, isLoading, error } = useQuery({
    queryKey: ['patients', 'list', q, page, pageSize],
    queryFn: ({ signal }) => patientsApi.find(q, page, pageSize, signal),
    placeholderData: keepPreviousData,
  });
  const items = data?.items ?? [];
  useEffect(() => setActive(0), [data]);

  const search = (value: string) =>
    setParams((p) => {
      const n = new URLSearchParams(p);
      if (value.trim()) n.set('q', value.trim());
      else n.delete('q');
      n.set('page', '1');
      return n;
    });

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((a) => Math.min(a + 1, items.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === 'Enter' && text.trim() === q && items[active]) {
      e.preventDefault();
      void navigate(`/patients/${items[active].id}`);
    }
  };

  return (
    <>
      <PageHeader
        title={t('nav.patients')}
        crumbs={[{ label: t('nav.patients') }]}
        extra={
          can('patient:create') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/patients/new')} data-testid="new-patient">
              {t('patient.new')}
            </Button>
          )
        }
      />
      <Input.Search
        ref={inputRef}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onSearch={search}
        onKeyDown={onKeyDown}
        placeholder={t('search.placeholder')}
        allowClear
        enterButton={t('common.search')}
        style={{ maxWidth: 560, marginBottom: 16 }}
        data-testid="patient-search"
      />
      <ErrorAlert error={error} />
      <Table<ListedPatient>
        size="small"
        rowKey="id"
        loading={isLoading}
        dataSource={items}
        sticky
        data-testid="patient-table"
        rowClassName={(_r, i) => (i === active ? 'gisurg-row-active' : '')}
        onRow={(r) => ({ onClick: () => void navigate(`/patients/${r.id}`), style: { cursor: 'pointer' } })}
        locale={{ emptyText: <Empty description={q ? t('patient.noMatch', { q }) : t('patient.empty')} /> }}
        pagination={{
          current: page,
          pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t(data?.totalCapped ? 'common.totalAtLeast' : 'common.total', { total }),
          onChange: (p, ps) =>
            setParams((old) => {
              const n = new URLSearchParams(old);
              n.set('page', String(p));
              n.set('pageSize', String(ps));
              return n;
            }),
        }}
        columns={[
          {
            title: t('patient.name'),
            dataIndex: 'name',
            width: 96,
            // A name on one line (刘阳强 wrapped after two characters at 1,400 px, beside the fixed-width columns).
            onCell: () => ({ style: { whiteSpace: 'nowrap' } }),
            render: (v: string) => <Typography.Text strong>{v}</Typography.Text>,
          },
          { title: t('patient.sex'), dataIndex: 'sex', width: 60, render: (v: Patient['sex']) => t(`sex.${v}`) },
          { title: t('patient.age'), dataIndex: 'age', width: 60 },
          { title: t('patient.inpatientNo'), dataIndex: 'inpatientNo', width: 130 },
          {
            title: t('patient.listDiagnosis'),
            key: 'diagnosis',
            // The flexible column (the table's layout is fixed: sticky header): the rest of the width, "…" when short.
            ellipsis: true,
            render: (_, r) =>
              r.facts?.diagnosis ? (
                <span data-testid="row-diagnosis">
                  {r.facts.diagnosis.icd10}{' '}
                  {DIAGNOSIS_SITE_OPTIONS.find((o) => o.value === r.facts?.diagnosis?.site)?.label[lang] ?? r.facts.diagnosis.site}
                </span>
              ) : null,
          },
          {
            title: t('patient.listBed'),
            key: 'bed',
            width: 80,
            render: (_, r) =>
              r.facts?.bed ? (
                <Tooltip title={r.facts.ward}>
                  <Tag color="green" data-testid="row-bed">
                    {r.facts.bed}
                  </Tag>
                </Tooltip>
              ) : null,
          },
          { title: t('patient.listAttending'), key: 'attending', width: 100, render: (_, r) => r.facts?.attending ?? null },
          { title: t('patient.idNumber'), dataIndex: 'idNumber', width: 180 },
          {
            title: t('patient.source'),
            dataIndex: 'sourceOrganizationName',
            // A long hospital name ends in "…" (the full name on hover) instead of running over the next column's text.
            width: 150,
            ellipsis: { showTitle: false },
            render: (v: string | null) =>
              v ? (
                <Tag
                  color="blue"
                  title={v}
                  style={{
                    display: 'inline-block',
                    maxWidth: '100%',
                    overflow: 'hidden',
                    textOverflow: 'ellipsis',
                    verticalAlign: 'middle',
                  }}
                >
                  {v}
                </Tag>
              ) : null,
          },
          { title: t('common.updatedAt'), dataIndex: 'updatedAt', width: 150, render: (v: string) => formatDateTime(v) },
        ]}
      />
    </>
  );
}
