// Emerging hot spot classes per cell, as ArcGIS Emerging Hot Spot Analysis defines them ("How Emerging Hot
// Spot Analysis works", ArcGIS Pro / AllSource tool reference; wording of ArcMap 10.x where the same). Input
// per cell: its Gi_Bin per time step (FDR-corrected, −3…3; "significant hot" = bin > 0, i.e. at least 90 %
// confidence; "cold" = bin < 0) and the Mann-Kendall test on its Gi* z-series. With n steps and "≥ 90 %"
// read as hot in at least 0.9·n steps:
//   new          hot in the final step and never hot before;
//   consecutive  a single uninterrupted run of at least two hot bins ending at the final step, never hot
//                before the run, < 90 % hot;
//   intensifying ≥ 90 % hot including the final step, significant increasing trend in z;
//   persistent   ≥ 90 % hot (here: including the final step), no significant trend;
//   diminishing  ≥ 90 % hot including the final step, significant decreasing trend in z;
//   sporadic     hot in the final step, hot on and off before, < 90 % hot, never cold;
//   oscillating  hot in the final step, cold in some earlier step, < 90 % hot;
//   historical   not hot in the final step, ≥ 90 % hot;
// and the mirror image for cold spots ("intensifying" cold = significant decreasing z). Where two
// definitions fit, the first in ArcGIS's list wins (new and consecutive before oscillating, which the
// definitions otherwise let overlap); a history of ≥ 90 % hot (or cold) decides the family before the final
// step's sign does, so a ≥ 90 % hot cell whose final step is cold is a historical hot spot. Sporadic
// requires the final step to be hot, as the current Pro wording says (ArcMap 10.x said only "on-again,
// off-again"); a cell hot only in earlier steps and < 90 % of them has no pattern.
import type { EmergingClass } from '@titik-rawan/shared';
import { mannKendall } from './mann-kendall';
import type { MannKendallResult } from './mann-kendall';

export { EMERGING_CLASSES, type EmergingClass } from '@titik-rawan/shared';

/** Options of the emerging hot spot classification. */
export interface EmergingOptions {
  /** Significance level of the Mann-Kendall trend (two-sided p ≤ this), default 0.05. */
  readonly trendAlpha?: number;
}

/** Classification of one cell with the trend test it rests on. */
export interface EmergingResult {
  /** The cell's class. */
  readonly class: EmergingClass;
  /** Mann-Kendall test on the cell's Gi* z-series (its z, p and sign decide the trend classes). */
  readonly trend: MannKendallResult;
}

type Pattern =
  | 'new'
  | 'consecutive'
  | 'intensifying'
  | 'persistent'
  | 'diminishing'
  | 'sporadic'
  | 'oscillating'
  | 'historical';

/**
 * Emerging hot spot class of one cell from its Gi_Bin series `bins` and Gi* z-series `z` (same length,
 * oldest step first); the Mann-Kendall test runs on `z`.
 */
export function classifyEmerging(
  bins: ArrayLike<number>,
  z: ArrayLike<number>,
  options: EmergingOptions = {},
): EmergingResult {
  if (bins.length !== z.length) {
    throw new RangeError(`classifyEmerging: ${bins.length} bins but ${z.length} z-scores`);
  }
  if (bins.length === 0) throw new RangeError('classifyEmerging: empty series');
  const trend = mannKendall(z);
  const trendAlpha = options.trendAlpha ?? 0.05;
  const signs = Array.from(bins, (b) => Math.sign(b));
  const hot = patternFor(signs, 1, trend, trendAlpha);
  const cold = patternFor(signs, -1, trend, trendAlpha);
  let cls: EmergingClass = 'no-pattern';
  if (hot?.majority) cls = `${hot.pattern}-hot-spot`;
  else if (cold?.majority) cls = `${cold.pattern}-cold-spot`;
  else if (hot) cls = `${hot.pattern}-hot-spot`;
  else if (cold) cls = `${cold.pattern}-cold-spot`;
  return { class: cls, trend };
}

/**
 * Emerging hot spot class of every cell: `binsByStep[t][i]` and `zByStep[t][i]` are cell i's Gi_Bin and
 * Gi* z-score in time step t (oldest first), as `hotSpotBins` and `giStar` return them per step.
 */
export function emergingHotSpots(
  binsByStep: readonly ArrayLike<number>[],
  zByStep: readonly ArrayLike<number>[],
  options: EmergingOptions = {},
): EmergingResult[] {
  if (binsByStep.length !== zByStep.length) {
    throw new RangeError(`emergingHotSpots: ${binsByStep.length} bin steps but ${zByStep.length} z steps`);
  }
  const cells = binsByStep[0]?.length ?? 0;
  for (const step of [...binsByStep, ...zByStep]) {
    if (step.length !== cells) throw new RangeError('emergingHotSpots: time steps differ in number of cells');
  }
  const results: EmergingResult[] = [];
  for (let i = 0; i < cells; i++) {
    const bins = binsByStep.map((step) => step[i] ?? 0);
    const z = zByStep.map((step) => step[i] ?? 0);
    results.push(classifyEmerging(bins, z, options));
  }
  return results;
}

function patternFor(
  signs: readonly number[],
  sign: 1 | -1,
  trend: MannKendallResult,
  trendAlpha: number,
): { pattern: Pattern; majority: boolean } | null {
  const n = signs.length;
  const count = signs.filter((s) => s === sign).length;
  const final = signs[n - 1] === sign;
  // "90 percent of the time-step intervals", in whole numbers to avoid rounding at exactly 90 %.
  if (count * 10 >= n * 9) {
    if (!final) return { pattern: 'historical', majority: true };
    const significant = trend.p <= trendAlpha && trend.trend !== 0;
    if (significant && trend.trend === sign) return { pattern: 'intensifying', majority: true };
    if (significant) return { pattern: 'diminishing', majority: true };
    return { pattern: 'persistent', majority: true };
  }
  if (!final) return null;
  let runStart = n - 1;
  while (runStart > 0 && signs[runStart - 1] === sign) runStart--;
  const runLength = n - runStart;
  if (count === runLength) return { pattern: runLength === 1 ? 'new' : 'consecutive', majority: false };
  if (signs.some((s) => s === -sign)) return { pattern: 'oscillating', majority: false };
  return { pattern: 'sporadic', majority: false };
}
