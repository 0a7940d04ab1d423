import { chinv2, cholesky2, chsolve2, symmetrize } from './linear-algebra.js';

/**
 * Newton–Raphson fit of the Cox partial likelihood, following the algorithm of R's `coxph.fit` → C
 * routine `coxfit6` (survival 3.5, T. Therneau), so that iterations, step halving and results match:
 * - covariates are centred and scaled (x − mean) · n / Σ|x − mean|, except columns whose values are
 *   all in {−1, 0, 1} (coxph's `nocenter`); this changes nothing in exact arithmetic (Newton–Raphson
 *   is affine invariant) but keeps exp() in range;
 * - partial likelihood of Cox (JRSS B 1972); ties by Breslow (Biometrics 1974) or Efron (JASA 1977):
 *   for d tied deaths Efron's k-th term (k = 0..d−1) adds (k+1)/d of the deaths' risk to the risk-set sums;
 * - start at β = 0; converged when |1 − ℓ_old/ℓ_new| ≤ eps (1e−9) with finite ℓ, score and
 *   information; a step that lowers ℓ (or overflows) is shortened, β_new ← (β_new + h·β)/(h + 1) with
 *   h = 1, 2, … consecutive failures (step halving, then more aggressive);
 * - the data must be sorted by ascending time; risk sets are accumulated from the last time back,
 *   so one pass costs O(n·p²) and there is no O(n²) risk-set loop.
 */

export interface CoxFitInput {
  /** Ascending times. */
  readonly time: Float64Array;
  readonly status: Uint8Array;
  /** Covariates, column-major: column j occupies x[j·n … j·n + n − 1]. Modified (centred/scaled). */
  readonly x: Float64Array;
  readonly p: number;
  readonly efron: boolean;
  readonly maxIter: number;
  readonly eps: number;
  readonly tolerChol: number;
}

export interface CoxFitOutput {
  readonly beta: Float64Array;
  readonly means: Float64Array;
  /** Score at the returned β (original scale). */
  readonly u: Float64Array;
  /** Inverse information (variance of β), p × p row-major, original scale. */
  readonly variance: Float64Array;
  readonly loglikNull: number;
  readonly loglik: number;
  readonly scoreTest: number;
  readonly iterations: number;
  /** Rank of the information matrix; 1000 when the iterations ran out (as coxfit6's flag). */
  readonly flag: number;
  readonly converged: boolean;
}

export function fitCox(input: CoxFitInput): CoxFitOutput {
  const { time, status, x, p, efron, maxIter, eps, tolerChol } = input;
  const n = time.length;
  const means = new Float64Array(p);
  const scale = new Float64Array(p).fill(1);
  for (let j = 0; j < p; j += 1) {
    const col = x.subarray(j * n, j * n + n);
    let zeroOne = true;
    for (const v of col) {
      if (v !== 0 && v !== 1 && v !== -1) {
        zeroOne = false;
        break;
      }
    }
    if (zeroOne) continue;
    let sum = 0;
    for (const v of col) sum += v;
    const mean = sum / n;
    means[j] = mean;
    let abs = 0;
    for (let i = 0; i < n; i += 1) {
      col[i] = col[i]! - mean;
      abs += Math.abs(col[i]!);
    }
    const s = abs > 0 ? n / abs : 1;
    scale[j] = s;
    for (let i = 0; i < n; i += 1) col[i] = col[i]! * s;
  }

  const work = new CoxWorkspace(time, status, x, p, efron);
  const beta = new Float64Array(p);
  const newbeta = new Float64Array(p);
  const imat = work.imat;
  const u = work.u;

  const loglikNull = work.iterate(beta);
  const a = Float64Array.from(u);
  let flag = cholesky2(imat, p, tolerChol);
  chsolve2(imat, p, a);
  let scoreTest = 0;
  for (let i = 0; i < p; i += 1) scoreTest += u[i]! * a[i]!;

  const finish = (b: Float64Array, ll: number, iterations: number, converged: boolean): CoxFitOutput => {
    chinv2(imat, p);
    symmetrize(imat, p);
    const outBeta = new Float64Array(p);
    const outU = new Float64Array(p);
    const variance = new Float64Array(p * p);
    for (let i = 0; i < p; i += 1) {
      outBeta[i] = b[i]! * scale[i]!;
      outU[i] = u[i]! / scale[i]!;
      for (let j = 0; j < p; j += 1) variance[i * p + j] = imat[i * p + j]! * scale[i]! * scale[j]!;
    }
    return {
      beta: outBeta,
      means,
      u: outU,
      variance,
      loglikNull,
      loglik: ll,
      scoreTest,
      iterations,
      flag: converged ? flag : 1000,
      converged,
    };
  };

  if (maxIter === 0 || !Number.isFinite(loglikNull)) return finish(beta, loglikNull, 0, maxIter === 0);

  let loglik = loglikNull;
  for (let i = 0; i < p; i += 1) newbeta[i] = beta[i]! + a[i]!;
  let halving = 0;
  let iter = 1;
  for (; iter <= maxIter; iter += 1) {
    const newlk = work.iterate(newbeta);
    flag = cholesky2(imat, p, tolerChol);
    let finite = Number.isFinite(newlk);
    for (let i = 0; i < p && finite; i += 1) {
      if (!Number.isFinite(u[i]!)) finite = false;
      for (let j = 0; j < p; j += 1) if (!Number.isFinite(imat[i * p + j]!)) finite = false;
    }
    if (finite && Math.abs(1 - loglik / newlk) <= eps) return finish(newbeta, newlk, iter, true);
    if (!finite || newlk < loglik) {
      halving += 1;
      for (let i = 0; i < p; i += 1) newbeta[i] = (newbeta[i]! + halving * beta[i]!) / (halving + 1);
    } else {
      halving = 0;
      loglik = newlk;
      chsolve2(imat, p, u);
      for (let i = 0; i < p; i += 1) {
        beta[i] = newbeta[i]!;
        newbeta[i] = newbeta[i]! + u[i]!;
      }
    }
  }
  // Out of iterations: coxfit6 reports the last successful β (and its log-likelihood).
  const ll = maxIter > 1 ? work.iterate(beta) : loglik;
  cholesky2(imat, p, tolerChol);
  return finish(beta, ll, iter, false);
}

/** Log partial likelihood, score and information at β (coxfit6_iter). */
class CoxWorkspace {
  readonly u: Float64Array;
  readonly imat: Float64Array;
  private readonly a: Float64Array;
  private readonly a2: Float64Array;
  private readonly cmat: Float64Array;
  private readonly cmat2: Float64Array;
  private readonly xi: Float64Array;

  constructor(
    private readonly time: Float64Array,
    private readonly status: Uint8Array,
    private readonly x: Float64Array,
    private readonly p: number,
    private readonly efron: boolean,
  ) {
    this.u = new Float64Array(p);
    this.imat = new Float64Array(p * p);
    this.a = new Float64Array(p);
    this.a2 = new Float64Array(p);
    this.cmat = new Float64Array(p * p);
    this.cmat2 = new Float64Array(p * p);
    this.xi = new Float64Array(p);
  }

  iterate(beta: Float64Array): number {
    const { time, status, x, p, u, imat, a, a2, cmat, cmat2, xi } = this;
    const n = time.length;
    u.fill(0);
    imat.fill(0);
    a.fill(0);
    a2.fill(0);
    cmat.fill(0);
    cmat2.fill(0);
    let loglik = 0;
    let denom = 0;
    for (let person = n - 1; person >= 0;) {
      const dtime = time[person]!;
      let ndead = 0;
      let denom2 = 0;
      for (; person >= 0 && time[person] === dtime; person -= 1) {
        let zbeta = 0;
        for (let i = 0; i < p; i += 1) {
          const v = x[i * n + person]!;
          xi[i] = v;
          zbeta += beta[i]! * v;
        }
        const risk = Math.exp(zbeta);
        if (status[person] === 0) {
          denom += risk;
          for (let i = 0; i < p; i += 1) {
            const rx = risk * xi[i]!;
            a[i] = a[i]! + rx;
            for (let j = 0; j <= i; j += 1) cmat[i * p + j] = cmat[i * p + j]! + rx * xi[j]!;
          }
        } else {
          ndead += 1;
          denom2 += risk;
          loglik += zbeta;
          for (let i = 0; i < p; i += 1) {
            const rx = risk * xi[i]!;
            u[i] = u[i]! + xi[i]!;
            a2[i] = a2[i]! + rx;
            for (let j = 0; j <= i; j += 1) cmat2[i * p + j] = cmat2[i * p + j]! + rx * xi[j]!;
          }
        }
      }
      if (ndead === 0) continue;
      if (!this.efron || ndead === 1) {
        // Breslow (or a single death)
        denom += denom2;
        loglik -= ndead * Math.log(denom);
        for (let i = 0; i < p; i += 1) {
          a[i] = a[i]! + a2[i]!;
          const mean = a[i]! / denom;
          u[i] = u[i]! - ndead * mean;
          for (let j = 0; j <= i; j += 1) {
            cmat[i * p + j] = cmat[i * p + j]! + cmat2[i * p + j]!;
            imat[j * p + i] = imat[j * p + i]! + (ndead * (cmat[i * p + j]! - mean * a[j]!)) / denom;
          }
        }
      } else {
        // Efron: the deaths enter the sums 1/d at a time
        for (let k = 0; k < ndead; k += 1) {
          denom += denom2 / ndead;
          loglik -= Math.log(denom);
          for (let i = 0; i < p; i += 1) {
            a[i] = a[i]! + a2[i]! / ndead;
            const mean = a[i]! / denom;
            u[i] = u[i]! - mean;
            for (let j = 0; j <= i; j += 1) {
              cmat[i * p + j] = cmat[i * p + j]! + cmat2[i * p + j]! / ndead;
              imat[j * p + i] = imat[j * p + i]! + (cmat[i * p + j]! - mean * a[j]!) / denom;
            }
          }
        }
      }
      a2.fill(0);
      cmat2.fill(0);
    }
    return loglik;
  }
}
