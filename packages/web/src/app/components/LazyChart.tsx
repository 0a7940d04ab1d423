import { lazy, Suspense } from 'react';
import { Skeleton } from 'antd';
import type { ChartProps } from './EChart';

const EChart = lazy(() => import('./EChart'));

/** A chart whose ECharts code loads only when a page shows one (keeps ~500 kB out of the first load). */
export function LazyChart(props: ChartProps) {
  return (
    <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: props.height ?? 300 }} />}>
      <EChart {...props} />
    </Suspense>
  );
}
