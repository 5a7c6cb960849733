// Mann-Kendall trend test (Mann 1945; Kendall 1975) on a series in time order, as ArcGIS Emerging Hot Spot
// Analysis applies it to each location's Gi* z-scores:
//   S = Σ_{i<j} sign(x_j − x_i),
//   Var(S) = [n(n−1)(2n+5) − Σ_t t(t−1)(2t+5)] / 18   (t = size of each group of tied values),
//   z = (S − 1)/√Var if S > 0, (S + 1)/√Var if S < 0, 0 if S = 0   (continuity correction),
//   p = 2·(1 − Φ(|z|)),  tau-b = S / √(D·(D − Σ_t t(t−1)/2)) with D = n(n−1)/2.
// Same z and p as R's cor.test(x, seq_along(x), method = "kendall", exact = FALSE, continuity = TRUE).
import { twoSidedPValue } from './fdr';

/** Result of the Mann-Kendall test on one series. */
export interface MannKendallResult {
  /** Number of observations. */
  readonly n: number;
  /** Kendall's S: concordant minus discordant pairs against time. */
  readonly s: number;
  /** Variance of S under no trend, corrected for ties. */
  readonly varianceS: number;
  /** Kendall's tau-b between the series and time (0 when undefined). */
  readonly tau: number;
  /** Standard normal score of S with continuity correction (0 when S = 0 or the variance is 0). */
  readonly z: number;
  /** Two-sided p-value of z. */
  readonly p: number;
  /** Sign of the trend: 1 increasing, −1 decreasing, 0 none (sign of S; significance is judged with p). */
  readonly trend: -1 | 0 | 1;
}

/** Mann-Kendall trend test of `series` (time order, no missing values), ties handled as above. */
export function mannKendall(series: ArrayLike<number>): MannKendallResult {
  const n = series.length;
  const x = Array.from(series);
  if (x.some((v) => Number.isNaN(v))) throw new RangeError('mannKendall: series contains NaN');

  let s = 0;
  for (let i = 0; i < n - 1; i++) {
    const xi = x[i] ?? 0;
    for (let j = i + 1; j < n; j++) s += Math.sign((x[j] ?? 0) - xi);
  }

  let tieVariance = 0;
  let tiedPairs = 0;
  const sorted = [...x].sort((a, b) => a - b);
  for (let i = 0; i < n;) {
    let j = i + 1;
    while (j < n && sorted[j] === sorted[i]) j++;
    const t = j - i;
    tieVariance += t * (t - 1) * (2 * t + 5);
    tiedPairs += (t * (t - 1)) / 2;
    i = j;
  }
  const varianceS = (n * (n - 1) * (2 * n + 5) - tieVariance) / 18;
  const pairs = (n * (n - 1)) / 2;
  const tauDenominator = Math.sqrt(pairs * (pairs - tiedPairs));
  const tau = tauDenominator > 0 ? s / tauDenominator : 0;

  let z = 0;
  if (varianceS > 0 && s !== 0) z = (s - Math.sign(s)) / Math.sqrt(varianceS);
  const trend = s > 0 ? 1 : s < 0 ? -1 : 0;
  return { n, s, varianceS, tau, z, p: twoSidedPValue(z), trend };
}
