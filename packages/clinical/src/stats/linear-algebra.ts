/**
 * Small dense matrix routines. Matrices are row-major Float64Arrays of size p × p.
 *
 * `cholesky2`, `chsolve2` and `chinv2` follow survival's C routines of the same names
 * (survival/src/cholesky2.c, chsolve2.c, chinv2.c, T. Therneau): a generalized LDLᵀ decomposition
 * that marks columns whose pivot falls below `toler × max diagonal` as redundant (pivot set to 0),
 * which is how coxph detects collinear covariates and returns NA for them.
 */

/** Factor symmetric `m` (upper triangle used) in place as L D Lᵀ; returns the rank (negative if not NND). */
export function cholesky2(m: Float64Array, p: number, toler: number): number {
  let nonneg = 1;
  let eps = 0;
  for (let i = 0; i < p; i += 1) {
    if (m[i * p + i]! > eps) eps = m[i * p + i]!;
    for (let j = i + 1; j < p; j += 1) m[j * p + i] = m[i * p + j]!;
  }
  if (eps === 0) return 0;
  eps *= toler;
  let rank = 0;
  for (let i = 0; i < p; i += 1) {
    const pivot = m[i * p + i]!;
    if (!Number.isFinite(pivot) || pivot < eps) {
      m[i * p + i] = 0;
      if (pivot < -8 * eps) nonneg = -1;
    } else {
      rank += 1;
      for (let j = i + 1; j < p; j += 1) {
        const temp = m[j * p + i]! / pivot;
        m[j * p + i] = temp;
        m[j * p + j] = m[j * p + j]! - temp * temp * pivot;
        for (let k = j + 1; k < p; k += 1) m[k * p + j] = m[k * p + j]! - temp * m[k * p + i]!;
      }
    }
  }
  return rank * nonneg;
}

/** Solve (L D Lᵀ) b = y in place, with the factor from cholesky2 (redundant columns get 0). */
export function chsolve2(m: Float64Array, p: number, y: Float64Array): void {
  for (let i = 0; i < p; i += 1) {
    let temp = y[i]!;
    for (let j = 0; j < i; j += 1) temp -= y[j]! * m[i * p + j]!;
    y[i] = temp;
  }
  for (let i = p - 1; i >= 0; i -= 1) {
    if (m[i * p + i] === 0) {
      y[i] = 0;
    } else {
      let temp = y[i]! / m[i * p + i]!;
      for (let j = i + 1; j < p; j += 1) temp -= y[j]! * m[j * p + i]!;
      y[i] = temp;
    }
  }
}

/** Invert from the cholesky2 factor in place; the result is in the upper triangle and diagonal. */
export function chinv2(m: Float64Array, p: number): void {
  for (let i = 0; i < p; i += 1) {
    if (m[i * p + i]! > 0) {
      m[i * p + i] = 1 / m[i * p + i]!;
      for (let j = i + 1; j < p; j += 1) {
        m[j * p + i] = -m[j * p + i]!;
        for (let k = 0; k < i; k += 1) m[j * p + k] = m[j * p + k]! + m[j * p + i]! * m[i * p + k]!;
      }
    }
  }
  for (let i = 0; i < p; i += 1) {
    if (m[i * p + i] === 0) {
      for (let j = 0; j < i; j += 1) m[j * p + i] = 0;
      for (let j = i; j < p; j += 1) m[i * p + j] = 0;
    } else {
      for (let j = i + 1; j < p; j += 1) {
        const temp = m[j * p + i]! * m[j * p + j]!;
        m[i * p + j] = temp;
        for (let k = i; k < j; k += 1) m[i * p + k] = m[i * p + k]! + temp * m[j * p + k]!;
      }
    }
  }
}

/** Copy the upper triangle into the lower one. */
export function symmetrize(m: Float64Array, p: number): void {
  for (let i = 0; i < p; i += 1) for (let j = 0; j < i; j += 1) m[i * p + j] = m[j * p + i]!;
}

/**
 * Solve A x = b by Gaussian elimination with partial pivoting (as LAPACK dgesv, used by R's
 * `solve`). Returns null when A is singular.
 */
export function solveLinear(a: Float64Array, b: Float64Array, p: number): Float64Array | null {
  const m = Float64Array.from(a);
  const x = Float64Array.from(b);
  let scale = 0;
  for (const v of m) scale = Math.max(scale, Math.abs(v));
  for (let c = 0; c < p; c += 1) {
    let piv = c;
    for (let r = c + 1; r < p; r += 1) if (Math.abs(m[r * p + c]!) > Math.abs(m[piv * p + c]!)) piv = r;
    if (Math.abs(m[piv * p + c]!) <= scale * 1e-14) return null;
    if (piv !== c) {
      for (let k = 0; k < p; k += 1) {
        const t = m[c * p + k]!;
        m[c * p + k] = m[piv * p + k]!;
        m[piv * p + k] = t;
      }
      const t = x[c]!;
      x[c] = x[piv]!;
      x[piv] = t;
    }
    for (let r = c + 1; r < p; r += 1) {
      const f = m[r * p + c]! / m[c * p + c]!;
      if (f === 0) continue;
      for (let k = c; k < p; k += 1) m[r * p + k] = m[r * p + k]! - f * m[c * p + k]!;
      x[r] = x[r]! - f * x[c]!;
    }
  }
  for (let r = p - 1; r >= 0; r -= 1) {
    let s = x[r]!;
    for (let k = r + 1; k < p; k += 1) s -= m[r * p + k]! * x[k]!;
    x[r] = s / m[r * p + r]!;
  }
  return x;
}

/**
 * Least squares min ‖X b − y‖ by Householder QR (as R's lm, which uses LINPACK dqrdc2).
 * X is n × m column-major; returns null when X is rank deficient.
 */
export function leastSquares(xColMajor: Float64Array, y: Float64Array, n: number, m: number): Float64Array | null {
  const a = Float64Array.from(xColMajor);
  const b = Float64Array.from(y);
  const diag = new Float64Array(m);
  for (let k = 0; k < m; k += 1) {
    let norm = 0;
    for (let i = k; i < n; i += 1) norm = Math.hypot(norm, a[k * n + i]!);
    if (norm === 0) return null;
    const alpha = a[k * n + k]! > 0 ? -norm : norm;
    a[k * n + k] = a[k * n + k]! - alpha; // v = x − alpha·e1, stored in place
    let vnorm2 = 0;
    for (let i = k; i < n; i += 1) vnorm2 += a[k * n + i]! * a[k * n + i]!;
    diag[k] = alpha;
    if (vnorm2 === 0) continue;
    const reflect = (col: Float64Array, off: number): void => {
      let dot = 0;
      for (let i = k; i < n; i += 1) dot += a[k * n + i]! * col[off + i]!;
      const f = (2 * dot) / vnorm2;
      for (let i = k; i < n; i += 1) col[off + i] = col[off + i]! - f * a[k * n + i]!;
    };
    for (let j = k + 1; j < m; j += 1) reflect(a, j * n);
    reflect(b, 0);
  }
  let maxDiag = 0;
  for (const d of diag) maxDiag = Math.max(maxDiag, Math.abs(d));
  const coef = new Float64Array(m);
  for (let k = m - 1; k >= 0; k -= 1) {
    if (Math.abs(diag[k]!) <= maxDiag * 1e-12) return null;
    let s = b[k]!;
    for (let j = k + 1; j < m; j += 1) s -= a[j * n + k]! * coef[j]!;
    coef[k] = s / diag[k]!;
  }
  return coef;
}
