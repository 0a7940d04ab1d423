import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config.js';
import { AUTO_MAX_MB, AUTO_MIN_MB, sharedBuffersMb } from './pglite-buffers.js';

const MB = 1024 * 1024;

describe("the embedded database's buffer pool (ADR 0024)", () => {
  it('follows the size of the database between 32 MB and PostgreSQL’s 128 MB', () => {
    expect(sharedBuffersMb('auto', undefined)).toBe(AUTO_MIN_MB);
    expect(sharedBuffersMb('auto', 5 * MB)).toBe(AUTO_MIN_MB);
    expect(sharedBuffersMb('auto', 36 * MB + 1)).toBe(37);
    expect(sharedBuffersMb('auto', 900 * MB)).toBe(AUTO_MAX_MB);
  });

  it('uses a configured size as given', () => {
    expect(sharedBuffersMb(512, 1 * MB)).toBe(512);
  });

  it('reads PGLITE_SHARED_BUFFERS as auto or MB, and refuses anything else', () => {
    const env = (v?: string) => (v === undefined ? {} : { PGLITE_SHARED_BUFFERS: v });
    expect(parseConfig(env()).pgliteSharedBuffers).toBe('auto');
    expect(parseConfig(env('AUTO')).pgliteSharedBuffers).toBe('auto');
    expect(parseConfig(env('256MB')).pgliteSharedBuffers).toBe(256);
    expect(parseConfig(env('64')).pgliteSharedBuffers).toBe(64);
    for (const bad of ['8MB', '1GB', 'lots', '99999']) expect(() => parseConfig(env(bad)), bad).toThrow(/PGLITE_SHARED_BUFFERS/);
  });
});
