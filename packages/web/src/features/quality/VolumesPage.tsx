import { useState } from 'react';
import { Card, Col, InputNumber, Row, Skeleton, Space, Statistic, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../app/ErrorAlert';
import { PageHeader } from '../../app/PageHeader';
import { percent, useVolumes } from './api';
import { Chart } from './charts';

/** Volumes of a year (issue 12): operations, laparoscopic share, CRS+HIPEC, the cumulative laparoscopic counter. */
export function VolumesPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [year, setYear] = useState<number>(new Date().getFullYear());
  const q = useVolumes(year);
  const v = q.data;
  return (
    <>
      <PageHeader
        title={t('quality.volumes.title')}
        crumbs={[{ label: t('quality.title'), to: '/quality' }, { label: t('quality.volumes.title') }]}
      />
      <Space style={{ marginBottom: 12 }}>
        <span>{t('quality.report.year')}</span>
        <InputNumber min={1990} max={2100} value={year} onChange={(x) => x && setYear(x)} data-testid="volumes-year" />
        {!can('quality:all_surgeons') && can('quality:own') && <span>{t('quality.ownOnly')}</span>}
      </Space>
      <ErrorAlert error={q.error} />
      {q.isLoading || !v ? (
        <Skeleton active />
      ) : (
        <>
          <Row gutter={16} data-testid="volumes-figures">
            <Col xs={12} md={6}>
              <Card>
                <Statistic title={t('quality.volumes.operations')} value={v.operations} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card>
                <Statistic
                  title={t('quality.volumes.laparoscopic')}
                  value={v.laparoscopic}
                  suffix={<small>({percent(v.operations ? v.laparoscopic / v.operations : null)})</small>}
                />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card>
                <Statistic title={t('quality.volumes.crsHipec')} value={v.crsHipec} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card>
                <Statistic
                  title={t('quality.volumes.cumulative')}
                  value={v.laparoscopicCumulative}
                  suffix={<small>{t('quality.volumes.baseline', { count: v.laparoscopicBaseline })}</small>}
                />
              </Card>
            </Col>
          </Row>
          <Card style={{ marginTop: 16 }} title={t('quality.volumes.byMonth')}>
            <Chart
              testId="volumes-chart"
              option={{
                tooltip: { trigger: 'axis' },
                legend: { top: 0 },
                grid: { left: 48, right: 24, top: 36, bottom: 30 },
                xAxis: { type: 'category', data: v.byMonth.map((m) => t('quality.volumes.month', { month: m.month })) },
                yAxis: { type: 'value', minInterval: 1 },
                series: [
                  {
                    name: t('quality.volumes.operations'),
                    type: 'bar',
                    data: v.byMonth.map((m) => m.operations),
                    itemStyle: { color: '#a9d3c4' },
                  },
                  {
                    name: t('quality.volumes.laparoscopic'),
                    type: 'bar',
                    data: v.byMonth.map((m) => m.laparoscopic),
                    itemStyle: { color: '#0b6e4f' },
                  },
                ],
              }}
            />
          </Card>
          <Card style={{ marginTop: 16 }} title={t('quality.volumes.bySite')}>
            <Table
              rowKey="site"
              size="small"
              pagination={false}
              dataSource={v.bySite}
              columns={[
                { title: t('quality.volumes.site'), dataIndex: 'site', render: (s: string) => t(`quality.site.${s}`) },
                { title: t('quality.volumes.operations'), dataIndex: 'operations', align: 'right' },
              ]}
            />
          </Card>
        </>
      )}
    </>
  );
}
