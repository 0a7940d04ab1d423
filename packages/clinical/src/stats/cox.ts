import { concordance, type ConcordanceResult } from './concordance.js';
import { fitCox } from './cox-fit.js';
import { chiSquareUpperTail, normalQuantile, normalTwoSidedP } from './distributions.js';
import { chsolve2, cholesky2 } from './linear-algebra.js';
import { argsort } from './sort.js';
import { applyTimefix } from './timefix.js';
import { fail, Issues, readNumbers, readOption, readChoice, readSurvivalData, type SurvivalData } from './validate.js';

export interface CoxInput extends SurvivalData {
  /** One numeric column per covariate (use dummyCode for categories); order is kept in the output. */
  readonly covariates: Readonly<Record<string, ArrayLike<number>>>;
}

export type CoxTies = 'efron' | 'breslow';

export interface CoxOptions {
  /** Tie handling; default 'efron' (R's default). */
  readonly ties?: CoxTies;
  /** Newton–Raphson iterations allowed; default 20 (R's coxph.control iter.max). */
  readonly maxIterations?: number;
  /** Merge times equal up to floating-point error, as R's timefix (default true). */
  readonly timefix?: boolean;
}

export interface CoxCoefficient {
  readonly name: string;
  readonly coef: number;
  readonly hazardRatio: number;
  readonly se: number;
  readonly z: number;
  readonly pValue: number;
  /** 95% confidence limits of the hazard ratio. */
  readonly lower95: number;
  readonly upper95: number;
}

export interface ChiSquareTest {
  readonly chiSquare: number;
  readonly df: number;
  readonly pValue: number;
}

export interface CoxResult {
  readonly n: number;
  readonly events: number;
  readonly ties: CoxTies;
  readonly coefficients: CoxCoefficient[];
  /** Variance–covariance matrix of the coefficients (inverse information), in covariate order. */
  readonly variance: number[][];
  /** Log partial likelihood at the estimate. */
  readonly logLikelihood: number;
  /** Log partial likelihood of the null model (all coefficients 0). */
  readonly logLikelihoodNull: number;
  readonly likelihoodRatioTest: ChiSquareTest;
  readonly waldTest: ChiSquareTest;
  /** Score (log-rank) test at β = 0. */
  readonly scoreTest: ChiSquareTest;
  readonly concordance: ConcordanceResult;
  readonly iterations: number;
  /** Always true: a fit that does not converge throws instead of returning. */
  readonly converged: boolean;
}

/** R's coxph.control defaults. */
const EPS = 1e-9;
const TOLER_CHOL = 2.220446049250313e-16 ** 0.75;
const TOLER_INF = Math.sqrt(EPS);

/**
 * Cox proportional hazards regression, as R's
 * `coxph(Surv(time, event) ~ x1 + x2 + …, ties = ties)` (survival 3.5): Newton–Raphson on the partial
 * likelihood with Efron (default) or Breslow ties and R's step halving (see ./cox-fit.ts); Wald
 * z-tests and 95% limits exp(β ± 1.96·se); likelihood-ratio, Wald (βᵀ V⁻¹ β) and score tests;
 * Harrell's concordance (./concordance.ts).
 *
 * Instead of R's warnings this throws ClinicalInputError when the fit is not usable:
 * collinear covariates (R: NA coefficients), no convergence within maxIterations, or a coefficient
 * drifting to ±∞ (complete separation; R: "Loglik converged before variable …; coefficient may be
 * infinite"), detected as R does: the remaining Newton step |V·U| exceeds eps and toler.inf·|β|.
 */
export function coxProportionalHazards(input: CoxInput, options: CoxOptions = {}): CoxResult {
  const issues = new Issues();
  const { time, event, n } = readSurvivalData(input, issues);
  const ties = readChoice(options.ties, 'ties', issues, ['efron', 'breslow'] as const, 'efron');
  const maxIter = readOption(options.maxIterations, 'maxIterations', issues, { min: 1, max: 1000, fallback: 20 });
  const rawCovariates: unknown = (input as Partial<CoxInput>).covariates;
  const names = typeof rawCovariates === 'object' && rawCovariates !== null ? Object.keys(rawCovariates) : [];
  if (names.length === 0) issues.add('covariates', 'required', 'stats.cox.noCovariates');
  const p = names.length;
  const columns = names.map((name) =>
    readNumbers((rawCovariates as Record<string, unknown>)[name], `covariates.${name}`, issues, undefined, n),
  );
  issues.throwIfAny();

  let events = 0;
  for (const e of event) events += e;
  if (events === 0) fail('event', 'no_events', 'stats.cox.noEvents');

  const order = argsort(time);
  if (options.timefix ?? true) applyTimefix(time, order);
  const sortedTime = new Float64Array(n);
  const sortedStatus = new Uint8Array(n);
  const x = new Float64Array(n * p);
  for (let i = 0; i < n; i += 1) {
    const idx = order[i]!;
    sortedTime[i] = time[idx]!;
    sortedStatus[i] = event[idx]!;
  }
  columns.forEach((col, j) => {
    for (let i = 0; i < n; i += 1) x[j * n + i] = col![order[i]!]!;
  });

  const fit = fitCox({
    time: sortedTime,
    status: sortedStatus,
    x,
    p,
    efron: ties === 'efron',
    maxIter,
    eps: EPS,
    tolerChol: TOLER_CHOL,
  });
  if (!fit.converged) fail('covariates', 'not_converged', 'stats.cox.notConverged', { iterations: maxIter });
  const singular = names.filter((_, j) => fit.variance[j * p + j] === 0);
  if (fit.flag < p && singular.length > 0) {
    fail('covariates', 'collinear', 'stats.cox.collinear', { covariates: singular.join(', ') });
  }
  const infinite = names.filter((_, j) => {
    let step = 0;
    for (let k = 0; k < p; k += 1) step += fit.u[k]! * fit.variance[k * p + j]!;
    step = Math.abs(step);
    return !Number.isFinite(fit.u[j]!) || (step > EPS && step > TOLER_INF * Math.abs(fit.beta[j]!));
  });
  if (infinite.length > 0) {
    fail('covariates', 'infinite_coefficient', 'stats.cox.infiniteCoefficient', { covariates: infinite.join(', ') });
  }

  const z975 = normalQuantile(0.975);
  const coefficients = names.map((name, j): CoxCoefficient => {
    const coef = fit.beta[j]!;
    const se = Math.sqrt(fit.variance[j * p + j]!);
    const z = coef / se;
    return {
      name,
      coef,
      hazardRatio: Math.exp(coef),
      se,
      z,
      pValue: normalTwoSidedP(z),
      lower95: Math.exp(coef - z975 * se),
      upper95: Math.exp(coef + z975 * se),
    };
  });

  // Linear predictor as R computes it: x·β − Σ β·means (only its order matters for concordance).
  let offset = 0;
  for (let j = 0; j < p; j += 1) offset += fit.beta[j]! * fit.means[j]!;
  const lp = new Float64Array(n);
  for (let i = 0; i < n; i += 1) {
    let s = 0;
    for (let j = 0; j < p; j += 1) s += columns[j]![i]! * fit.beta[j]!;
    lp[i] = s - offset;
  }

  const lr = 2 * (fit.loglik - fit.loglikNull);
  return {
    n,
    events,
    ties,
    coefficients,
    variance: Array.from({ length: p }, (_, i) => Array.from(fit.variance.subarray(i * p, i * p + p))),
    logLikelihood: fit.loglik,
    logLikelihoodNull: fit.loglikNull,
    likelihoodRatioTest: test(lr, p),
    waldTest: test(waldStatistic(fit.variance, fit.beta, p), p),
    scoreTest: test(fit.scoreTest, p),
    concordance: concordance(time, event, lp),
    iterations: fit.iterations,
    converged: true,
  };
}

function test(chiSquare: number, df: number): ChiSquareTest {
  return { chiSquare, df, pValue: chiSquareUpperTail(chiSquare, df) };
}

/** βᵀ V⁻¹ β through the generalized Cholesky of V, as R's coxph.wtest (coxph_wtest.c). */
function waldStatistic(variance: Float64Array, beta: Float64Array, p: number): number {
  const m = Float64Array.from(variance);
  cholesky2(m, p, TOLER_CHOL);
  const solve = Float64Array.from(beta);
  chsolve2(m, p, solve);
  let sum = 0;
  for (let j = 0; j < p; j += 1) sum += beta[j]! * solve[j]!;
  return sum;
}
