import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, ToolboxComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useTranslation } from 'react-i18next';
import type { DayFigures } from './api';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, ToolboxComponent, CanvasRenderer]);

/** Occupancy % per day (line, left axis) with admissions and discharges per day (bars, right axis). */
export function OccupancyChart({ days }: { days: DayFigures[] }) {
  const { t } = useTranslation();
  const title = t('ward.occupancy.chartTitle');
  return (
    <ReactEChartsCore
      echarts={echarts}
      notMerge
      style={{ height: 340 }}
      option={{
        animation: false,
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 48, right: 48, top: 40, bottom: 30 },
        toolbox: { feature: { saveAsImage: { title: t('ward.occupancy.savePng'), name: title } } },
        xAxis: { type: 'category', data: days.map((d) => d.date.slice(5)) },
        yAxis: [
          { type: 'value', name: '%', min: 0, max: (v: { max: number }) => Math.max(100, Math.ceil(v.max / 10) * 10) },
          { type: 'value', name: t('ward.occupancy.count'), minInterval: 1, splitLine: { show: false } },
        ],
        series: [
          {
            name: t('ward.occupancy.rate'),
            type: 'line',
            data: days.map((d) => d.rate),
            itemStyle: { color: '#0b6e4f' },
            smooth: false,
            symbolSize: 4,
          },
          {
            name: t('ward.occupancy.admissions'),
            type: 'bar',
            yAxisIndex: 1,
            data: days.map((d) => d.admissions),
            itemStyle: { color: '#69b1ff' },
            barMaxWidth: 10,
          },
          {
            name: t('ward.occupancy.discharges'),
            type: 'bar',
            yAxisIndex: 1,
            data: days.map((d) => d.discharges),
            itemStyle: { color: '#ffc069' },
            barMaxWidth: 10,
          },
        ],
      }}
    />
  );
}
