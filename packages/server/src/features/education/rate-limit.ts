import { AppError } from '../../core/app-error.js';

/**
 * A small fixed-window limiter for the public registration and check-in routes (per client address): guessing a door token and a code is
 * hopeless with 256 bits, this keeps a script from hammering the database. In-process; one server per
 * installation (docs/education.md).
 */
export function windowLimiter(limit: number, windowMs: number, maxKeys = 10_000) {
  const hits = new Map<string, { start: number; n: number }>();
  return (key: string, now: number): void => {
    let h = hits.get(key);
    if (!h || now - h.start >= windowMs) {
      if (hits.size >= maxKeys) for (const [k, v] of hits) if (now - v.start >= windowMs) hits.delete(k);
      h = { start: now, n: 0 };
      hits.set(key, h);
    }
    h.n += 1;
    if (h.n > limit) throw new AppError('RATE_LIMITED', 'errors.rateLimited');
  };
}
