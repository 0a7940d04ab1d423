/**
 * Foundation figures (issue 2, point 12; issue 18, start-up): cold first start and warm restart of the real server on
 * the embedded PGlite database — time until it answers /api/health, and its memory (RSS now and peak).
 * Cold = empty DATA_DIR: the empty database copied from the build's template (ADR 0019), first-start setup and the
 * 200-patient demo seed; "cold, initdb" = the same without the template (GISURG_PGLITE_TEMPLATE=0: initdb and the
 * migrations in the first start, as before the template). Warm = the same DATA_DIR again.
 * Run: `npx tsx bench/startup.ts [runs=3]`.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureServerBuilt, makePgliteTemplate, serverBundle } from '../scripts/build-server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
ensureServerBuilt();
makePgliteTemplate(); // as the build makes it (nothing to do when present)
const runs = Number(process.argv[2] ?? 3);

function memOf(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

async function startOnce(
  dataDir: string,
  port: number,
  env: Record<string, string> = {},
): Promise<{ readyMs: number; rssMb: number; peakMb: number }> {
  const started = performance.now();
  // As `npm start` runs it: node on the server bundle (ADR 0017), built before the first run.
  const child = spawn(process.execPath, ['--enable-source-maps', serverBundle, 'serve'], {
    cwd: root,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      GISURG_ADMIN_PASSWORD: 'Bench-Admin-1',
      GISURG_DEMO_PASSWORD: 'Bench-Demo-1',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (;;) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (r.ok) break;
    } catch {
      /* not yet */
    }
    if (child.exitCode !== null) throw new Error('server exited');
    await new Promise((r) => setTimeout(r, 50));
  }
  const readyMs = performance.now() - started;
  await new Promise((r) => setTimeout(r, 1500));
  const mem = memOf(child.pid!);
  child.kill('SIGTERM');
  await new Promise((r) => child.on('exit', r));
  return { readyMs, ...mem };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const cold: Awaited<ReturnType<typeof startOnce>>[] = [];
const coldInitdb: Awaited<ReturnType<typeof startOnce>>[] = [];
const warm: Awaited<ReturnType<typeof startOnce>>[] = [];
for (let i = 0; i < runs; i += 1) {
  const dir = mkdtempSync(path.join(tmpdir(), 'gisurg-bench-start-'));
  cold.push(await startOnce(dir, 8950 + i));
  warm.push(await startOnce(dir, 8950 + i));
  rmSync(dir, { recursive: true, force: true });
  const dir2 = mkdtempSync(path.join(tmpdir(), 'gisurg-bench-start-'));
  coldInitdb.push(await startOnce(dir2, 8950 + i, { GISURG_PGLITE_TEMPLATE: '0' }));
  rmSync(dir2, { recursive: true, force: true });
}
const row = (label: string, xs: typeof cold) =>
  `| ${label} | ${(median(xs.map((x) => x.readyMs)) / 1000).toFixed(1)} s | ${median(xs.map((x) => x.rssMb)).toFixed(0)} MB | ${median(xs.map((x) => x.peakMb)).toFixed(0)} MB |`;
console.log(
  `Machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}; ${runs} runs, medians`,
);
console.log('| start | until /api/health answers | RSS after start | peak RSS |');
console.log('| --- | ---: | ---: | ---: |');
console.log(row("cold first start (the build's empty-database template, demo seed of 200 patients)", cold));
console.log(row('cold first start without the template (initdb, migrations, demo seed)', coldInitdb));
console.log(row('warm restart (same DATA_DIR)', warm));
