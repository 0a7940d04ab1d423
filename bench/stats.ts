/**
 * Benchmark of the survival statistics (issue 4, acceptance point 3): Kaplan–Meier + log-rank (3 groups)
 * + Cox (2 covariates, Efron ties, with concordance) on 10k, 100k and 1M generated rows. When Rscript
 * is on the PATH, the same rows are timed in R (bench/stats-bench.R) in the same run and the ratio is
 * printed. Run: `npx tsx bench/stats.ts` (optional arguments: row counts, e.g. `10000 100000`).
 *
 * Timings are medians over several runs after a warm-up, in milliseconds, computation only (data
 * generation and CSV writing are not timed; R reads the CSV before its clock starts).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { coxProportionalHazards, kaplanMeier, logRankTest } from '../packages/clinical/src/stats/index.js';

interface Rows {
  time: number[];
  event: (0 | 1)[];
  grp: number[];
  age: number[];
  trt: number[];
}

/** Deterministic generator (mulberry32) so both languages see the same rows on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Exponential survival with a Cox-type hazard; uniform censoring; times in whole days (many ties). */
function generate(n: number, seed = 4): Rows {
  const u = random(seed);
  const rows: Rows = { time: [], event: [], grp: [], age: [], trt: [] };
  const groupEffect = [0, 0.3, 0.6];
  for (let i = 0; i < n; i += 1) {
    const grp = Math.floor(u() * 3) + 1;
    const age = Math.round(62 + 10 * Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u()));
    const trt = u() < 0.5 ? 1 : 0;
    const rate = 0.002 * Math.exp(0.03 * (age - 62) - 0.4 * trt + groupEffect[grp - 1]!);
    const te = -Math.log(1 - u()) / rate;
    const tc = 100 + 1900 * u();
    rows.time.push(Math.round(Math.min(te, tc)));
    rows.event.push(te <= tc ? 1 : 0);
    rows.grp.push(grp);
    rows.age.push(age);
    rows.trt.push(trt);
  }
  return rows;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function time<T>(runs: number, f: () => T): { ms: number; value: T } {
  let value = f(); // warm-up (JIT)
  for (let i = 0; i < 2; i += 1) value = f();
  const ms: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const t0 = process.hrtime.bigint();
    value = f();
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return { ms: median(ms), value };
}

interface RResult {
  kaplanMeier: number;
  logRank: number;
  cox: number;
  median: number;
  chiSquare: number;
  coef: [number, number];
  concordance: number;
  r: string;
}

function runR(rows: Rows, runs: number): RResult | null {
  const dir = mkdtempSync(join(tmpdir(), 'gisurg-bench-'));
  try {
    const csv = join(dir, 'rows.csv');
    const lines = ['time,event,grp,age,trt'];
    for (let i = 0; i < rows.time.length; i += 1) {
      lines.push(`${rows.time[i]},${rows.event[i]},${rows.grp[i]},${rows.age[i]},${rows.trt[i]}`);
    }
    writeFileSync(csv, `${lines.join('\n')}\n`);
    const script = join(dirname(fileURLToPath(import.meta.url)), 'stats-bench.R');
    const out = spawnSync('Rscript', [script, csv, String(runs)], { encoding: 'utf8', maxBuffer: 1 << 20 });
    if (out.status !== 0) {
      console.error(out.stderr);
      return null;
    }
    return JSON.parse(out.stdout.trim().split('\n').at(-1)!) as RResult;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const hasR = spawnSync('Rscript', ['--version'], { encoding: 'utf8' }).status === 0;
const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
const ns = sizes.length > 0 ? sizes : [10_000, 100_000, 1_000_000];
const fmt = (x: number): string => (x >= 100 ? x.toFixed(0) : x.toFixed(1));

console.log(`# GISurg statistics bench — ${new Date().toISOString()}`);
console.log(`node ${process.version}; ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}; ${(totalmem() / 2 ** 30).toFixed(1)} GiB`);
if (!hasR) console.log('Rscript not found: TypeScript timings only');
console.log('');
console.log('| rows | step | TypeScript ms | R ms | R / TypeScript |');
console.log('| ---: | --- | ---: | ---: | ---: |');
const checks: string[] = [];
for (const n of ns) {
  const rows = generate(n);
  const runs = n >= 1_000_000 ? 3 : 5;
  const km = time(runs, () => kaplanMeier({ time: rows.time, event: rows.event }));
  const lr = time(runs, () => logRankTest({ time: rows.time, event: rows.event, group: rows.grp }));
  const cx = time(runs, () => coxProportionalHazards({ time: rows.time, event: rows.event, covariates: { age: rows.age, trt: rows.trt } }));
  const r = hasR ? runR(rows, runs) : null;
  const steps: [string, number, number | undefined][] = [
    ['Kaplan–Meier', km.ms, r?.kaplanMeier],
    ['log-rank (3 groups)', lr.ms, r?.logRank],
    ['Cox (2 covariates)', cx.ms, r?.cox],
    ['total', km.ms + lr.ms + cx.ms, r ? r.kaplanMeier + r.logRank + r.cox : undefined],
  ];
  for (const [step, ts, rms] of steps) {
    const ratio = rms === undefined ? '–' : `${(rms / ts).toFixed(2)}×`;
    console.log(`| ${n.toLocaleString('en')} | ${step} | ${fmt(ts)} | ${rms === undefined ? '–' : fmt(rms)} | ${ratio} |`);
  }
  if (r) {
    const coef = cx.value.coefficients.map((c) => c.coef);
    const rel = (a: number, b: number): string => (Math.abs(a - b) / Math.abs(b)).toExponential(1);
    checks.push(
      `${n.toLocaleString('en')} rows: median ${km.value.median} (R ${r.median}); log-rank χ² rel. diff ${rel(lr.value.chiSquare, r.chiSquare)}; ` +
        `Cox β rel. diff ${rel(coef[0]!, r.coef[0])}, ${rel(coef[1]!, r.coef[1])}; concordance rel. diff ${rel(cx.value.concordance.concordance ?? NaN, r.concordance)}`,
    );
  }
}
if (checks.length > 0) {
  console.log('');
  console.log(`Same results as R (${hasR ? (runR(generate(10), 1)?.r ?? '') : ''}):`);
  for (const c of checks) console.log(`- ${c}`);
}
