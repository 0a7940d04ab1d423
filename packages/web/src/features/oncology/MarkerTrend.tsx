import { useState } from 'react';
import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { TUMOR_MARKER_OPTIONS } from '@gisurg/clinical';
import { LazyChart } from '../../app/components/LazyChart';
import type { Marker } from './api';
import { labelOf, useLang } from './helpers';

/**
 * A tumour marker's course over time (issue 16 item 9: a surgeon reads CEA or CA19-9 as a trend, not a
 * table): one marker at a time, values over sample dates, the reference upper limit as a dashed line and
 * elevated values in red. Shown when some marker has two results or more.
 */
export function MarkerTrend({ markers }: { markers: Marker[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const kinds = TUMOR_MARKER_OPTIONS.map((o) => o.value).filter((k) => markers.filter((m) => m.marker === k).length >= 2);
  const [picked, setPicked] = useState<Marker['marker'] | null>(null);
  const kind = picked && kinds.includes(picked) ? picked : kinds[0];
  if (!kind) return null;
  const points = markers.filter((m) => m.marker === kind).sort((a, b) => a.date.localeCompare(b.date));
  const limit = points.findLast((m) => m.upperLimit !== null)?.upperLimit ?? null;
  const unit = points[points.length - 1]?.unit ?? '';
  return (
    <div data-testid="marker-trend" style={{ marginBottom: 8 }}>
      {kinds.length > 1 && (
        <Segmented
          size="small"
          value={kind}
          onChange={(v) => setPicked(v)}
          options={kinds.map((k) => ({ value: k, label: labelOf(TUMOR_MARKER_OPTIONS, k, lang) }))}
        />
      )}
      <LazyChart
        height={180}
        testId="marker-chart"
        option={{
          grid: { left: 48, right: 24, top: 24, bottom: 28 },
          tooltip: { trigger: 'axis' },
          xAxis: { type: 'time', splitNumber: 3, axisLabel: { formatter: '{yyyy}-{MM}-{dd}', hideOverlap: true } },
          yAxis: { type: 'value', name: unit, nameTextStyle: { align: 'left' } },
          series: [
            {
              name: `${labelOf(TUMOR_MARKER_OPTIONS, kind, lang)} · ${t('oncology.marker.trend')}`,
              type: 'line',
              data: points.map((m) => ({
                value: [m.date, m.value],
                itemStyle: { color: m.elevated ? '#cf1322' : '#0b6e4f' },
              })),
              symbolSize: 7,
              lineStyle: { color: '#0b6e4f' },
              markLine:
                limit === null
                  ? undefined
                  : {
                      symbol: 'none',
                      lineStyle: { type: 'dashed', color: '#cf1322' },
                      label: { formatter: `${t('oncology.marker.upperLimit')} ${limit}`, position: 'insideEndTop' },
                      data: [{ yAxis: limit }],
                    },
            },
          ],
        }}
      />
    </div>
  );
}
