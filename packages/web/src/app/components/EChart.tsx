import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { BarChart, LineChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, MarkPointComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsOption } from 'echarts';

echarts.use([
  BarChart,
  LineChart,
  ScatterChart,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  MarkPointComponent,
  TooltipComponent,
  CanvasRenderer,
]);

export interface ChartProps {
  option: EChartsOption;
  height?: number;
  testId?: string;
}

/** One ECharts canvas (tree-shaken core, no animation: stable screenshots). Import through LazyChart. */
export default function EChart({ option, height = 300, testId }: ChartProps) {
  return (
    <div data-testid={testId}>
      <ReactEChartsCore echarts={echarts} notMerge style={{ height }} option={{ animation: false, ...option }} />
    </div>
  );
}
