import type { z } from 'zod';
import { useQuery } from '@tanstack/react-query';
import type { DigestSchema, SingleDisease } from '@gisurg/contracts/quality-report';
import { ApiError, get, qs } from '../../app/api';

/** The department head's reports (issue 12): single-disease export and weekly digest, typed from contracts/quality-report.ts. */
export type Digest = z.output<typeof DigestSchema>;

export function useDigest(enabled: boolean, weekOf?: string) {
  return useQuery({
    queryKey: ['quality', 'digest', weekOf ?? null],
    queryFn: ({ signal }) => get<Digest>(`/api/quality/digest${qs({ weekOf })}`, signal),
    enabled,
  });
}

/** Fetch a generated file and save it under `fileName`; throws ApiError on failure. */
export async function downloadFile(url: string, fileName: string): Promise<void> {
  const res = await fetch(url, { credentials: 'same-origin' });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
    throw new ApiError(
      res.status,
      body?.error?.code ?? 'HTTP',
      body?.error?.message ?? res.statusText,
      res.headers.get('x-request-id'),
      {},
    );
  }
  const href = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = href;
  a.download = fileName;
  a.click();
  URL.revokeObjectURL(href);
}

export function downloadSingleDisease(from: string, to: string, disease: SingleDisease): Promise<void> {
  return downloadFile(`/api/quality/single-disease${qs({ from, to, disease })}`, `single-disease-${disease}-${from}-${to}.xlsx`);
}
