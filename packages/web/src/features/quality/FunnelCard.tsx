import { Card, Empty, Typography } from 'antd';
import type { EChartsOption } from 'echarts';
import { useTranslation } from 'react-i18next';
import type { QualityIndicatorCode } from '@gisurg/contracts/quality';
import { ErrorAlert } from '../../app/ErrorAlert';
import { percent, useFunnel, type Funnel } from './api';
import { Chart } from './charts';

const OUTSIDE_998 = '#c0392b';
const OUTSIDE_95 = '#e67e22';
const INSIDE = '#0b6e4f';

type Point = Funnel['surgeons'][number];

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

type T = (key: string, options?: Record<string, unknown>) => string;

export const pointName = (p: Point, i: number, t: T) => p.displayName ?? t('quality.funnel.anonymous', { n: i + 1 });
export const pointStatus = (p: Point, t: T) =>
  p.outside998 ? t('quality.funnel.outside998') : p.outside95 ? t('quality.funnel.outside95') : t('quality.funnel.inside');

/**
 * The chart: the 99.8 % and 95 % limit lines (dashed), the department rate (centre line) and one point per
 * surgeon, coloured by the limit it lies outside; null without a department rate (no denominator).
 */
export function funnelOption(f: Funnel, t: T, selectedSurgeonId: string | undefined): EChartsOption | null {
  if (f.departmentRate === null) return null;
  const theta = f.departmentRate * 100;
  const maxN = f.limits.at(-1)?.denominator ?? 1;
  const line = (key: 'lower95' | 'upper95' | 'lower998' | 'upper998') => f.limits.map((l) => [l.denominator, l[key] * 100]);
  const limit = (label: string, color: string, data: number[][]) => ({
    name: label,
    type: 'line' as const,
    data,
    showSymbol: false,
    silent: true,
    lineStyle: { color, type: 'dashed' as const, width: 1.5 },
    itemStyle: { color },
  });
  return {
    tooltip: {
      trigger: 'item',
      formatter: (params: unknown) => {
        const { seriesType, dataIndex } = params as { seriesType?: string; dataIndex?: number };
        const p = seriesType === 'scatter' && dataIndex !== undefined ? f.surgeons[dataIndex] : undefined;
        if (!p || dataIndex === undefined) return '';
        return `${escapeHtml(pointName(p, dataIndex, t))}<br/>${p.numerator} / ${p.denominator} = ${percent(p.rate)}<br/>${escapeHtml(pointStatus(p, t))}`;
      },
    },
    legend: { top: 0 },
    grid: { left: 56, right: 32, top: 40, bottom: 44 },
    xAxis: { type: 'value', name: t('quality.funnel.x'), nameLocation: 'middle', nameGap: 28, min: 0, max: maxN, minInterval: 1 },
    yAxis: { type: 'value', name: '%', min: 0, max: 100 },
    series: [
      limit(t('quality.funnel.limit998'), OUTSIDE_998, line('upper998')),
      limit(t('quality.funnel.limit998'), OUTSIDE_998, line('lower998')),
      limit(t('quality.funnel.limit95'), OUTSIDE_95, line('upper95')),
      limit(t('quality.funnel.limit95'), OUTSIDE_95, line('lower95')),
      {
        name: t('quality.funnel.centre'),
        type: 'line',
        data: [
          [0, theta],
          [maxN, theta],
        ],
        showSymbol: false,
        silent: true,
        lineStyle: { color: '#555', width: 1.5 },
        itemStyle: { color: '#555' },
      },
      {
        name: t('quality.funnel.surgeons'),
        type: 'scatter',
        itemStyle: { color: INSIDE },
        data: f.surgeons.map((p, i) => ({
          value: [p.denominator, Number((p.rate * 100).toFixed(2))],
          name: pointName(p, i, t),
          symbolSize: p.surgeonId !== null && p.surgeonId === selectedSurgeonId ? 18 : 11,
          itemStyle: { color: p.outside998 ? OUTSIDE_998 : p.outside95 ? OUTSIDE_95 : INSIDE },
        })),
      },
    ],
  };
}

/**
 * Funnel plot of one indicator (issue 12, docs/quality.md): each surgeon's rate against their denominator,
 * the department rate as the centre line and the 95 % and 99.8 % binomial control limits (Spiegelhalter,
 * Stat Med 2005). A point outside a limit is coloured; the surgeon chosen in the filter is drawn larger.
 */
export function FunnelCard({
  code,
  from,
  to,
  selectedSurgeonId,
}: {
  code: QualityIndicatorCode;
  from: string | undefined;
  to: string | undefined;
  selectedSurgeonId: string | undefined;
}) {
  const { t } = useTranslation();
  const q = useFunnel({ code, from, to });
  const f = q.data;
  const option = f ? funnelOption(f, t, selectedSurgeonId) : null;
  const name = (p: Point, i: number) => pointName(p, i, t);
  const status = (p: Point) => pointStatus(p, t);
  const outliers = f?.surgeons.map((p, i) => ({ p, label: name(p, i) })).filter((x) => x.p.outside95) ?? [];
  return (
    <Card
      style={{ marginTop: 16 }}
      title={t('quality.funnel.title', { name: t(`quality.indicator.${code}`) })}
      data-testid="quality-funnel"
    >
      <ErrorAlert error={q.error} />
      {f && option ? (
        <>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
            {t('quality.funnel.summary', {
              rate: percent(f.departmentRate),
              numerator: f.numerator,
              denominator: f.denominator,
              count: f.surgeons.length,
            })}
          </Typography.Paragraph>
          <Chart testId="quality-funnel-chart" option={option} height={340} />
          <Typography.Paragraph type="secondary" style={{ marginTop: 4, marginBottom: 0 }}>
            {outliers.length === 0
              ? t('quality.funnel.noOutliers')
              : t('quality.funnel.outliers', {
                  list: outliers
                    .map((x) => t('quality.funnel.outlier', { name: x.label, rate: percent(x.p.rate), status: status(x.p) }))
                    .join(t('quality.funnel.separator')),
                })}
          </Typography.Paragraph>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 0 }}>
            {t('quality.funnel.method')}
          </Typography.Paragraph>
        </>
      ) : f ? (
        <Empty description={t('quality.funnel.empty')} />
      ) : null}
    </Card>
  );
}
