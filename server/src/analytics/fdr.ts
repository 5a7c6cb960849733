// Significance of Gi* z-scores: two-sided normal p-values, Benjamini–Hochberg false-discovery-rate control,
// and the −3…3 confidence bins of ArcGIS Hot Spot Analysis (Gi_Bin: ±3 = 99 %, ±2 = 95 %, ±1 = 90 %
// confidence, 0 = not significant; the sign is the sign of z).
//
// The FDR rule is ArcGIS's (Spatial Statistics toolbox, ArcGIS 10.1 `Stats.py` `fdrTransform`, and the
// Hot Spot Analysis tool reference: "the critical p-values determining statistical significance are reduced
// to account for multiple testing and spatial dependence"): for each confidence level α ∈ {0.10, 0.05, 0.01}
// the n p-values are sorted, p(1) ≤ … ≤ p(n), and the critical p-value is the largest p(k) with
// p(k) ≤ k·α / n (the Benjamini–Hochberg step-up rule); a cell is significant at that level when its own
// p-value is at most the critical one, and its bin is the highest level it reaches. This is the same as
// "BH-adjusted p-value ≤ α", which the tests check. Without FDR the bins use the raw p-values (p ≤ α).
//
// erfc is computed here rather than taken from a package: a positive-term series for erf below x = 2 and
// Lentz's continued fraction above, both to about 1e-15 relative error (checked against R's pnorm).

/** The confidence levels of the Gi_Bin field, strongest first: bin magnitude and its significance level α. */
export const CONFIDENCE_LEVELS = [
  { bin: 3, alpha: 0.01 },
  { bin: 2, alpha: 0.05 },
  { bin: 1, alpha: 0.1 },
] as const;

const SQRT_PI = Math.sqrt(Math.PI);

/** Complementary error function erfc(x) = 1 − erf(x), accurate to about 1e-15 relative error. */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x < 2) return 1 - erfSeries(x);
  return erfcContinuedFraction(x);
}

// erf(x) = 2/√π · e^(−x²) · Σ_{k≥0} 2^k x^(2k+1) / (1·3·…·(2k+1)): all terms positive, no cancellation.
function erfSeries(x: number): number {
  const x2 = x * x;
  let term = x;
  let sum = x;
  for (let k = 1; k < 200; k++) {
    term *= (2 * x2) / (2 * k + 1);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return (2 / SQRT_PI) * Math.exp(-x2) * sum;
}

// erfc(x) = e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))), modified Lentz, for x ≥ 2.
function erfcContinuedFraction(x: number): number {
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let k = 1; k < 500; k++) {
    const a = k / 2;
    d = x + a * d;
    d = Math.abs(d) < tiny ? 1 / tiny : 1 / d;
    c = x + a / c;
    if (Math.abs(c) < tiny) c = tiny;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / (SQRT_PI * f);
}

/** Two-sided p-value of a standard normal z-score, P(|Z| ≥ |z|) = erfc(|z|/√2). */
export function twoSidedPValue(z: number): number {
  if (Number.isNaN(z)) throw new RangeError('twoSidedPValue: z is NaN');
  return Math.min(1, erfc(Math.abs(z) / Math.SQRT2));
}

/** Two-sided p-values for an array of z-scores. */
export function twoSidedPValues(z: Float64Array): Float64Array {
  return z.map(twoSidedPValue);
}

function ascendingOrder(pValues: Float64Array): Uint32Array {
  for (const p of pValues) {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`p-value ${p} is outside 0…1`);
  }
  const order = new Uint32Array(pValues.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  return order.sort((a, b) => (pValues[a] ?? 0) - (pValues[b] ?? 0));
}

/**
 * ArcGIS's FDR critical p-value at significance level `alpha`: the largest sorted p(k) with p(k) ≤ k·α/n,
 * or null when no p-value qualifies (nothing is significant at that level).
 */
export function fdrCriticalPValue(pValues: Float64Array, alpha: number): number | null {
  const n = pValues.length;
  const order = ascendingOrder(pValues);
  for (let k = n; k >= 1; k--) {
    const p = pValues[order[k - 1] ?? 0] ?? 1;
    if (p <= (k * alpha) / n) return p;
  }
  return null;
}

/** Benjamini–Hochberg adjusted p-values (q-values), in input order: q(k) = min over j ≥ k of min(1, n·p(j)/j). */
export function benjaminiHochberg(pValues: Float64Array): Float64Array {
  const n = pValues.length;
  const order = ascendingOrder(pValues);
  const adjusted = new Float64Array(n);
  let running = 1;
  for (let k = n; k >= 1; k--) {
    const i = order[k - 1] ?? 0;
    running = Math.min(running, (n * (pValues[i] ?? 1)) / k);
    adjusted[i] = running;
  }
  return adjusted;
}

/** Options of {@link hotSpotBins}. */
export interface HotSpotBinOptions {
  /** Apply ArcGIS's FDR correction to the critical p-values (default true, as CONTRACT.md requires). */
  readonly fdr?: boolean;
}

/** Gi_Bin per cell from Gi* z-scores: sign(z) × 3, 2 or 1 for 99, 95 or 90 % confidence, else 0. */
export function hotSpotBins(z: Float64Array, options: HotSpotBinOptions = {}): Int8Array {
  const fdr = options.fdr ?? true;
  const pValues = twoSidedPValues(z);
  const bins = new Int8Array(z.length);
  for (const { bin, alpha } of [...CONFIDENCE_LEVELS].reverse()) {
    const critical = fdr ? fdrCriticalPValue(pValues, alpha) : alpha;
    if (critical === null) continue;
    pValues.forEach((p, i) => {
      const zi = z[i] ?? 0;
      if (p <= critical && zi !== 0) bins[i] = Math.sign(zi) * bin;
    });
  }
  return bins;
}

/** The |z| whose two-sided p-value is `p` (inverse of {@link twoSidedPValue}), by bisection to 1e-12. */
export function zOfTwoSidedP(p: number): number {
  if (!(p > 0 && p <= 1)) throw new RangeError(`zOfTwoSidedP: p = ${p} is outside (0, 1]`);
  let low = 0;
  let high = 40;
  while (high - low > 1e-12) {
    const mid = (low + high) / 2;
    if (twoSidedPValue(mid) > p) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
}
