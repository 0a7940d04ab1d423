import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { once } from 'node:events';
import path from 'node:path';
import type { Resource } from '@medplum/fhirtypes';

/**
 * Where a bulk export's NDJSON files live: `DATA_DIR/fhir-exports/<export id>/<Type>.ndjson` (one file per resource
 * type, mode 0600). Like attachments (issue 17 failure 7) the bytes never pass through the database connection.
 */
export function exportDir(dataDir: string, exportId: string): string {
  if (!/^[0-9a-f-]{36}$/.test(exportId)) throw new Error('not an export id');
  return path.join(dataDir, 'fhir-exports', exportId);
}

export function exportFile(dataDir: string, exportId: string, type: string): string {
  if (!/^[A-Za-z]{1,40}$/.test(type)) throw new Error('not a resource type');
  return path.join(exportDir(dataDir, exportId), `${type}.ndjson`);
}

export async function removeExportFiles(dataDir: string, exportId: string): Promise<void> {
  await rm(exportDir(dataDir, exportId), { recursive: true, force: true });
}

/** An empty folder for the export (a re-run after a crash starts over). */
export async function freshExportDir(dataDir: string, exportId: string): Promise<void> {
  await removeExportFiles(dataDir, exportId);
  await mkdir(exportDir(dataDir, exportId), { recursive: true, mode: 0o700 });
}

/** One NDJSON file written as a stream: a line per resource, waiting for the disk when its buffer is full. */
export class NdjsonWriter {
  count = 0;
  private readonly stream: WriteStream;
  private failed: Error | null = null;

  constructor(readonly file: string) {
    this.stream = createWriteStream(file, { flags: 'w', mode: 0o600 });
    // A disk error (full, removed folder) fails the export at the next write instead of crashing the process.
    this.stream.on('error', (e) => (this.failed = e));
  }

  async write(resource: Resource): Promise<void> {
    if (this.failed) throw this.failed;
    this.count += 1;
    if (!this.stream.write(`${JSON.stringify(resource)}\n`)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    if (!this.stream.closed) {
      const done = once(this.stream, 'close');
      this.stream.end();
      await done.catch(() => undefined);
    }
    if (this.failed) throw this.failed;
  }
}
