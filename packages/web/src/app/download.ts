/**
 * Files the server generates (letters, reports, exports): fetched with the session, saved under the name
 * the server gives (RFC 6266 `filename*` first, then `filename`), errors as ApiError like every other call.
 */
import { useState } from 'react';
import { App } from 'antd';
import { ApiError } from './api';

/** The file name of a Content-Disposition header: the UTF-8 `filename*` when present, else `filename`. */
export function fileNameFrom(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header)?.[1];
  if (star) {
    try {
      return decodeURIComponent(star.trim());
    } catch {
      // a malformed encoding: fall back to the plain name
    }
  }
  return /filename="([^"]+)"/i.exec(header)?.[1] ?? fallback;
}

/** Save a fetched file, or throw the server's error. */
export async function saveResponse(res: Response, fallbackName: string): Promise<void> {
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
  a.download = fileNameFrom(res.headers.get('content-disposition'), fallbackName);
  a.click();
  URL.revokeObjectURL(href);
}

/** GET a generated file and save it. */
export async function downloadFile(url: string, fallbackName: string, init?: RequestInit): Promise<void> {
  await saveResponse(await fetch(url, { credentials: 'same-origin', ...init }), fallbackName);
}

/**
 * A download with its own busy state (for a button's spinner) and the error shown as a message:
 * `const { busy, download } = useDownload(); download('zh', url, 'letter.pdf')`.
 */
export function useDownload(): { busy: string | null; download: (key: string, url: string, fallbackName: string) => Promise<void> } {
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const download = async (key: string, url: string, fallbackName: string) => {
    setBusy(key);
    try {
      await downloadFile(url, fallbackName);
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };
  return { busy, download };
}
