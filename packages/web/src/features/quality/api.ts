import type { z } from 'zod';
import { useQuery } from '@tanstack/react-query';
import type {
  CasesQuery,
  CasesSchema,
  FunnelQuery,
  FunnelSchema,
  IndicatorsQuery,
  IndicatorsSchema,
  LearningCurveQuery,
  LearningCurveSchema,
  SurgeonsSchema,
  TrendQuery,
  TrendSchema,
  VolumesSchema,
} from '@gisurg/contracts/quality';
import { get, qs } from '../../app/api';

/** The quality API, typed from the contract (packages/contracts/src/quality.ts). */
export type Indicators = z.output<typeof IndicatorsSchema>;
export type Indicator = Indicators['indicators'][number];
export type Trend = z.output<typeof TrendSchema>;
export type Volumes = z.output<typeof VolumesSchema>;
export type Surgeons = z.output<typeof SurgeonsSchema>;
export type LearningCurve = z.output<typeof LearningCurveSchema>;
export type Funnel = z.output<typeof FunnelSchema>;
export type Cases = z.output<typeof CasesSchema>;
export type QualityCase = Cases['items'][number];

export function useIndicators(q: IndicatorsQuery) {
  return useQuery({
    queryKey: ['quality', 'indicators', q],
    queryFn: ({ signal }) => get<Indicators>(`/api/quality/indicators${qs(q)}`, signal),
  });
}

export function useTrend(q: TrendQuery) {
  return useQuery({
    queryKey: ['quality', 'trend', q],
    queryFn: ({ signal }) => get<Trend>(`/api/quality/trend${qs(q)}`, signal),
  });
}

export function useVolumes(year: number) {
  return useQuery({
    queryKey: ['quality', 'volumes', year],
    queryFn: ({ signal }) => get<Volumes>(`/api/quality/volumes${qs({ year })}`, signal),
  });
}

export function useSurgeons(enabled: boolean) {
  return useQuery({
    queryKey: ['quality', 'surgeons'],
    queryFn: ({ signal }) => get<Surgeons>('/api/quality/surgeons', signal),
    enabled,
  });
}

export function useLearningCurve(q: LearningCurveQuery) {
  return useQuery({
    queryKey: ['quality', 'learning-curve', q],
    queryFn: ({ signal }) => get<LearningCurve>(`/api/quality/learning-curve${qs(q)}`, signal),
  });
}

/** The funnel plot of one indicator (department head: every surgeon; surgeon: own point; researcher: no names). */
export function useFunnel(q: FunnelQuery) {
  return useQuery({
    queryKey: ['quality', 'funnel', q],
    queryFn: ({ signal }) => get<Funnel>(`/api/quality/funnel${qs(q)}`, signal),
  });
}

/** The operations behind a dashboard number (drill-down); null = drawer closed. */
export function useCases(q: CasesQuery | null) {
  return useQuery({
    queryKey: ['quality', 'cases', q],
    queryFn: ({ signal }) => get<Cases>(`/api/quality/cases${qs(q ?? {})}`, signal),
    enabled: q !== null,
  });
}

/** The annual report (PDF or workbook) of a year, for app/download's useDownload. */
export const annualReportUrl = (year: number, format: 'pdf' | 'xlsx') => `/api/reports/annual${qs({ year, format })}`;

export const percent = (rate: number | null | undefined): string =>
  rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(1)}%`;
