import { useState } from 'react';
import { Button, Card, Select, Skeleton, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { QUALITY_INDICATOR_CODES, TREND_INTERVALS, type QualityIndicatorCode, type TrendInterval } from '@gisurg/contracts/quality';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../app/ErrorAlert';
import { PageHeader } from '../../app/PageHeader';
import { percent, useIndicators, useTrend, type Indicator } from './api';
import { QualityFilters, useQualityParams } from './QualityFilters';
import { CasesDrawer, type CasesDrawerQuery } from './CasesDrawer';
import { Chart } from './charts';
import { FunnelCard } from './FunnelCard';
import { ReportDownload } from './ReportDownload';

/**
 * Quality dashboard (issue 12): every indicator with numerator, denominator, rate, 95 % CI, target and the
 * records left out for missing data; a period filter, a surgeon filter for the department head (surgeons
 * see their own operations), and the trend of one indicator per week, month or quarter. The department head
 * and surgeons click a numerator, denominator or missing count to see the operations behind it; the funnel
 * plot puts the surgeons of the selected indicator against the department rate.
 */
export function QualityPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { params, from, to, surgeonId, set } = useQualityParams();
  const interval = (params.get('interval') ?? 'month') as TrendInterval;
  const [code, setCode] = useState<QualityIndicatorCode>('cd3plus');
  const [cases, setCases] = useState<CasesDrawerQuery | null>(null);
  // Drill-down to patients: the department head and surgeons (own operations); researchers see aggregates only.
  const drill = can('quality:own');
  const q = useIndicators({ from, to, surgeonId });
  const d = q.data;
  const trend = useTrend({ from: d?.from ?? from, to: d?.to ?? to, surgeonId, interval });
  const target = d?.indicators.find((i) => i.code === code)?.target ?? null;
  /** A count that opens the drawer of its operations (plain text where the user may not drill down or it is 0). */
  const countLink = (n: number, q: Omit<CasesDrawerQuery, 'from' | 'to' | 'surgeonId'>, label: string, testId: string) =>
    drill && d && n > 0 ? (
      <Button
        type="link"
        size="small"
        style={{ padding: 0, height: 'auto' }}
        data-testid={testId}
        onClick={(e) => {
          e.stopPropagation();
          setCases({ ...q, from: d.from, to: d.to, surgeonId });
        }}
      >
        {label}
      </Button>
    ) : (
      label
    );
  const points = trend.data?.points ?? [];
  return (
    <>
      <PageHeader
        title={t('quality.title')}
        crumbs={[{ label: t('quality.title') }]}
        extra={
          <Space>
            <Link to="/quality/volumes">
              <Button>{t('quality.volumes.title')}</Button>
            </Link>
            {can('quality:own') && (
              <Link to="/quality/learning-curves">
                <Button>{t('quality.learning.title')}</Button>
              </Link>
            )}
            <Link to="/quality/completeness">
              <Button data-testid="quality-completeness-link">{t('quality.completeness.open')}</Button>
            </Link>
          </Space>
        }
      />
      <QualityFilters testIdPrefix="quality" period={d} counts>
        {d && <Typography.Text type="secondary">{t('quality.operations', { count: d.operations })}</Typography.Text>}
      </QualityFilters>
      <ErrorAlert error={q.error} />
      {q.isLoading ? (
        <Skeleton active />
      ) : (
        <Table<Indicator>
          rowKey="code"
          size="middle"
          pagination={false}
          dataSource={d?.indicators ?? []}
          data-testid="quality-indicators"
          onRow={(r) => ({ onClick: () => setCode(r.code), style: { cursor: 'pointer' } })}
          columns={[
            {
              title: t('quality.col.indicator'),
              key: 'name',
              render: (_, r) => (
                <Tooltip title={t(`quality.definition.${r.code}`)}>
                  <span>{t(`quality.indicator.${r.code}`)}</span>
                </Tooltip>
              ),
            },
            {
              title: t('quality.col.numerator'),
              key: 'numerator',
              align: 'right',
              render: (_, r) => countLink(r.numerator, { code: r.code, group: 'numerator' }, String(r.numerator), `quality-n-${r.code}`),
            },
            {
              title: t('quality.col.denominator'),
              key: 'denominator',
              align: 'right',
              render: (_, r) =>
                countLink(r.denominator, { code: r.code, group: 'denominator' }, String(r.denominator), `quality-d-${r.code}`),
            },
            { title: t('quality.col.rate'), key: 'rate', align: 'right', render: (_, r) => <strong>{percent(r.rate)}</strong> },
            { title: t('quality.col.ci'), key: 'ci', render: (_, r) => (r.ci ? `${percent(r.ci.lower)}–${percent(r.ci.upper)}` : '—') },
            {
              title: t('quality.col.target'),
              key: 'target',
              render: (_, r) =>
                r.target ? `${r.target.comparator === '>=' ? '≥' : '≤'} ${percent(r.target.value)}` : t('quality.noTarget'),
            },
            {
              title: t('quality.col.status'),
              key: 'status',
              render: (_, r) =>
                r.meetsTarget === null ? (
                  '—'
                ) : (
                  <Tag color={r.meetsTarget ? 'green' : 'red'}>{t(r.meetsTarget ? 'quality.met' : 'quality.notMet')}</Tag>
                ),
            },
            {
              title: t('quality.col.missing'),
              key: 'missing',
              render: (_, r) => {
                const m = r.missing.filter((x) => x.count > 0);
                if (m.length === 0) return '0';
                return (
                  <Space size={4} wrap split={t('quality.cases.separator')}>
                    {m.map((x) => (
                      <span key={x.reason}>
                        {countLink(
                          x.count,
                          { code: r.code, group: 'missing', reason: x.reason },
                          `${t(`quality.missing.${x.reason}`)} ${x.count}`,
                          `quality-m-${r.code}-${x.reason}`,
                        )}
                      </span>
                    ))}
                  </Space>
                );
              },
            },
          ]}
        />
      )}
      <FunnelCard code={code} from={d?.from ?? from} to={d?.to ?? to} selectedSurgeonId={surgeonId} />
      <CasesDrawer query={cases} onClose={() => setCases(null)} />
      <Card
        style={{ marginTop: 16 }}
        title={t('quality.trend.title', { name: t(`quality.indicator.${code}`) })}
        extra={
          <Space>
            <Select
              style={{ width: 260 }}
              value={code}
              onChange={(v: QualityIndicatorCode) => setCode(v)}
              options={QUALITY_INDICATOR_CODES.map((c) => ({ value: c, label: t(`quality.indicator.${c}`) }))}
            />
            <Select
              style={{ width: 100 }}
              value={interval}
              onChange={(v: string) => set({ interval: v === 'month' ? undefined : v })}
              options={TREND_INTERVALS.map((v) => ({ value: v, label: t(`quality.interval.${v}`) }))}
            />
          </Space>
        }
      >
        <ErrorAlert error={trend.error} />
        <Chart
          testId="quality-trend"
          option={{
            tooltip: { trigger: 'axis' },
            grid: { left: 48, right: 48, top: 30, bottom: 30 },
            xAxis: { type: 'category', data: points.map((p) => p.period) },
            yAxis: [
              { type: 'value', name: '%', min: 0 },
              { type: 'value', name: t('quality.col.denominator'), minInterval: 1, splitLine: { show: false } },
            ],
            series: [
              {
                name: t('quality.col.rate'),
                type: 'line',
                data: points.map((p) => {
                  const i = p.indicators.find((x) => x.code === code)!;
                  return i.denominator > 0 ? Number(((100 * i.numerator) / i.denominator).toFixed(1)) : null;
                }),
                connectNulls: false,
                itemStyle: { color: '#0b6e4f' },
                ...(target
                  ? {
                      markLine: {
                        symbol: 'none',
                        lineStyle: { color: '#c0392b' },
                        data: [{ yAxis: target.value * 100, name: t('quality.col.target') }],
                      },
                    }
                  : {}),
              },
              {
                name: t('quality.col.denominator'),
                type: 'bar',
                yAxisIndex: 1,
                data: points.map((p) => p.indicators.find((x) => x.code === code)!.denominator),
                itemStyle: { color: '#cfe3dc' },
                barMaxWidth: 16,
              },
            ],
          }}
        />
      </Card>
      {can('quality:report') && (
        <Card style={{ marginTop: 16 }} title={t('quality.report.title')}>
          <ReportDownload />
        </Card>
      )}
    </>
  );
}
