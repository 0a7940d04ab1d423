import type { z } from 'zod';
import { useQuery } from '@tanstack/react-query';
import type { DigestSchema, SingleDisease } from '@gisurg/contracts/quality-report';
import { get, qs } from '../../app/api';
import { downloadFile } from '../../app/download';

/** The department head's reports (issue 12): single-disease export and weekly digest, typed from contracts/quality-report.ts. */
export type Digest = z.output<typeof DigestSchema>;

export function useDigest(enabled: boolean, weekOf?: string) {
  return useQuery({
    queryKey: ['quality', 'digest', weekOf ?? null],
    queryFn: ({ signal }) => get<Digest>(`/api/quality/digest${qs({ weekOf })}`, signal),
    enabled,
  });
}

export function downloadSingleDisease(from: string, to: string, disease: SingleDisease): Promise<void> {
  return downloadFile(`/api/quality/single-disease${qs({ from, to, disease })}`, `single-disease-${disease}-${from}-${to}.xlsx`);
}
