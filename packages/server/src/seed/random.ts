/** Deterministic pseudo-random numbers (mulberry32) so demo data and bench data are reproducible. */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** Approximately normal (sum of uniforms), clamped. */
  normal(mean: number, sd: number, min: number, max: number): number {
    let s = 0;
    for (let i = 0; i < 6; i += 1) s += this.next();
    return Math.min(max, Math.max(min, mean + (s - 3) * sd * Math.SQRT2));
  }
}
