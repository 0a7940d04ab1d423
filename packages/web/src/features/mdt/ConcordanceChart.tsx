import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, ToolboxComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useTranslation } from 'react-i18next';
import type { Counts } from './api';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, ToolboxComponent, CanvasRenderer]);

/** Stacked bars: delivered / partly / not delivered / pending per group (tumor group or month). */
export function ConcordanceChart({ rows, title }: { rows: (Counts & { label: string })[]; title: string }) {
  const { t } = useTranslation();
  const series = (
    [
      ['delivered', '#389e0d'],
      ['partly', '#faad14'],
      ['notDelivered', '#cf1322'],
      ['pending', '#8c8c8c'],
    ] as const
  ).map(([key, color]) => ({
    name: t(`mdt.concordance.${key}`),
    type: 'bar' as const,
    stack: 'cases',
    barMaxWidth: 56,
    itemStyle: { color },
    data: rows.map((r) => r[key]),
  }));
  return (
    <ReactEChartsCore
      echarts={echarts}
      notMerge
      style={{ height: 300 }}
      option={{
        animation: false,
        title: { show: false, text: title },
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 40, right: 20, top: 40, bottom: 30 },
        toolbox: { feature: { saveAsImage: { title: t('mdt.concordance.savePng'), name: title } } },
        xAxis: { type: 'category', data: rows.map((r) => r.label) },
        yAxis: { type: 'value', minInterval: 1 },
        series,
      }}
    />
  );
}
