import cluster, { type Worker } from 'node:cluster';
import type { Config } from '../config.js';

/** What a worker tells its supervisor once it listens (serve.ts). */
export const READY_MESSAGE = 'gisurg:ready';

function line(s: string): void {
  process.stdout.write(`${s}\n`);
}

/**
 * `gisurg serve` with GISURG_PROCESSES=N > 1 (PostgreSQL only): this process forks N workers that each run the whole
 * server and share the one port (node:cluster hands the connections round in turn). Everything shared lives in
 * PostgreSQL — sessions, sign-in throttles, locks, the audit chain (one sealer at a time under an advisory lock) and
 * the scheduled jobs (claimed once per slot) — so the workers are the "several processes" of issue 18 without a
 * load balancer in front; the first start's setup and demo seed run once under the startup lock.
 *
 * A worker that stops before it ever listened stops them all (a wrong setting or an unreachable database would
 * otherwise restart forever); one that dies later is replaced. SIGTERM/SIGINT go to every worker, which finish their
 * requests (SHUTDOWN_GRACE_SECONDS); the supervisor exits when the last one has.
 */
export function supervise(config: Config): void {
  const n = config.processes;
  line(`Starting ${n} app processes on one port (GISURG_PROCESSES=${n}, PostgreSQL)…`);
  let stopping = false;
  let exitCode = 0;
  const live = new Set<Worker>();
  const ready = new Set<number>();
  const stopAll = (signal: NodeJS.Signals) => {
    for (const w of live) w.process.kill(signal);
  };
  const fork = () => {
    const w = cluster.fork();
    live.add(w);
    w.on('message', (m: unknown) => {
      if (m === READY_MESSAGE) ready.add(w.id);
    });
    w.on('exit', (code, signal) => {
      live.delete(w);
      if (!stopping) {
        if (!ready.has(w.id)) {
          process.stderr.write(`gisurg: app process ${w.id} stopped while starting (exit ${code ?? signal}); stopping the others\n`);
          stopping = true;
          exitCode = code || 1;
          stopAll('SIGTERM');
        } else {
          process.stderr.write(`gisurg: app process ${w.id} stopped (exit ${code ?? signal}); starting another\n`);
          fork();
        }
      }
      if (stopping && live.size === 0) process.exit(exitCode);
    });
  };
  for (let i = 0; i < n; i += 1) fork();
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    stopAll(signal);
    if (live.size === 0) process.exit(0);
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}
