import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { Survival } from '@gisurg/contracts/followup';

/**
 * R's survival::lung with R's own output (packages/clinical/test/stats/fixtures/lung.json, make-fixtures.R), for
 * the suites that load it into GISurg — through the API (followup-survival.test.ts) or through the imports
 * (followup-import-survival.test.ts) — and compare POST /api/analytics/survival with R to 1e-6.
 */
interface Fixture {
  columns: { time: number[]; event: (0 | 1)[]; sex: number[] };
  kaplanMeier: {
    confType: string;
    confLevel: number;
    time: number[];
    nEvent: number[];
    nRisk: number[];
    survival: number[];
    lower: (number | null)[];
    upper: (number | null)[];
    median: number | null;
  }[];
  logRank: { groupColumn: string; chiSquare: number; df: number; pValue: number }[];
  cox: { covariates: string[]; ties: string; coefficients: { hazardRatio: number; lower95: number; upper95: number; pValue: number }[] }[];
}

const here = path.dirname(fileURLToPath(import.meta.url));
export const lung = JSON.parse(readFileSync(path.join(here, '../../../../clinical/test/stats/fixtures/lung.json'), 'utf8')) as Fixture;
/** Every lung patient's diagnosis date: time zero. */
export const LUNG_T0 = '2020-01-01';
const TOL = 1e-6;

const close = (a: number | null | undefined, b: number | null | undefined, what: string) => {
  if (b === null || b === undefined) expect(a ?? null, what).toBeNull();
  else expect(Math.abs((a as number) - b), `${what}: ${a} vs ${b}`).toBeLessThanOrEqual(TOL);
};

/** The whole cohort, OS: Kaplan–Meier at every event time with the log CI, and the median, as survfit gives them. */
export function expectLungKaplanMeier(res: Survival): void {
  const r = lung.kaplanMeier.find((k) => k.confType === 'log' && k.confLevel === 0.95)!;
  expect(res.n).toBe(lung.columns.time.length);
  expect(res.events).toBe(lung.columns.event.filter((e) => e === 1).length);
  expect(res.groups).toHaveLength(1);
  const g = res.groups[0]!;
  const idx = r.time.map((_, i) => i).filter((i) => r.nEvent[i]! > 0);
  expect(g.km.map((p) => p.time)).toEqual(idx.map((i) => r.time[i]));
  idx.forEach((i, k) => {
    const p = g.km[k]!;
    expect(p.atRisk).toBe(r.nRisk[i]);
    close(p.survival, r.survival[i], `S(${p.time})`);
    close(p.lower, r.lower[i], `lower(${p.time})`);
    close(p.upper, r.upper[i], `upper(${p.time})`);
  });
  close(g.median, r.median, 'median');
}

/** Grouped by sex: the log-rank test (survdiff) and the Cox hazard ratio (coxph, Efron ties). */
export function expectLungBySex(res: Survival): void {
  expect(res.groups.map((g) => [g.key, g.n])).toEqual([
    ['female', 90],
    ['male', 137],
  ]);
  const lr = lung.logRank.find((l) => l.groupColumn === 'sex')!;
  expect(res.logRank!.df).toBe(lr.df);
  close(res.logRank!.chiSquare, lr.chiSquare, 'chi-square');
  close(res.logRank!.pValue, lr.pValue, 'p');
  // R codes sex 1 = male, 2 = female: its HR is female vs male; ours (reference female) is male vs female.
  const cox = lung.cox.find((c) => c.covariates.join() === 'sex' && c.ties === 'efron')!.coefficients[0]!;
  const row = res.cox!.rows[0]!;
  expect(res.cox!.reference).toBe('female');
  close(row.hr, 1 / cox.hazardRatio, 'HR');
  close(row.lower, 1 / cox.upper95, 'HR lower');
  close(row.upper, 1 / cox.lower95, 'HR upper');
  close(row.pValue, cox.pValue, 'Cox p');
}
