import { normalQuantile } from './distributions.js';
import { argsort } from './sort.js';
import { applyTimefix } from './timefix.js';
import { Issues, readChoice, readOption, readSurvivalData, type SurvivalData } from './validate.js';

/**
 * Kaplan–Meier estimate with Greenwood variance, as R's
 * `survfit(Surv(time, event) ~ 1, conf.type = confType, conf.int = confLevel)` (survival 3.5):
 * - one row per distinct time (event or censoring), after R's `timefix` (see ./timefix.ts);
 * - S(t) = Π (1 − d_i / n_i); Greenwood: var(log S) = Σ d_i / (n_i (n_i − d_i))
 *   (Kaplan & Meier, JASA 1958; Greenwood 1926); infinite once everyone at risk has died;
 * - confidence limits as R's `survfit_confint` (Kalbfleisch & Prentice 2002, §1.4):
 *   'log'     S·exp(∓z·se), upper capped at 1, undefined when S = 0 (R's default);
 *   'log-log' exp(−exp(log(−log S) ∓ z·se / log S)), undefined when S = 0 or S = 1;
 *   'plain'   S ∓ z·se·S, clipped to [0, 1];
 * - median and its limits as `print(fit)` / `summary(fit)$table` (R's `survmean`): the first time
 *   the curve is ≤ 0.5 (if it is exactly 0.5 on an interval, the midpoint between that time and the
 *   next drop); the limits are the same rule applied to the lower and upper curves.
 * Where R reports NA, NaN or Inf the result holds `null`.
 */

export type ConfType = 'log' | 'log-log' | 'plain';

export interface KaplanMeierOptions {
  /** Transformation for the pointwise confidence interval; default 'log' (R's default). */
  readonly confType?: ConfType;
  /** Confidence level, 0 < confLevel < 1; default 0.95. */
  readonly confLevel?: number;
  /** Merge times equal up to floating-point error, as R's timefix (default true). */
  readonly timefix?: boolean;
}

export interface KaplanMeierResult {
  readonly n: number;
  readonly events: number;
  readonly confType: ConfType;
  readonly confLevel: number;
  /** Distinct times, ascending. */
  readonly time: number[];
  readonly nRisk: number[];
  readonly nEvent: number[];
  readonly nCensor: number[];
  readonly survival: number[];
  /** Greenwood standard error of S(t) (R: `summary(fit)$std.err`); null once S = 0. */
  readonly stdErr: (number | null)[];
  /** Greenwood standard error of log S(t) (R: `fit$std.err`); null when infinite. */
  readonly stdErrLogSurvival: (number | null)[];
  readonly lower: (number | null)[];
  readonly upper: (number | null)[];
  /** null when the curve never reaches 0.5 (e.g. no events). */
  readonly median: number | null;
  readonly medianLower: number | null;
  readonly medianUpper: number | null;
}

const CONF_TYPES: readonly ConfType[] = ['log', 'log-log', 'plain'];

export function kaplanMeier(data: SurvivalData, options: KaplanMeierOptions = {}): KaplanMeierResult {
  const issues = new Issues();
  const { time, event, n } = readSurvivalData(data, issues);
  const confType = readChoice(options.confType, 'confType', issues, CONF_TYPES, 'log');
  const confLevel = readOption(options.confLevel, 'confLevel', issues, { min: 0, max: 1, open: true, fallback: 0.95 });
  issues.throwIfAny();

  const order = argsort(time);
  if (options.timefix ?? true) applyTimefix(time, order);

  const times: number[] = [];
  const nRisk: number[] = [];
  const nEvent: number[] = [];
  const nCensor: number[] = [];
  const survival: number[] = [];
  const seLog: number[] = [];
  let atRisk = n;
  let km = 1;
  let greenwood = 0;
  let events = 0;
  for (let i = 0; i < n;) {
    const t = time[order[i]!]!;
    let d = 0;
    let c = 0;
    for (; i < n && time[order[i]!] === t; i += 1) {
      if (event[order[i]!] === 1) d += 1;
      else c += 1;
    }
    if (d > 0) {
      km *= (atRisk - d) / atRisk;
      greenwood += d / (atRisk * (atRisk - d)); // Infinity when d = atRisk, as in R
    }
    times.push(t);
    nRisk.push(atRisk);
    nEvent.push(d);
    nCensor.push(c);
    survival.push(km);
    seLog.push(Math.sqrt(greenwood));
    atRisk -= d + c;
    events += d;
  }

  const z = normalQuantile(1 - (1 - confLevel) / 2);
  const lower: (number | null)[] = [];
  const upper: (number | null)[] = [];
  for (let k = 0; k < times.length; k += 1) {
    const [lo, up] = confidenceLimits(survival[k]!, seLog[k]!, confType, z);
    lower.push(lo);
    upper.push(up);
  }
  return {
    n,
    events,
    confType,
    confLevel,
    time: times,
    nRisk,
    nEvent,
    nCensor,
    survival,
    stdErr: seLog.map((se, k) => finiteOrNull(se * survival[k]!)),
    stdErrLogSurvival: seLog.map(finiteOrNull),
    lower,
    upper,
    median: firstBelowHalf(survival, times),
    medianLower: firstBelowHalf(lower, times),
    medianUpper: firstBelowHalf(upper, times),
  };
}

function finiteOrNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

/** R's `survfit_confint(p, se, logse = TRUE, conf.type, conf.int)` for one time point. */
export function confidenceLimits(p: number, se: number, type: ConfType, z: number): [number | null, number | null] {
  switch (type) {
    case 'log': {
      if (p === 0) return [null, null];
      const w = z * se;
      return [finiteOrNull(Math.exp(Math.log(p) - w)), finiteOrNull(Math.min(Math.exp(Math.log(p) + w), 1))];
    }
    case 'log-log': {
      if (p === 0 || p === 1) return [null, null];
      const w = (z * se) / Math.log(p);
      const ll = Math.log(-Math.log(p));
      return [finiteOrNull(Math.exp(-Math.exp(ll - w))), finiteOrNull(Math.exp(-Math.exp(ll + w)))];
    }
    case 'plain': {
      const w = se * p * z; // NaN when p = 0 and se = Inf: R reports NaN there
      if (Number.isNaN(w)) return [null, null];
      return [Math.max(p - w, 0), Math.min(p + w, 1)];
    }
  }
}

/**
 * R's `survmean` helper `minmin(y, x)`: the first x where y < 0.5 + tol; when y is 0.5 (within tol)
 * there and drops further later, the midpoint between that x and the x of the next lower y.
 */
export function firstBelowHalf(y: readonly (number | null)[], x: readonly number[]): number | null {
  const tol = Math.sqrt(2.220446049250313e-16);
  let first = -1;
  for (let k = 0; k < y.length; k += 1) {
    const v = y[k];
    if (v !== null && v !== undefined && v < 0.5 + tol) {
      first = k;
      break;
    }
  }
  if (first < 0) return null;
  const y1 = y[first]!;
  if (Math.abs(y1 - 0.5) < tol) {
    for (let k = first + 1; k < y.length; k += 1) {
      const v = y[k];
      if (v !== null && v !== undefined && v < y1) return (x[first]! + x[k]!) / 2;
    }
  }
  return x[first]!;
}
