/**
 * Attachment types, recognized by their first bytes (magic numbers), never by name or declared type alone
 * (trust.md S2: an attachment must not smuggle HTML or script into a page). The name's extension and any
 * declared type must agree with the content.
 */
export type AttachmentType = 'application/pdf' | 'image/jpeg' | 'image/png';

const SIGNATURES: { type: AttachmentType; bytes: number[]; extensions: string[] }[] = [
  { type: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], extensions: ['pdf'] }, // %PDF-
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff], extensions: ['jpg', 'jpeg'] },
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], extensions: ['png'] },
];

export function sniffType(content: Uint8Array): AttachmentType | null {
  return SIGNATURES.find((s) => s.bytes.every((b, i) => content[i] === b))?.type ?? null;
}

export type FileCheck = { ok: true; type: AttachmentType } | { ok: false; problem: 'type' | 'mismatch' };

/** The content's type when it is an accepted one and the name and declared type agree with it. */
export function checkFile(content: Uint8Array, fileName: string, declaredType: string | null): FileCheck {
  const type = sniffType(content);
  if (!type) return { ok: false, problem: 'type' };
  const sig = SIGNATURES.find((s) => s.type === type)!;
  const dot = fileName.lastIndexOf('.');
  const ext = dot > 0 ? fileName.slice(dot + 1).toLowerCase() : null;
  if (ext !== null && !sig.extensions.includes(ext)) return { ok: false, problem: 'mismatch' };
  const declared = declaredType?.split(';')[0]?.trim().toLowerCase() ?? null;
  if (declared && declared !== 'application/octet-stream' && declared !== type) return { ok: false, problem: 'mismatch' };
  return { ok: true, type };
}

/** A safe display name: no path, no control characters, at most 200 characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = base
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f"<>|*?:]/g, '_')
    .trim()
    .slice(0, 200);
  return clean || 'attachment';
}
