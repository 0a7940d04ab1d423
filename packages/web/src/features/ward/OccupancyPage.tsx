import { colon } from '../../app/format';
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Col, DatePicker, Row, Select, Skeleton, Space, Spin, Statistic, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/ErrorAlert';
import { PageHeader } from '../../app/PageHeader';
import { useOccupancy, type DayFigures } from './api';
import { OccupancyChart } from './OccupancyChart';

/** Seconds since `busy` became true, shown once it has lasted over a second (UX: any wait over 1 s shows progress). */
function useBusySeconds(busy: boolean): number {
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    setSeconds(0);
    if (!busy) return;
    const started = Date.now();
    const id = window.setInterval(() => setSeconds(Math.floor((Date.now() - started) / 1000)), 250);
    return () => window.clearInterval(id);
  }, [busy]);
  return seconds;
}

/** Occupancy and length of stay (issue 6): today by ward, per day over a period, LOS and post-op LOS. */
export function OccupancyPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const from = params.get('from') ?? undefined;
  const to = params.get('to') ?? undefined;
  const wardId = params.get('wardId') ?? undefined;
  const losCounting = params.get('losCounting') ?? undefined;
  const q = useOccupancy({ from, to, wardId, losCounting });
  const queryClient = useQueryClient();
  const busySeconds = useBusySeconds(q.isFetching);
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch))
      if (v) next.set(k, v);
      else next.delete(k);
    setParams(next, { replace: true });
  };
  const d = q.data;
  const wardName = (w: { name: string; nameEn: string | null }) => (i18n.language === 'en' && w.nameEn ? w.nameEn : w.name);
  const num = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v);
  const exportCsv = () => {
    if (!d) return;
    const head = ['date', 'occupied', 'open', 'rate', 'admissions', 'discharges'].map((k) =>
      t(`ward.occupancy.${k === 'rate' ? 'rate' : k}`),
    );
    const lines = [head.join(','), ...d.days.map((r) => [r.date, r.occupied, r.open, r.rate ?? '', r.admissions, r.discharges].join(','))];
    const url = URL.createObjectURL(new Blob([`\ufeff${lines.join('\n')}`], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `occupancy-${d.from}-${d.to}.csv`;
    a.click();
    URL.revokeObjectURL(url);
  };
  return (
    <>
      <PageHeader
        title={t('ward.occupancy.title')}
        crumbs={[{ label: t('ward.nav.title'), to: '/ward' }, { label: t('ward.occupancy.title') }]}
        extra={
          <Button icon={<DownloadOutlined />} onClick={exportCsv} disabled={!d}>
            {t('ward.occupancy.exportCsv')}
          </Button>
        }
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <DatePicker.RangePicker
          allowClear={false}
          value={d ? [dayjs(d.from), dayjs(d.to)] : null}
          format="YYYY-MM-DD"
          onChange={(v) => v?.[0] && v[1] && set({ from: v[0].format('YYYY-MM-DD'), to: v[1].format('YYYY-MM-DD') })}
          data-testid="occupancy-period"
        />
        <Select
          allowClear
          style={{ width: 240 }}
          placeholder={t('ward.occupancy.allWards')}
          value={wardId}
          onChange={(v?: string) => set({ wardId: v })}
          options={(d?.today ?? []).map((w) => ({ value: w.wardId, label: wardName(w) }))}
        />
        <Select
          style={{ width: 220 }}
          value={losCounting ?? 'midnights'}
          onChange={(v: string) => set({ losCounting: v === 'midnights' ? undefined : v })}
          options={(['midnights', 'inclusive'] as const).map((v) => ({
            value: v,
            label: t('ward.occupancy.losCountingOption', { rule: t(`ward.occupancy.${v}`) }),
          }))}
        />
      </Space>
      {busySeconds >= 1 && (
        <Alert
          type="info"
          showIcon
          icon={<Spin size="small" />}
          data-testid="occupancy-progress"
          style={{ marginBottom: 12 }}
          message={t('ward.occupancy.computing', { seconds: busySeconds })}
          action={
            <Button size="small" onClick={() => void queryClient.cancelQueries({ queryKey: ['ward', 'occupancy'] })}>
              {t('common.cancel')}
            </Button>
          }
        />
      )}
      <ErrorAlert error={q.error} />
      {!d ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : (
        <>
          <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('ward.occupancy.rate')} value={num(d.totals.rate)} suffix={d.totals.rate !== null ? '%' : undefined} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('ward.occupancy.discharged')} value={d.los.discharged} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic
                  title={t('ward.occupancy.averageLos')}
                  value={num(d.los.averageLos)}
                  suffix={d.los.averageLos !== null ? t('ward.occupancy.days') : undefined}
                />
                <Typography.Text type="secondary">
                  {t('ward.occupancy.medianLos')}
                  {colon()}
                  {num(d.los.medianLos)}
                </Typography.Text>
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic
                  title={t('ward.occupancy.averagePostOpLos')}
                  value={num(d.los.averagePostOpLos)}
                  suffix={d.los.averagePostOpLos !== null ? t('ward.occupancy.days') : undefined}
                />
                <Typography.Text type="secondary">
                  {t('ward.occupancy.medianPostOpLos')}
                  {colon()}
                  {num(d.los.medianPostOpLos)} · {t('ward.occupancy.postOpCount')}
                  {colon()}
                  {d.los.postOpCount}
                </Typography.Text>
              </Card>
            </Col>
          </Row>
          <Card size="small" title={t('ward.occupancy.today')} style={{ marginBottom: 12 }}>
            <Table
              size="small"
              pagination={false}
              rowKey="wardId"
              dataSource={d.today}
              columns={[
                { title: t('ward.occupancy.ward'), render: (_: unknown, w) => wardName(w) },
                { title: t('ward.occupancy.beds'), dataIndex: 'beds', align: 'right' },
                { title: t('ward.state.occupied'), dataIndex: 'occupied', align: 'right' },
                {
                  title: t('ward.occupancy.rate'),
                  dataIndex: 'rate',
                  align: 'right',
                  render: (v: number | null) => (v === null ? '—' : `${v}%`),
                },
              ]}
            />
          </Card>
          <Card size="small" title={`${t('ward.occupancy.chartTitle')} · ${d.from} – ${d.to}`} style={{ marginBottom: 12 }}>
            <OccupancyChart days={d.days} />
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 0 }}>
              {t('ward.occupancy.definitions')} {t('ward.occupancy.occupiedBedDays')} {d.totals.occupiedBedDays} /{' '}
              {t('ward.occupancy.openBedDays')} {d.totals.openBedDays}
            </Typography.Paragraph>
          </Card>
          <Table<DayFigures>
            size="small"
            rowKey="date"
            sticky
            pagination={{ pageSize: 31, hideOnSinglePage: true }}
            dataSource={d.days}
            data-testid="occupancy-table"
            columns={[
              { title: t('ward.occupancy.date'), dataIndex: 'date', sorter: (a, b) => a.date.localeCompare(b.date) },
              { title: t('ward.occupancy.occupied'), dataIndex: 'occupied', align: 'right' },
              { title: t('ward.occupancy.open'), dataIndex: 'open', align: 'right' },
              {
                title: t('ward.occupancy.rate'),
                dataIndex: 'rate',
                align: 'right',
                render: (v: number | null) => (v === null ? '—' : `${v}%`),
                sorter: (a, b) => (a.rate ?? 0) - (b.rate ?? 0),
              },
              { title: t('ward.occupancy.admissions'), dataIndex: 'admissions', align: 'right' },
              { title: t('ward.occupancy.discharges'), dataIndex: 'discharges', align: 'right' },
            ]}
          />
        </>
      )}
    </>
  );
}
