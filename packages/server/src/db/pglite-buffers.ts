import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * The embedded database's buffer pool (`shared_buffers`), sized to the database (issue 18, start-up; ADR 0024).
 *
 * PGlite's WebAssembly PostgreSQL zeroes its whole shared memory byte by byte when it starts (Emscripten's `mmap`
 * calls `memset`): with initdb's 128 MB of buffers that is ~0.4 s of every start on this project's machines, a
 * third of a warm start, and ~100 MB more memory — for a demo database of ~35 MB that never fills them. `auto` sizes
 * the pool to the data folder (`base/` and `global/`, whose two template databases leave some headroom), between
 * 32 MB and PostgreSQL's own 128 MB; a number of MB is used as given (a large department database may want more).
 */
export type SharedBuffersSetting = 'auto' | number;

export const AUTO_MIN_MB = 32;
export const AUTO_MAX_MB = 128;
const MB = 1024 * 1024;

/** The pool for a database of `bytes` (undefined: a new or in-memory database). */
export function sharedBuffersMb(setting: SharedBuffersSetting, bytes: number | undefined): number {
  if (setting !== 'auto') return setting;
  return Math.min(AUTO_MAX_MB, Math.max(AUTO_MIN_MB, Math.ceil((bytes ?? 0) / MB)));
}

/** Bytes of a PGlite data folder's databases (`base/`, `global/`); undefined when it has none yet. */
export function pgliteDataBytes(pgliteDir: string): number | undefined {
  let total = 0;
  let found = false;
  const walk = (dir: string): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    found = true;
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) total += statSync(p, { throwIfNoEntry: false })?.size ?? 0;
    }
  };
  walk(path.join(pgliteDir, 'base'));
  walk(path.join(pgliteDir, 'global'));
  return found ? total : undefined;
}

/**
 * What PGlite is started with on top of its own defaults (`PGlite.defaultStartParams`): the pool for the database in
 * `pgliteDir`, or of the data-folder tarball `pgliteImage` (test fixtures), or a new in-memory one.
 */
export function pgliteStartParams(opts: {
  pgliteDir?: string | undefined;
  pgliteImage?: Blob | undefined;
  pgliteSharedBuffers?: SharedBuffersSetting | undefined;
}): string[] {
  const bytes = opts.pgliteDir ? pgliteDataBytes(opts.pgliteDir) : opts.pgliteImage?.size;
  return ['-c', `shared_buffers=${sharedBuffersMb(opts.pgliteSharedBuffers ?? 'auto', bytes)}MB`];
}
