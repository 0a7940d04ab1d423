/**
 * Closed-loop HTTP load generator (autocannon's method): `connections` keep-alive connections, each sends its
 * next request as soon as the previous answer arrives, for `seconds`. Run in its own process (bench/throughput.ts
 * starts it) so that it does not share the server's event loop. Prints one JSON line:
 * { requests, rps, p50, p99, errors, non2xx }. `{{n}}` in the body is replaced by a counter unique in the run.
 * Usage: node --import tsx bench/load.ts '<json spec>'
 */
import http from 'node:http';

interface Spec {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  connections?: number;
  seconds?: number;
  /** Expected status (default: any 2xx). */
  status?: number;
}

const spec = JSON.parse(process.argv[2] ?? '{}') as Spec;
const u = new URL(spec.url);
const connections = spec.connections ?? 10;
const durationMs = (spec.seconds ?? 10) * 1000;
const latencies: number[] = [];
let errors = 0;
let non2xx = 0;
let counter = 0;
const prefix = `${process.pid.toString(36)}${Date.now().toString(36)}`;

function once(agent: http.Agent): Promise<void> {
  return new Promise((resolve) => {
    const body = spec.body?.replaceAll('{{n}}', `${prefix}${(counter += 1).toString(36)}`);
    const headers: Record<string, string | number> = { ...spec.headers };
    if (body !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = Buffer.byteLength(body);
    }
    const t0 = performance.now();
    const req = http.request(
      { agent, host: u.hostname, port: u.port, path: u.pathname + u.search, method: spec.method ?? 'GET', headers },
      (res) => {
        res.on('data', () => undefined);
        res.on('end', () => {
          latencies.push(performance.now() - t0);
          const ok = spec.status ? res.statusCode === spec.status : (res.statusCode ?? 0) >= 200 && (res.statusCode ?? 0) < 300;
          if (!ok) non2xx += 1;
          resolve();
        });
      },
    );
    req.on('error', () => {
      errors += 1;
      resolve();
    });
    if (body !== undefined) req.write(body);
    req.end();
  });
}

const started = performance.now();
const end = started + durationMs;
await Promise.all(
  Array.from({ length: connections }, async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    while (performance.now() < end) await once(agent);
    agent.destroy();
  }),
);
const elapsed = (performance.now() - started) / 1000;
latencies.sort((a, b) => a - b);
const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;
process.stdout.write(
  `${JSON.stringify({ requests: latencies.length, rps: latencies.length / elapsed, p50: pct(50), p99: pct(99), errors, non2xx })}\n`,
);
