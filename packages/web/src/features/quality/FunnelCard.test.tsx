import { describe, expect, it } from 'vitest';
import * as echarts from 'echarts/core';
import { LineChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import i18n from '../../app/i18n';
import { funnelOption, pointName, pointStatus } from './FunnelCard';
import type { Funnel } from './api';

echarts.use([LineChart, ScatterChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

const S = '00000000-0000-4000-8000-0000000000a1';
/** Three surgeons around a department rate of 8/15; the third (6/6) beyond both limits. */
const FUNNEL: Funnel = {
  code: 'cd3plus',
  from: '2026-01-01',
  to: '2026-06-30',
  departmentRate: 8 / 15,
  numerator: 8,
  denominator: 15,
  method: 'exact',
  surgeons: [
    { surgeonId: S, displayName: '张外科', numerator: 1, denominator: 4, rate: 0.25, outside95: false, outside998: false },
    { surgeonId: null, displayName: null, numerator: 1, denominator: 4, rate: 0.25, outside95: false, outside998: false },
    { surgeonId: null, displayName: '李外科', numerator: 6, denominator: 6, rate: 1, outside95: true, outside998: true },
  ],
  limits: [
    { denominator: 1, lower95: 0, upper95: 1, lower998: 0, upper998: 1 },
    { denominator: 6, lower95: 0.12, upper95: 0.830594, lower998: 0.02, upper998: 0.992758 },
    { denominator: 10, lower95: 0.2, upper95: 0.8, lower998: 0.1, upper998: 0.9 },
  ],
};

describe('funnel plot', () => {
  it('draws the limits, the centre line and the coloured points (ECharts server-side SVG)', () => {
    const option = funnelOption(FUNNEL, i18n.t.bind(i18n), S)!;
    const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 600, height: 340 });
    chart.setOption(option);
    const svg = chart.renderToSVGString();
    chart.dispose();
    expect(svg).toContain('95% 控制限');
    expect(svg).toContain('99.8% 控制限');
    expect(svg).toContain('全科率');
    // The point beyond 99.8 % is red; the filtered surgeon's point is the larger one.
    expect(svg).toContain('#c0392b');
    const series = option.series as { type: string; data: { symbolSize?: number; name?: string }[] }[];
    const points = series.find((x) => x.type === 'scatter')!.data;
    expect(points.map((p) => [p.name, p.symbolSize])).toEqual([
      ['张外科', 18],
      ['术者 2', 11],
      ['李外科', 11],
    ]);
    expect(funnelOption({ ...FUNNEL, departmentRate: null, limits: [] }, i18n.t.bind(i18n), undefined)).toBeNull();
  });

  it('names anonymous points by their order and says which limit a point lies outside', () => {
    const t = i18n.t.bind(i18n);
    expect(FUNNEL.surgeons.map((p, i) => `${pointName(p, i, t)}: ${pointStatus(p, t)}`)).toEqual([
      '张外科: 在控制限内',
      '术者 2: 在控制限内',
      '李外科: 超出 99.8% 控制限',
    ]);
  });
});
