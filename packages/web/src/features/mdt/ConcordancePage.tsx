import { useState } from 'react';
import { Button, Card, Col, DatePicker, Row, Select, Space, Statistic, Table } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../app/ErrorAlert';
import { PageHeader } from '../../app/PageHeader';
import { mdtApi, TUMOR_GROUPS, type Concordance, type Counts, type MeetingKind, type TumorGroup } from './api';
import { ConcordanceChart } from './ConcordanceChart';
import { hospitalDate } from './labels';
import { MdtNav } from './MdtNav';

const rate = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);

/** Data behind the figures as CSV (UTF-8 with BOM, opens in Excel). */
function downloadCsv(c: Concordance, label: (k: string) => string): void {
  const head = ['group', 'cases', 'delivered', 'partly', 'notDelivered', 'pending', 'concordanceRate'].map(label);
  const line = (name: string, x: Counts) =>
    [name, x.cases, x.delivered, x.partly, x.notDelivered, x.pending, x.concordanceRate ?? ''].join(',');
  const rows = [
    head.join(','),
    line(label('overall'), c.overall),
    ...c.byTumorGroup.map((g) => line(label(`tumorGroup.${g.tumorGroup}`), g)),
    ...c.byMonth.map((m) => line(m.month, m)),
    ...c.byMeeting.map((m) => line(`${hospitalDate(m.startsAt)} ${label(`tumorGroup.${m.tumorGroup}`)}`, m)),
  ];
  const blob = new Blob(['\ufeff' + rows.join('\r\n')], { type: 'text/csv;charset=utf-8' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = `mdt-concordance-${dayjs().format('YYYYMMDD')}.csv`;
  a.click();
  URL.revokeObjectURL(a.href);
}

/** Concordance of decisions and delivery: delivered / partly / not delivered / pending, per board, tumor group and month. */
export function ConcordancePage() {
  const { t } = useTranslation();
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().subtract(12, 'month').startOf('month'), dayjs()]);
  const [tumorGroup, setTumorGroup] = useState<TumorGroup | undefined>();
  const [kind, setKind] = useState<MeetingKind | undefined>();
  const q = {
    from: range[0].format('YYYY-MM-DD'),
    to: range[1].format('YYYY-MM-DD'),
    ...(tumorGroup ? { tumorGroup } : {}),
    ...(kind ? { kind } : {}),
  };
  const { data: c, error } = useQuery({
    queryKey: ['mdt', 'concordance', q],
    queryFn: ({ signal }) => mdtApi.concordance(q, signal),
    placeholderData: keepPreviousData,
  });
  const countColumns = [
    { title: t('mdt.concordance.cases'), dataIndex: 'cases', width: 80 },
    { title: t('mdt.concordance.delivered'), dataIndex: 'delivered', width: 80 },
    { title: t('mdt.concordance.partly'), dataIndex: 'partly', width: 80 },
    { title: t('mdt.concordance.notDelivered'), dataIndex: 'notDelivered', width: 90 },
    { title: t('mdt.concordance.pending'), dataIndex: 'pending', width: 80 },
    { title: t('mdt.concordance.concordanceRate'), dataIndex: 'concordanceRate', width: 100, render: rate },
  ];

  return (
    <>
      <PageHeader
        title={t('mdt.concordance.title')}
        crumbs={[{ label: t('mdt.nav.title'), to: '/mdt' }, { label: t('mdt.nav.concordance') }]}
        extra={
          c && (
            <Button
              icon={<DownloadOutlined />}
              onClick={() => downloadCsv(c, (k) => t(`mdt.concordance.${k}`, { defaultValue: t(`mdt.${k}`) }))}
            >
              {t('mdt.concordance.exportData')}
            </Button>
          )
        }
      />
      <MdtNav />
      <Space style={{ marginBottom: 16, display: 'flex' }} wrap>
        <DatePicker.RangePicker
          value={range}
          format="YYYY-MM-DD"
          allowClear={false}
          onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
        />
        <Select
          allowClear
          placeholder={t('mdt.meeting.tumorGroup')}
          style={{ width: 180 }}
          options={TUMOR_GROUPS.map((g) => ({ value: g, label: t(`mdt.tumorGroup.${g}`) }))}
          onChange={setTumorGroup}
        />
        <Select
          allowClear
          placeholder={t('mdt.meeting.kind')}
          style={{ width: 140 }}
          options={(['intra', 'inter'] as const).map((k) => ({ value: k, label: t(`mdt.kind.${k}`) }))}
          onChange={setKind}
        />
      </Space>
      <ErrorAlert error={error} />
      {c && (
        <>
          <Row gutter={[16, 16]} data-testid="concordance-figures">
            {(['cases', 'delivered', 'partly', 'notDelivered', 'pending'] as const).map((k) => (
              <Col key={k} xs={12} md={4}>
                <Card size="small">
                  <Statistic title={t(`mdt.concordance.${k}`)} value={c.overall[k]} />
                </Card>
              </Col>
            ))}
            <Col xs={12} md={4}>
              <Card size="small">
                <Statistic title={t('mdt.concordance.concordanceRate')} value={rate(c.overall.concordanceRate)} />
              </Card>
            </Col>
          </Row>
          <Row gutter={16} style={{ marginTop: 16 }}>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('mdt.concordance.byTumorGroup')}>
                <ConcordanceChart
                  title={t('mdt.concordance.byTumorGroup')}
                  rows={c.byTumorGroup.map((g) => ({ ...g, label: t(`mdt.tumorGroup.${g.tumorGroup}`) }))}
                />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('mdt.concordance.byMonth')}>
                <ConcordanceChart title={t('mdt.concordance.byMonth')} rows={c.byMonth.map((m) => ({ ...m, label: m.month }))} />
              </Card>
            </Col>
          </Row>
          <Card size="small" title={t('mdt.concordance.byMeeting')} style={{ marginTop: 16 }}>
            <Table
              size="small"
              rowKey="meetingId"
              pagination={false}
              dataSource={c.byMeeting}
              data-testid="concordance-table"
              columns={[
                {
                  title: t('mdt.meeting.board'),
                  render: (_v, m) => (
                    <Link to={`/mdt/meetings/${m.meetingId}`}>
                      {hospitalDate(m.startsAt)} {t(`mdt.tumorGroup.${m.tumorGroup}`)} · {t(`mdt.kind.${m.kind}`)}
                    </Link>
                  ),
                },
                ...countColumns,
              ]}
            />
          </Card>
          <Card size="small" title={t('mdt.concordance.items')} style={{ marginTop: 16 }}>
            <Space size="large" wrap>
              <Statistic title={t('mdt.itemStatus.delivered')} value={c.items.delivered} />
              <Statistic title={t('mdt.itemStatus.not_delivered')} value={c.items.notDelivered} />
              <Statistic title={t('mdt.itemStatus.pending')} value={c.items.pending} />
              <Statistic
                title={t('mdt.itemStatus.overdue')}
                value={c.items.overdue}
                valueStyle={{ color: c.items.overdue ? '#cf1322' : undefined }}
              />
            </Space>
            {c.notDeliveredReasons.length > 0 && (
              <Table
                size="small"
                style={{ marginTop: 12, maxWidth: 480 }}
                rowKey="reason"
                pagination={false}
                dataSource={c.notDeliveredReasons}
                columns={[
                  { title: t('mdt.tracking.reason'), render: (_v, r) => t(`mdt.reason.${r.reason}`) },
                  { title: t('mdt.concordance.count'), dataIndex: 'count' },
                ]}
              />
            )}
          </Card>
        </>
      )}
    </>
  );
}
