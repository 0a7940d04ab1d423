import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, ToolboxComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useTranslation } from 'react-i18next';
import type { SurvivalGroup } from '@gisurg/contracts/followup';

echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent, ToolboxComponent, CanvasRenderer]);

const COLORS = ['#0b6e4f', '#d46b08', '#1677ff', '#c41d7f', '#7c4dff', '#595959'];
const MONTH = 365.25 / 12;

/** Step points of a curve in months, starting at (0, 1). */
function steps(points: { time: number; value: number | null }[]): [number, number | null][] {
  const out: [number, number | null][] = [[0, 1]];
  for (const p of points) out.push([p.time / MONTH, p.value]);
  return out;
}

/** Kaplan–Meier curves (step lines, months on the x axis) with dashed 95 % confidence limits. */
export function KmChart({ groups, label }: { groups: SurvivalGroup[]; label: (key: string) => string }) {
  const { t } = useTranslation();
  const series = groups.flatMap((g, i) => {
    const color = COLORS[i % COLORS.length];
    const name = label(g.key);
    const band = (k: 'lower' | 'upper') => ({
      name: `${name} 95% CI`,
      type: 'line' as const,
      step: 'end' as const,
      symbol: 'none',
      lineStyle: { type: 'dashed' as const, width: 1, color, opacity: 0.5 },
      data: steps(g.km.map((p) => ({ time: p.time, value: p[k] }))),
    });
    return [
      {
        name,
        type: 'line' as const,
        step: 'end' as const,
        symbol: 'none',
        lineStyle: { width: 2, color },
        itemStyle: { color },
        data: steps(g.km.map((p) => ({ time: p.time, value: p.survival }))),
      },
      band('lower'),
      band('upper'),
    ];
  });
  return (
    <ReactEChartsCore
      echarts={echarts}
      notMerge
      style={{ height: 380 }}
      option={{
        animation: false,
        tooltip: { trigger: 'axis', valueFormatter: (v: number) => (typeof v === 'number' ? v.toFixed(3) : '') },
        legend: { top: 0, data: groups.map((g) => label(g.key)) },
        grid: { left: 56, right: 24, top: 40, bottom: 40 },
        toolbox: { feature: { saveAsImage: { title: t('followup.survival.savePng'), name: 'kaplan-meier' } } },
        xAxis: { type: 'value', name: t('followup.survival.months'), nameLocation: 'middle', nameGap: 26, min: 0 },
        yAxis: { type: 'value', min: 0, max: 1, name: t('followup.survival.probability') },
        series,
      }}
    />
  );
}
