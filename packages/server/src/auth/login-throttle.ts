/**
 * Per-IP login throttle (trust.md S9): failed sign-ins per client IP within a sliding window; past the
 * limit the IP gets 429 until old failures age out. Counting failures (not all attempts) stops password
 * spraying without locking out a ward PC where many staff sign in correctly from one address.
 * In-process memory: one app process serves one hospital (ADR 0001).
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly maxFailures: number,
    private readonly windowMs: number,
  ) {}

  private recent(ip: string, now: number): number[] {
    const list = (this.failures.get(ip) ?? []).filter((t) => now - t < this.windowMs);
    if (list.length === 0) this.failures.delete(ip);
    else this.failures.set(ip, list);
    return list;
  }

  isBlocked(ip: string, now: number): boolean {
    return this.recent(ip, now).length >= this.maxFailures;
  }

  recordFailure(ip: string, now: number): void {
    const list = this.recent(ip, now);
    list.push(now);
    this.failures.set(ip, list);
    if (this.failures.size > 100_000) {
      // Bound memory under a distributed attack: forget the oldest entry.
      const first = this.failures.keys().next().value;
      if (first !== undefined) this.failures.delete(first);
    }
  }
}
