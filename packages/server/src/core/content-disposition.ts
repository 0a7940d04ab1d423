/**
 * Content-Disposition for a file the server generates (RFC 6266): an ASCII `filename` for old clients and
 * `filename*` (RFC 5987, UTF-8) with the real name, so a letter can be saved as "张三-MDT意见-2026-12-01.pdf".
 * Quotes, backslashes, path separators and control characters never reach the header.
 */
export function contentDisposition(fileName: string, disposition: 'attachment' | 'inline' = 'attachment'): string {
  const safe = [...fileName].map((c) => (c < ' ' || c === '\u007f' || c === '"' || c === '/' || c === '\\' ? '_' : c)).join('');
  const ascii = safe.replace(/[^\x20-\x7e]/g, '_').replace(/_+/g, '_');
  const encoded = encodeURIComponent(safe).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
