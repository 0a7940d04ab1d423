import { useState } from 'react';
import { Button, Card, InputNumber, Space, Table } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get } from '../../app/api';
import { useDownload } from '../../app/download';
import { ErrorAlert } from '../../app/ErrorAlert';
import { todayInHospital } from '../../app/format';
import { PageHeader } from '../../app/PageHeader';
import type { Figures } from './api';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/**
 * Per hospital and year: consultations, answered within the deadline, median hours to answer, recommendation mix,
 * referrals admitted and sent back, survey results, outreach; the same as an Excel workbook.
 */
export function FiguresPage() {
  const { t } = useTranslation();
  const [year, setYear] = useState(Number(todayInHospital().slice(0, 4)));
  const { data, error, isLoading } = useQuery({
    queryKey: ['consultations', 'figures', year],
    queryFn: ({ signal }) => get<Figures>(`/api/consultations/figures?year=${year}`, signal),
  });
  const rows = data?.hospitals ?? [];
  const { busy, download } = useDownload();
  const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 100)}%`);
  return (
    <>
      <PageHeader
        title={t('consultations.figures.title')}
        crumbs={[{ label: t('consultations.title'), to: '/consultations' }]}
        extra={
          <Space>
            <InputNumber min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} data-testid="figures-year" />
            <Button
              icon={<DownloadOutlined />}
              loading={busy === 'xlsx'}
              onClick={() => void download('xlsx', `/api/consultations/figures.xlsx?year=${year}`, `consultation-figures-${year}.xlsx`)}
              data-testid="figures-xlsx"
            >
              {t('consultations.figures.excel')}
            </Button>
          </Space>
        }
      />
      <ErrorAlert error={error} />
      <Card style={{ marginBottom: 16 }}>
        <ReactEChartsCore
          echarts={echarts}
          notMerge
          style={{ height: 320 }}
          option={{
            animation: false,
            tooltip: { trigger: 'axis' },
            legend: { top: 0 },
            grid: { left: 48, right: 24, top: 40, bottom: 60 },
            xAxis: {
              type: 'category',
              data: rows.map((h) => h.organizationName),
              axisLabel: { interval: 0, rotate: rows.length > 4 ? 20 : 0 },
            },
            yAxis: { type: 'value', minInterval: 1 },
            series: [
              {
                name: t('consultations.figures.consultations'),
                type: 'bar',
                data: rows.map((h) => h.consultations),
                itemStyle: { color: '#1677ff' },
              },
              {
                name: t('consultations.figures.withinDeadline'),
                type: 'bar',
                data: rows.map((h) => h.answeredWithinDeadline),
                itemStyle: { color: '#0b6e4f' },
              },
              {
                name: t('consultations.recommendation.transfer'),
                type: 'bar',
                data: rows.map((h) => h.recommendations.transfer),
                itemStyle: { color: '#d4380d' },
              },
              {
                name: t('consultations.figures.outreachVisits'),
                type: 'bar',
                data: rows.map((h) => h.outreachVisits + h.teleSessions),
                itemStyle: { color: '#722ed1' },
              },
            ],
          }}
        />
      </Card>
      <Card>
        <Table
          rowKey="organizationId"
          loading={isLoading}
          dataSource={rows}
          pagination={false}
          data-testid="figures-table"
          columns={[
            { title: t('consultations.field.hospital'), dataIndex: 'organizationName' },
            { title: t('consultations.figures.consultations'), dataIndex: 'consultations' },
            { title: t('consultations.figures.answered'), dataIndex: 'answered' },
            {
              title: t('consultations.figures.withinDeadline'),
              dataIndex: 'answeredWithinDeadline',
              render: (v: number, h) => `${v}${h.answered ? ` (${Math.round((100 * v) / h.answered)}%)` : ''}`,
            },
            {
              title: t('consultations.figures.medianHours'),
              dataIndex: 'medianHoursToAnswer',
              render: (v: number | null) => (v === null ? '—' : v),
            },
            {
              title: t('consultations.figures.mix'),
              render: (_: unknown, h) => RECS.map((r) => `${t(`consultations.recommendation.${r}`)} ${h.recommendations[r]}`).join(' · '),
            },
            { title: t('consultations.figures.referralsAdmitted'), dataIndex: 'referralsAdmitted' },
            { title: t('consultations.figures.sentBack'), dataIndex: 'referralsSentBack' },
            {
              title: t('consultations.figures.survey'),
              render: (_: unknown, h) =>
                h.survey.count === 0
                  ? '—'
                  : t('consultations.figures.surveyShares', {
                      n: h.survey.count,
                      a: pct(h.survey.referralAvoidedShare),
                      b: pct(h.survey.willFollowAdviceShare),
                      c: pct(h.survey.educationalShare),
                    }),
            },
            {
              title: t('consultations.figures.outreach'),
              render: (_: unknown, h) => t('consultations.figures.outreachCount', { visits: h.outreachVisits, sessions: h.teleSessions }),
            },
          ]}
        />
      </Card>
    </>
  );
}

const RECS = ['manage_locally', 'mdt', 'transfer'] as const;
