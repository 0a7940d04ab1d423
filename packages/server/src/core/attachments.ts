import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from './app-error.js';

/**
 * Attachments of every feature (MDT cases, consultations): the file check and the content-addressed store.
 *
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

export function sha256Of(content: Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}

/**
 * Content-addressed files under `DATA_DIR/attachments/<first 2 hex>/<sha256>` (issue 17 failure 7): the bytes never
 * pass through the database connection — on PGlite there is one, and a 10 MB parameter held everyone up.
 * The row keeps the sha256; a read checks the file against it. A file is written whole (temporary name, fsync,
 * rename) before the row that names it commits; a file whose row never committed is harmless (nothing names it).
 * Identical content is stored once. The folder is part of DATA_DIR's backup.
 */
export class AttachmentStore {
  constructor(readonly dir: string) {}

  pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('not a sha256');
    return path.join(this.dir, sha256.slice(0, 2), sha256);
  }

  /** Store the content (once per distinct content); returns its sha256. */
  async put(content: Uint8Array): Promise<string> {
    const sha256 = sha256Of(content);
    const file = this.pathOf(sha256);
    const existing = await stat(file).catch(() => null);
    if (existing?.size === content.length) return sha256;
    await mkdir(path.dirname(file), { recursive: true });
    const tmp = `${file}.${randomUUID()}.tmp`;
    const fh = await open(tmp, 'wx', 0o600);
    try {
      await fh.writeFile(content);
      await fh.sync();
    } finally {
      await fh.close();
    }
    try {
      await rename(tmp, file);
    } catch (e) {
      await unlink(tmp).catch(() => undefined);
      throw e;
    }
    return sha256;
  }

  /** The stored content, checked against its sha256: null when missing, 503 `errors.attachmentDamaged` when altered. */
  async get(sha256: string): Promise<Buffer | null> {
    let content: Buffer;
    try {
      content = await readFile(this.pathOf(sha256));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
    if (sha256Of(content) !== sha256) throw new AppError('UNAVAILABLE', 'errors.attachmentDamaged');
    return content;
  }
}

/**
 * Where new attachments go: files under DATA_DIR (the default on PGlite), or null = the database's blob tables
 * (the default on PostgreSQL, where several app instances may not share a folder). Reads find either.
 */
export function attachmentStoreFor(config: { dataDir: string; attachmentStorage: 'files' | 'database' }): AttachmentStore | null {
  return config.attachmentStorage === 'files' ? new AttachmentStore(path.join(config.dataDir, 'attachments')) : null;
}
