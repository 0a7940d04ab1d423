import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * PGlite has no lock between processes (ARCHITECTURE.md): two processes opening one data folder would
 * corrupt it. The app takes an exclusive lock file; a second process exits with a message naming the
 * holder. A lock whose process is gone (kill -9) is taken over.
 */
export interface LockHolder {
  pid: number;
  hostname: string;
  startedAt: string;
  command: string;
}

export class DataDirLockedError extends Error {
  constructor(
    readonly lockFile: string,
    readonly holder: LockHolder,
  ) {
    super(
      `The data folder is in use by another GISurg process (pid ${holder.pid} on ${holder.hostname}, started ${holder.startedAt}: ${holder.command}). ` +
        `Stop that process, or use another DATA_DIR. Lock file: ${lockFile}`,
    );
  }
}

/** A killed process can linger as a zombie until reaped (containers often have no reaping init): dead too. */
function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state === 'Z' || state === 'X';
  } catch {
    return false;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
  return !isZombie(pid);
}

function readHolder(file: string): { raw: string; holder: LockHolder | null } {
  try {
    const raw = readFileSync(file, 'utf8');
    try {
      return { raw, holder: JSON.parse(raw) as LockHolder };
    } catch {
      return { raw, holder: null };
    }
  } catch {
    return { raw: '', holder: null };
  }
}

export interface DataDirLock {
  file: string;
  /** True when a stale lock (dead holder) was taken over. */
  tookOverStale: boolean;
  release(): void;
}

export function acquireDataDirLock(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'gisurg.lock');
  const me: LockHolder = {
    pid: process.pid,
    hostname: os.hostname(),
    startedAt: new Date().toISOString(),
    command: process.argv
      .slice(1)
      .map((a) => path.basename(a))
      .join(' '),
  };
  let tookOverStale = false;
  for (let attempt = 0; attempt < 5; attempt += 1) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, JSON.stringify(me));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        const { holder } = readHolder(file);
        if (holder?.pid === me.pid && holder.startedAt === me.startedAt) {
          try {
            unlinkSync(file);
          } catch {
            /* already gone */
          }
        }
      };
      return { file, tookOverStale, release };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const { raw, holder } = readHolder(file);
    const sameHost = holder?.hostname === me.hostname;
    if (holder && (!sameHost || (isAlive(holder.pid) && holder.pid !== process.pid))) {
      throw new DataDirLockedError(file, holder);
    }
    // Stale (dead holder on this host) or unreadable: remove it only if it is still the same file content.
    if (readHolder(file).raw === raw) {
      try {
        unlinkSync(file);
        tookOverStale = true;
      } catch {
        /* someone else removed it; retry */
      }
    }
  }
  const { holder } = readHolder(file);
  throw new DataDirLockedError(file, holder ?? { pid: -1, hostname: '?', startedAt: '?', command: '?' });
}
