import { ApiError } from '../../app/api';
import type { ConsultationAttachment } from './api';

/** Upload one file as the raw body (the server checks its type from the content). */
export async function uploadFile(consultationId: string, file: Blob & { name: string }): Promise<ConsultationAttachment> {
  const res = await fetch(`/api/consultations/${consultationId}/attachments?fileName=${encodeURIComponent(file.name)}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: {
      'content-type': file.type || 'application/octet-stream',
      accept: 'application/json',
      'x-gisurg-locale': document.documentElement.lang || 'zh-CN',
    },
    body: file,
  });
  const data = (await res.json().catch(() => null)) as { error?: { code: string; message: string; details?: ApiError['details'] } } | null;
  if (!res.ok)
    throw new ApiError(res.status, data?.error?.code ?? 'HTTP', data?.error?.message ?? res.statusText, null, data?.error?.details ?? {});
  return data as unknown as ConsultationAttachment;
}
