// Poisson regression with a log link and an intercept, fitted by iteratively reweighted least squares
// (IRLS, McCullagh & Nelder 1989, §2.5), as R's `glm(y ~ ., family = poisson)` fits it. Starting from
// μ = y + 0.1 (R's `mustart`), each iteration solves the weighted normal equations XᵀWX β = XᵀWz with
// W = diag(μ) and working response z = η + (y − μ)/μ by Cholesky factorisation, then updates η = Xβ, μ = e^η.
// The fit has converged when the deviance changes by less than ε relative, |D − D_old| / (|D| + 0.1) < ε
// (R's glm.control test, ε = 1e-8, at most 25 iterations), and no coefficient moves by more than
// ε·(1 + |β|). The second test costs one extra iteration at most (IRLS is Newton's method here, so it
// converges quadratically) and turns separation into an error: when a combination of covariates occurs
// only where the count is 0, the likelihood keeps rising as that combination's coefficient runs to −∞
// (about −1 per step), so no finite estimate exists. R then stops on the deviance test and reports a large
// negative coefficient with an enormous standard error; here the fit throws a PoissonFitError instead.
//
// Standard errors are the square roots of the diagonal of the inverse Fisher information (XᵀWX)⁻¹ at the
// final μ, with Wald z = β / SE and a two-sided normal p-value. With loglik = Σ (y log μ − μ − log y!),
// AIC = −2 loglik + 2p and BIC = −2 loglik + p log n (R's `AIC` and `BIC`); the deviance is
// 2 Σ (y log(y/μ) − (y − μ)), the null deviance that of the intercept-only model (μ = ȳ), and the Pearson
// dispersion Σ (y − μ)²/μ / (n − p) (1 when the Poisson variance assumption holds; well above 1 means
// overdispersion, so the standard errors are too small).
import { twoSidedPValue } from './fdr';

/** Convergence settings of {@link fitPoisson}; the defaults are R's `glm.control()`. */
export interface PoissonOptions {
  /** Relative convergence tolerance ε of the deviance and of each coefficient, default 1e-8. */
  readonly tolerance?: number;
  /** Iterations before giving up with a `no-convergence` error, default 25. */
  readonly maxIterations?: number;
}

/** A fitted Poisson regression; index 0 of every per-coefficient array is the intercept. */
export interface PoissonFit {
  /** Coefficients on the log scale: [intercept, one per covariate in the order given]. */
  readonly coefficients: Float64Array;
  /** Standard errors from the inverse Fisher information. */
  readonly standardErrors: Float64Array;
  /** Wald z-scores, coefficient / standard error. */
  readonly zValues: Float64Array;
  /** Two-sided p-values of the Wald z-scores. */
  readonly pValues: Float64Array;
  /** Residual deviance. */
  readonly deviance: number;
  /** Deviance of the intercept-only model. */
  readonly nullDeviance: number;
  /** Log-likelihood Σ (y log μ − μ − log y!). */
  readonly logLikelihood: number;
  /** Akaike information criterion, −2 loglik + 2p. */
  readonly aic: number;
  /** Bayesian information criterion, −2 loglik + p log n. */
  readonly bic: number;
  /** Pearson dispersion Σ (y − μ)²/μ / (n − p). */
  readonly dispersion: number;
  /** Number of observations n. */
  readonly observations: number;
  /** Number of coefficients p, the intercept included. */
  readonly parameters: number;
  /** IRLS iterations used. */
  readonly iterations: number;
}

/** Why a Poisson fit has no answer: see {@link PoissonFitError}. */
export type PoissonFitFailure = 'separation' | 'collinear' | 'no-convergence';

/**
 * A model that cannot be fitted: `separation` (no finite estimate: the counts are all zero, or a covariate
 * combination occurs only where they are), `collinear` (a covariate is constant or a linear combination of
 * the others) or `no-convergence`; `covariate` is the 0-based index of the covariate at fault, if known.
 */
export class PoissonFitError extends Error {
  override readonly name = 'PoissonFitError';

  constructor(
    readonly failure: PoissonFitFailure,
    message: string,
    readonly covariate: number | null = null,
  ) {
    super(message);
  }
}

/**
 * Fits `log E[counts] = β₀ + Σ_j β_j covariates[j]` by IRLS: `counts` are non-negative whole numbers and each
 * covariate has one value per count. Throws RangeError for invalid input and PoissonFitError when the model
 * has no finite, unique estimate.
 */
export function fitPoisson(
  counts: ArrayLike<number>,
  covariates: readonly ArrayLike<number>[],
  options: PoissonOptions = {},
): PoissonFit {
  const tolerance = options.tolerance ?? 1e-8;
  const maxIterations = options.maxIterations ?? 25;
  if (!(Number.isInteger(maxIterations) && maxIterations >= 1)) {
    throw new RangeError(`fitPoisson: maxIterations must be a whole number ≥ 1, got ${maxIterations}`);
  }
  const y = validatedCounts(counts);
  const n = y.length;
  const p = covariates.length + 1;
  if (n <= p) throw new RangeError(`fitPoisson: ${n} observations cannot fit ${p} coefficients`);
  if (y.every((v) => v === 0)) {
    throw new PoissonFitError(
      'separation',
      'fitPoisson: all counts are zero, so the intercept has no finite estimate',
    );
  }
  const x = designMatrix(n, covariates);

  let eta: Float64Array = y.map((v) => Math.log(v + 0.1));
  let mu: Float64Array = eta.map(Math.exp);
  let deviance = poissonDeviance(y, mu);
  let beta: Float64Array = new Float64Array(p);
  let moving: number | null = null;
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    const working = eta.map((e, i) => e + ((y[i] ?? 0) - (mu[i] ?? 1)) / (mu[i] ?? 1));
    const { gram, rhs } = weightedNormalEquations(x, p, mu, working);
    const next = solveCholesky(choleskyFactor(gram, p), p, rhs);
    eta = linearPredictor(x, p, next);
    mu = eta.map(Math.exp);
    const nextDeviance = poissonDeviance(y, mu);
    if (!Number.isFinite(nextDeviance)) {
      throw new PoissonFitError(
        'no-convergence',
        `fitPoisson: the deviance overflowed at iteration ${iteration}`,
      );
    }
    const devianceSettled = Math.abs(nextDeviance - deviance) / (Math.abs(nextDeviance) + 0.1) < tolerance;
    moving = fastestMovingCoefficient(beta, next, tolerance);
    beta = next;
    deviance = nextDeviance;
    // The first step is measured from β = 0, not from a previous estimate, so it cannot show convergence.
    if (iteration > 1 && devianceSettled && moving === null) return summarise(y, x, p, beta, mu, iteration);
  }
  throw nonConvergence(y, mu, moving, maxIterations);
}

function validatedCounts(counts: ArrayLike<number>): Float64Array {
  const y = Float64Array.from(counts);
  y.forEach((v, i) => {
    if (!(Number.isInteger(v) && v >= 0)) {
      throw new RangeError(`fitPoisson: count ${i} is ${v}, not a whole number ≥ 0`);
    }
  });
  return y;
}

/** Row-major n × p design matrix with a leading column of ones. */
function designMatrix(n: number, covariates: readonly ArrayLike<number>[]): Float64Array {
  const p = covariates.length + 1;
  const x = new Float64Array(n * p);
  for (let i = 0; i < n; i++) x[i * p] = 1;
  covariates.forEach((column, j) => {
    if (column.length !== n) {
      throw new RangeError(`fitPoisson: covariate ${j} has ${column.length} values for ${n} counts`);
    }
    for (let i = 0; i < n; i++) {
      const v = column[i] ?? NaN;
      if (!Number.isFinite(v)) throw new RangeError(`fitPoisson: covariate ${j} value ${i} is ${v}`);
      x[i * p + j + 1] = v;
    }
  });
  return x;
}

/** XᵀWX (p × p, row-major) and XᵀWz for weights w and working response z. */
function weightedNormalEquations(
  x: Float64Array,
  p: number,
  w: Float64Array,
  z: Float64Array,
): { gram: Float64Array; rhs: Float64Array } {
  const gram = new Float64Array(p * p);
  const rhs = new Float64Array(p);
  for (let i = 0; i < w.length; i++) {
    const wi = w[i] ?? 0;
    const zi = z[i] ?? 0;
    const row = i * p;
    for (let a = 0; a < p; a++) {
      const wxa = wi * (x[row + a] ?? 0);
      rhs[a] = (rhs[a] ?? 0) + wxa * zi;
      for (let b = 0; b <= a; b++) gram[a * p + b] = (gram[a * p + b] ?? 0) + wxa * (x[row + b] ?? 0);
    }
  }
  for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) gram[b * p + a] = gram[a * p + b] ?? 0;
  return { gram, rhs };
}

/**
 * Lower-triangular L with LLᵀ = A (row-major). A pivot below 1e-10 of its diagonal entry means the column
 * is (numerically) a linear combination of the ones before it.
 */
function choleskyFactor(a: Float64Array, p: number): Float64Array {
  const l = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    let pivot = a[j * p + j] ?? 0;
    for (let k = 0; k < j; k++) pivot -= (l[j * p + k] ?? 0) ** 2;
    if (!(pivot > 1e-10 * (a[j * p + j] ?? 0))) {
      throw new PoissonFitError(
        'collinear',
        `fitPoisson: covariate ${j - 1} is constant or a linear combination of the covariates before it`,
        j > 0 ? j - 1 : null,
      );
    }
    const diagonal = Math.sqrt(pivot);
    l[j * p + j] = diagonal;
    for (let i = j + 1; i < p; i++) {
      let s = a[i * p + j] ?? 0;
      for (let k = 0; k < j; k++) s -= (l[i * p + k] ?? 0) * (l[j * p + k] ?? 0);
      l[i * p + j] = s / diagonal;
    }
  }
  return l;
}

/** Solves LLᵀ β = b by forward then backward substitution. */
function solveCholesky(l: Float64Array, p: number, b: Float64Array): Float64Array {
  const v = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let s = b[i] ?? 0;
    for (let k = 0; k < i; k++) s -= (l[i * p + k] ?? 0) * (v[k] ?? 0);
    v[i] = s / (l[i * p + i] ?? 1);
  }
  for (let i = p - 1; i >= 0; i--) {
    let s = v[i] ?? 0;
    for (let k = i + 1; k < p; k++) s -= (l[k * p + i] ?? 0) * (v[k] ?? 0);
    v[i] = s / (l[i * p + i] ?? 1);
  }
  return v;
}

/** Diagonal of (LLᵀ)⁻¹ = L⁻ᵀL⁻¹: entry j is the squared norm of column j of L⁻¹. */
function inverseDiagonal(l: Float64Array, p: number): Float64Array {
  const diagonal = new Float64Array(p);
  const e = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    // Column j of L⁻¹ by forward substitution of the unit vector e_j; its entries above j are zero.
    e.fill(0);
    for (let i = j; i < p; i++) {
      let s = i === j ? 1 : 0;
      for (let k = j; k < i; k++) s -= (l[i * p + k] ?? 0) * (e[k] ?? 0);
      e[i] = s / (l[i * p + i] ?? 1);
      diagonal[j] = (diagonal[j] ?? 0) + (e[i] ?? 0) ** 2;
    }
  }
  return diagonal;
}

function linearPredictor(x: Float64Array, p: number, beta: Float64Array): Float64Array {
  const eta = new Float64Array(x.length / p);
  for (let i = 0; i < eta.length; i++) {
    let s = 0;
    for (let j = 0; j < p; j++) s += (x[i * p + j] ?? 0) * (beta[j] ?? 0);
    eta[i] = s;
  }
  return eta;
}

/** Index of the coefficient that moved most beyond tolerance·(1 + |β|), or null when none did. */
function fastestMovingCoefficient(
  before: Float64Array,
  after: Float64Array,
  tolerance: number,
): number | null {
  let worst: number | null = null;
  let worstExcess = 1;
  after.forEach((b, j) => {
    const excess = Math.abs(b - (before[j] ?? 0)) / (tolerance * (1 + Math.abs(b)));
    if (excess > worstExcess) {
      worst = j;
      worstExcess = excess;
    }
  });
  return worst;
}

/** The error for a fit still moving after the last iteration: separation if some fitted mean has collapsed. */
function nonConvergence(
  y: Float64Array,
  mu: Float64Array,
  moving: number | null,
  maxIterations: number,
): PoissonFitError {
  const covariate = moving === null || moving === 0 ? null : moving - 1;
  const symptom =
    moving === null
      ? 'the deviance is still changing'
      : `${covariate === null ? 'the intercept' : `covariate ${covariate}`} is still moving`;
  const meanCount = y.reduce((s, v) => s + v, 0) / y.length;
  if (mu.some((m) => m < 1e-8 * meanCount)) {
    return new PoissonFitError(
      'separation',
      'fitPoisson: no finite estimate (separation): some fitted means collapse to 0 because a covariate ' +
        `combination occurs only where the count is 0; after ${maxIterations} iterations ${symptom}`,
      covariate,
    );
  }
  return new PoissonFitError(
    'no-convergence',
    `fitPoisson: no convergence in ${maxIterations} iterations; ${symptom}`,
    covariate,
  );
}

function summarise(
  y: Float64Array,
  x: Float64Array,
  p: number,
  coefficients: Float64Array,
  mu: Float64Array,
  iterations: number,
): PoissonFit {
  const n = y.length;
  const { gram } = weightedNormalEquations(x, p, mu, mu);
  const standardErrors = inverseDiagonal(choleskyFactor(gram, p), p).map(Math.sqrt);
  const zValues = coefficients.map((b, j) => b / (standardErrors[j] ?? NaN));
  const logLikelihood = poissonLogLikelihood(y, mu);
  let pearson = 0;
  mu.forEach((m, i) => (pearson += ((y[i] ?? 0) - m) ** 2 / m));
  const meanCount = y.reduce((s, v) => s + v, 0) / n;
  return {
    coefficients,
    standardErrors,
    zValues,
    pValues: zValues.map(twoSidedPValue),
    deviance: poissonDeviance(y, mu),
    nullDeviance: poissonDeviance(y, new Float64Array(n).fill(meanCount)),
    logLikelihood,
    aic: -2 * logLikelihood + 2 * p,
    bic: -2 * logLikelihood + p * Math.log(n),
    dispersion: pearson / (n - p),
    observations: n,
    parameters: p,
    iterations,
  };
}

/** Poisson deviance 2 Σ (y log(y/μ) − (y − μ)), with y log(y/μ) = 0 at y = 0. */
function poissonDeviance(y: Float64Array, mu: Float64Array): number {
  let d = 0;
  y.forEach((v, i) => {
    const m = mu[i] ?? NaN;
    d += (v > 0 ? v * Math.log(v / m) : 0) - (v - m);
  });
  return 2 * d;
}

/** Poisson log-likelihood Σ (y log μ − μ − log y!). */
function poissonLogLikelihood(y: Float64Array, mu: Float64Array): number {
  let l = 0;
  y.forEach((v, i) => {
    const m = mu[i] ?? NaN;
    l += (v > 0 ? v * Math.log(m) : 0) - m - logFactorial(v);
  });
  return l;
}

const LOG_FACTORIAL_TABLE_SIZE = 256;
const LOG_FACTORIALS = (() => {
  const table = new Float64Array(LOG_FACTORIAL_TABLE_SIZE);
  for (let k = 2; k < LOG_FACTORIAL_TABLE_SIZE; k++) table[k] = (table[k - 1] ?? 0) + Math.log(k);
  return table;
})();

/** log k! = lgamma(k + 1): a table below 256, Stirling's series (error < 1e-16 relative) above. */
function logFactorial(k: number): number {
  if (k < LOG_FACTORIAL_TABLE_SIZE) return LOG_FACTORIALS[k] ?? NaN;
  const n = k + 1;
  const inverse = 1 / n;
  const inverse2 = inverse * inverse;
  const series = inverse * (1 / 12 - inverse2 * (1 / 360 - inverse2 * (1 / 1260 - inverse2 / 1680)));
  return (n - 0.5) * Math.log(n) - n + 0.5 * Math.log(2 * Math.PI) + series;
}
