/**
 * Loaded into the server process by bench/soak.ts (`node --expose-gc --import ./bench/heap-probe.mjs …`): every
 * HEAP_PROBE_MS (default 30 s) a full garbage collection, then one JSON line {t, heapUsed, rss, external, gcMs}
 * appended to HEAP_PROBE_FILE. Measures what survives a full GC (the live heap), so the growth per hour is a leak
 * signal rather than garbage not yet collected. Every 5 s it also appends {t, kind: 'pause', loopMaxMs, gcMaxMs}:
 * the longest event-loop delay and the longest garbage-collection pause of the main thread in those 5 s, so a
 * latency stall of the soak can be told apart from a pause of the server's JavaScript (issue 17, P10).
 * Bench only: the product never loads it.
 */
import { appendFileSync } from 'node:fs';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';

const file = process.env.HEAP_PROBE_FILE;
if (file) {
  let gcMaxMs = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gcMaxMs = Math.max(gcMaxMs, e.duration);
  }).observe({ entryTypes: ['gc'] });
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const heap = setInterval(
    () => {
      const t0 = performance.now();
      globalThis.gc?.();
      const gcMs = performance.now() - t0;
      const m = process.memoryUsage();
      appendFileSync(file, `${JSON.stringify({ t: Date.now(), heapUsed: m.heapUsed, rss: m.rss, external: m.external, gcMs })}\n`);
    },
    Number(process.env.HEAP_PROBE_MS ?? 30_000),
  );
  heap.unref();
  const pauses = setInterval(() => {
    appendFileSync(file, `${JSON.stringify({ t: Date.now(), kind: 'pause', loopMaxMs: loop.max / 1e6, gcMaxMs })}\n`);
    loop.reset();
    gcMaxMs = 0;
  }, 5_000);
  pauses.unref();
}
