import type { z } from 'zod';
import { useQuery } from '@tanstack/react-query';
import type { DigestSchema, SingleDisease } from '@gisurg/contracts/quality-report';
import { get, qs } from '../../app/api';

/** The department head's reports (issue 12): single-disease export and weekly digest, typed from contracts/quality-report.ts. */
export type Digest = z.output<typeof DigestSchema>;

export function useDigest(enabled: boolean, weekOf?: string) {
  return useQuery({
    queryKey: ['quality', 'digest', weekOf ?? null],
    queryFn: ({ signal }) => get<Digest>(`/api/quality/digest${qs({ weekOf })}`, signal),
    enabled,
  });
}

/** The single-disease (单病种) workbook of a period, for app/download's useDownload. */
export const singleDiseaseUrl = (from: string, to: string, disease: SingleDisease) =>
  `/api/quality/single-disease${qs({ from, to, disease })}`;
