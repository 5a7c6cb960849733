// Hot spot analysis of one map: Gi* z-scores with the cell in its own neighbourhood, FDR-corrected bins,
// neighbour counts and the guard rails good tools show (too few cells with data or incidents, cells at the
// city's edge). Also what the published bins tell anyone about the z-scores, which the disclosure check
// turns into bounds on counts.
import { CONFIDENCE_LEVELS, hotSpotBins, zOfTwoSidedP } from './fdr';
import { giStar } from './gi-star';
import type { CellNeighbourhoods } from './h3-neighbours';
import type { AnalysisWarning } from '@titik-rawan/shared';

/** Below this many cells with data, Gi* results are unreliable (ArcGIS's rule of thumb: 30 features). */
export const MIN_CELLS_WITH_DATA = 30;
/** Below this many incidents a map is flagged as resting on too few. */
export const MIN_INCIDENTS = 30;

/** Gi* of one map of counts. */
export interface HotspotResult {
  z: Float64Array;
  bins: Int8Array;
  /** Cells in each neighbourhood, the cell itself included. */
  neighbours: Int32Array;
  /** 1 where the neighbourhood is cut by the city's edge. */
  edge: Uint8Array;
  mean: number;
  /** Population standard deviation of the counts. */
  sd: number;
  cellsWithData: number;
  incidents: number;
  warnings: AnalysisWarning[];
}

/** Gi* z-scores, FDR bins, neighbour counts and guard-rail warnings of counts over a set of cells. */
export function hotspotAnalysis(counts: Float64Array, hood: CellNeighbourhoods): HotspotResult {
  const n = counts.length;
  const z = giStar(counts, hood.neighbours);
  const bins = hotSpotBins(z);
  const neighbours = Int32Array.from(hood.neighbours, (list) => list.length);
  const edge = new Uint8Array(n);
  for (const i of hood.edgeCells) edge[i] = 1;
  let incidents = 0;
  let cellsWithData = 0;
  for (const x of counts) {
    incidents += x;
    if (x > 0) cellsWithData++;
  }
  const mean = n > 0 ? incidents / n : 0;
  let squares = 0;
  for (const x of counts) squares += (x - mean) * (x - mean);
  const sd = n > 0 ? Math.sqrt(squares / n) : 0;
  const warnings: AnalysisWarning[] = [];
  if (cellsWithData < MIN_CELLS_WITH_DATA) {
    warnings.push({
      code: 'few_cells_with_data',
      message: `Only ${cellsWithData} cells have incidents in this period; Gi* needs at least ${MIN_CELLS_WITH_DATA} for reliable results. Choose a longer period, all categories or a coarser resolution.`,
    });
  }
  if (incidents < MIN_INCIDENTS) {
    warnings.push({
      code: 'few_incidents',
      message: `Only ${incidents} located incidents in this period: too few for hot spots to mean much.`,
    });
  }
  if (sd === 0) {
    warnings.push({
      code: 'no_variation',
      message: 'Every cell has the same count: there is nothing to test.',
    });
  }
  const isolated = neighbours.filter((w) => w <= 1).length;
  if (isolated > 0) {
    warnings.push({
      code: 'cells_without_neighbours',
      message: `${isolated} cells have no neighbouring cell inside the city; their z-score rests on the cell alone.`,
    });
  }
  if (hood.edgeCells.length > 0) {
    warnings.push({
      code: 'edge_cells',
      message: `${hood.edgeCells.length} cells lie at the city's edge with fewer than ${hood.fullDiskSize} cells in their neighbourhood (properties.edge); their results rest on less data.`,
    });
  }
  return { z, bins, neighbours, edge, mean, sd, cellsWithData, incidents, warnings };
}

/** A range of a z-score, each end closed or open; ±Infinity when unbounded. */
export interface ZRange {
  low: number;
  /** Whether `low` itself is excluded (z > low rather than z ≥ low). */
  lowOpen: boolean;
  high: number;
  /** Whether `high` itself is excluded (z < high rather than z ≤ high). */
  highOpen: boolean;
}

/** A z range that says nothing. */
export const UNBOUNDED: ZRange = { low: -Infinity, lowOpen: false, high: Infinity, highOpen: false };

/** The part of a z range within low…high (each end open or closed). */
export function intersect(
  range: ZRange,
  low: number,
  lowOpen: boolean,
  high: number,
  highOpen: boolean,
): ZRange {
  const next = { ...range };
  if (low > next.low || (low === next.low && lowOpen)) {
    next.low = low;
    next.lowOpen = lowOpen;
  }
  if (high < next.high || (high === next.high && highOpen)) {
    next.high = high;
    next.highOpen = highOpen;
  }
  return next;
}

/**
 * What a published map of FDR bins says about each cell's z-score. With K cells significant at level α out of n,
 * the Benjamini–Hochberg step-up rule implies p ≤ K·α/n for each of them and p > (K + 1)·α/n for every other
 * (its rank is above K and every p-value ranked above the cut-off exceeds its own rank's line), so the bins
 * bound |z| from below for significant cells and from above for the rest.
 */
export function zRangesOfBins(bins: ArrayLike<number>): ZRange[] {
  const n = bins.length;
  const ranges: ZRange[] = Array.from({ length: n }, () => ({ ...UNBOUNDED }));
  for (const { bin, alpha } of CONFIDENCE_LEVELS) {
    let significant = 0;
    for (let i = 0; i < n; i++) if (Math.abs(bins[i] ?? 0) >= bin) significant++;
    const inside = significant > 0 ? zOfTwoSidedP(Math.min(1, (significant * alpha) / n)) : Infinity;
    const pOutside = ((significant + 1) * alpha) / n;
    const outside = pOutside < 1 ? zOfTwoSidedP(pOutside) : 0;
    for (let i = 0; i < n; i++) {
      const b = bins[i] ?? 0;
      const range = ranges[i] as ZRange;
      if (Math.abs(b) >= bin) {
        ranges[i] =
          b > 0
            ? intersect(range, inside, false, Infinity, false)
            : intersect(range, -Infinity, false, -inside, false);
      } else if (pOutside < 1) {
        ranges[i] = intersect(range, -outside, true, outside, true);
      }
    }
  }
  return ranges;
}

/**
 * Bounds on a cell's neighbourhood sum L = Σ_j∈N(i) x_j implied by a z range, given the map's mean and standard
 * deviation: z = (L − x̄·W) / (S·√((n·W − W²)/(n − 1))). Whole-number bounds (counts are whole), rounded in
 * the attacker's favour within 1e-6; null when the range says nothing (S = 0 makes every z zero whatever the
 * counts, so the bins then carry no information).
 */
export function localSumBounds(
  range: ZRange,
  weight: number,
  n: number,
  mean: number,
  sd: number,
): { lower: number; upper: number } | null {
  const spread = (n * weight - weight * weight) / (n - 1);
  if (!(sd > 0) || !(spread > 0)) return null;
  const scale = sd * Math.sqrt(spread);
  const centre = mean * weight;
  const epsilon = 1e-6;
  let lower = -Infinity;
  if (Number.isFinite(range.low)) {
    const bound = centre + range.low * scale;
    lower = range.lowOpen ? Math.floor(bound + epsilon) + 1 : Math.ceil(bound - epsilon);
  }
  let upper = Infinity;
  if (Number.isFinite(range.high)) {
    const bound = centre + range.high * scale;
    upper = range.highOpen ? Math.ceil(bound - epsilon) - 1 : Math.floor(bound + epsilon);
  }
  if (lower === -Infinity && upper === Infinity) return null;
  return { lower: Math.max(0, lower), upper };
}
