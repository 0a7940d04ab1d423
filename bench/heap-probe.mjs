/**
 * Loaded into the server process by bench/soak.ts (`node --expose-gc --import ./bench/heap-probe.mjs …`): every
 * HEAP_PROBE_MS (default 30 s) a full garbage collection, then one JSON line {t, heapUsed, rss, external} appended
 * to HEAP_PROBE_FILE. Measures what survives a full GC (the live heap), so the growth per hour is a leak signal
 * rather than garbage not yet collected. Bench only: the product never loads it.
 */
import { appendFileSync } from 'node:fs';

const file = process.env.HEAP_PROBE_FILE;
if (file) {
  const timer = setInterval(
    () => {
      globalThis.gc?.();
      const m = process.memoryUsage();
      appendFileSync(file, `${JSON.stringify({ t: Date.now(), heapUsed: m.heapUsed, rss: m.rss, external: m.external })}\n`);
    },
    Number(process.env.HEAP_PROBE_MS ?? 30_000),
  );
  timer.unref();
}
