// Every analysis of one data version, computed once on the true counts inside the server (in the release
// worker): hot spot maps for each resolution × period × category, emerging hot spot classes over months and
// quarters, the risk terrain of each year and quarter, and forecast checks. What each published result tells
// anyone about the counts is kept beside it as facts (bounds on sums of cell counts), for the disclosure check
// in `publication.ts` to decide what each tier may see.
import { INCIDENT_CATEGORIES, type EmergingClass, type H3Index } from '@titik-rawan/shared';
import type { AnalysisWarning, RiskModel, WithheldCode } from '@titik-rawan/shared';
import { CELL_RESOLUTIONS, type CellResolution, type ReleaseGeography } from '../releases/geography';
import {
  monthsOfPeriod,
  periodsInSpan,
  type DataSpan,
  type Period,
  type PeriodKind,
} from '../releases/periods';
import { ALL_CATEGORIES, type CountRow } from '../releases/table';
import { buildCellCube, cellCounts, periodTotal } from './cell-cube';
import { emergingHotSpots } from './emerging';
import { stepKnowledgeOfClass } from './emerging-knowledge';
import { zOfTwoSidedP } from './fdr';
import { cellNeighbourhoods, type CellNeighbourhoods } from './h3-neighbours';
import {
  hotspotAnalysis,
  intersect,
  localSumBounds,
  MIN_CELLS_WITH_DATA,
  UNBOUNDED,
  zRangesOfBins,
  type ZRange,
} from './hotspots';
import { presentFactors, riskTerrain, type RiskVenue } from './risk-terrain';

export type { RiskVenue };

/** Settings of the analyses. */
export interface AnalyticsOptions {
  /** H3 ring distance of the Gi* neighbourhood (1 = the cell and its six neighbours). */
  ringDistance: number;
  /** Significance level of the Mann-Kendall trend in emerging hot spots. */
  trendAlpha: number;
  /** Most recent complete time steps the emerging analysis looks at, per step kind. */
  emergingSteps: { month: number; quarter: number };
  /** Share of cells the risk terrain's forecast flags (its highest-risk cells). */
  riskForecastShare: number;
  /** Fewest cells with incidents for a hot spot map to be published (the guard rail). */
  minCellsWithData: number;
  /** Category codes (besides `all`); default every incident category. */
  categories: readonly string[];
}

/** Default settings; `HOTSPOT_RING_DISTANCE` overrides the ring distance (see server config). */
export const DEFAULT_ANALYTICS_OPTIONS: AnalyticsOptions = {
  ringDistance: 1,
  trendAlpha: 0.05,
  emergingSteps: { month: 36, quarter: 12 },
  riskForecastShare: 0.1,
  minCellsWithData: MIN_CELLS_WITH_DATA,
  categories: INCIDENT_CATEGORIES,
};

/** Why a result is not published: a stable code and a sentence. */
export interface WithheldReason {
  code: WithheldCode;
  message: string;
}

/** What every hot spot map's computation leaves for the analyses built on it. */
interface MapStatistics {
  counts: Float64Array;
  z: Float64Array;
  mean: number;
  sd: number;
}

/** A bound on the sum of some cells' counts in one period and category, implied by a published result. */
export interface CountFact {
  resolution: CellResolution;
  period: Period;
  category: string;
  /** Indices into the resolution's cells. */
  cells: readonly number[];
  lower: number;
  upper: number;
}

/** What a tier must be allowed to see for a result to be offered to it. */
export interface Requirement {
  resolution: CellResolution;
  periodKind: PeriodKind;
}

/** One published result of an analysis, with the facts it gives away. */
export interface AnalysisResult {
  key: string;
  requires: Requirement;
  /** Key of a result whose publication this one presupposes (a forecast needs its map), if any. */
  dependsOn: string | null;
  /** Withholding order when several could be withheld: the highest goes first. */
  withholdPriority: number;
  facts: CountFact[];
  /** Counts the result publishes outright (forecast hits), each checked against the threshold rule. */
  publishedCounts: number[];
  /** Why the result is too unreliable to publish to anyone (then it has no facts), or null. */
  unreliable: WithheldReason | null;
}

/** Gi* bins of every cell of one resolution, period and category. */
export interface HotspotMap extends AnalysisResult {
  kind: 'hotspots';
  resolution: CellResolution;
  period: string;
  category: string;
  bins: Int8Array;
  neighbours: Int32Array;
  edge: Uint8Array;
  cellsWithData: number;
  warnings: AnalysisWarning[];
}

/** Emerging hot spot class of every cell over the last steps of a kind. */
export interface EmergingMap extends AnalysisResult {
  kind: 'emerging';
  resolution: CellResolution;
  step: 'month' | 'quarter';
  category: string;
  steps: string[];
  classes: EmergingClass[];
  trends: ('increasing' | 'decreasing' | 'none')[];
  warnings: AnalysisWarning[];
}

/** A forecast check: how the previous period's map did on this period's incidents. */
export interface ForecastFigure extends AnalysisResult {
  kind: 'forecast';
  cells: number;
  areaShare: number;
  hitRate: number | null;
  pai: number | null;
}

/** The risk terrain of one resolution, period (year or quarter) and category. */
export interface RiskMap {
  key: string;
  resolution: CellResolution;
  period: string;
  category: string;
  model: RiskModel;
  scores: Float64Array;
  /** Quintile 1–5 of each cell's score. */
  classes: Int8Array;
  factors: string[][];
}

/** Every analysis of one data version. */
export interface AnalyticsSet {
  options: AnalyticsOptions;
  hotspots: ReadonlyMap<string, HotspotMap>;
  emerging: ReadonlyMap<string, EmergingMap>;
  forecasts: ReadonlyMap<string, ForecastFigure>;
  risk: ReadonlyMap<string, RiskMap>;
  /** Wall-clock milliseconds per analysis. */
  milliseconds: { hotspots: number; emerging: number; risk: number; forecasts: number };
}

/** Key of a hot spot map. */
export const hotspotKey = (resolution: number, period: string, category: string): string =>
  `hotspots|r${resolution}|${period}|${category}`;
/** Key of an emerging map. */
export const emergingKey = (resolution: number, step: string, category: string): string =>
  `emerging|r${resolution}|${step}|${category}`;
/** Key of a forecast figure of hot spots or risk terrain. */
export const forecastKey = (of: 'hotspots' | 'risk', resolution: number, period: string, category: string) =>
  `forecast-${of}|r${resolution}|${period}|${category}`;
/** Key of a risk map. */
export const riskKey = (resolution: number, period: string, category: string): string =>
  `risk|r${resolution}|${period}|${category}`;

const PERIOD_WEIGHT: Record<PeriodKind, number> = { month: 30, quarter: 20, year: 10 };

function priorityOf(resolution: CellResolution, period: PeriodKind, category: string): number {
  return PERIOD_WEIGHT[period] + (category === ALL_CATEGORIES ? 0 : 5) + (resolution === 8 ? 1 : 0);
}

/** The facts a z range of one cell gives about its neighbourhood's sum (none when it says nothing). */
function neighbourhoodFact(
  range: ZRange,
  i: number,
  counts: Float64Array,
  hood: CellNeighbourhoods,
  stats: { mean: number; sd: number },
): { cells: readonly number[]; lower: number; upper: number } | null {
  const cells = hood.neighbours[i] ?? [];
  const bounds = localSumBounds(range, cells.length, counts.length, stats.mean, stats.sd);
  if (!bounds) return null;
  let truth = 0;
  for (const j of cells) truth += counts[j] ?? 0;
  // Rounding in the attacker's favour may cross the true sum by floating-point error: a fact must hold.
  return { cells, lower: Math.min(bounds.lower, truth), upper: Math.max(bounds.upper, truth) };
}

/** Computes every analysis of the data. */
export function buildAnalytics(
  geography: ReleaseGeography,
  rows: readonly CountRow[],
  venues: readonly RiskVenue[],
  span: DataSpan | null,
  options: AnalyticsOptions = DEFAULT_ANALYTICS_OPTIONS,
): AnalyticsSet {
  const hotspots = new Map<string, HotspotMap>();
  const emerging = new Map<string, EmergingMap>();
  const forecasts = new Map<string, ForecastFigure>();
  const risk = new Map<string, RiskMap>();
  const milliseconds = { hotspots: 0, emerging: 0, risk: 0, forecasts: 0 };
  if (!span) return { options, hotspots, emerging, forecasts, risk, milliseconds };
  const categories = [ALL_CATEGORIES, ...options.categories];
  // The counts and Gi* of every map, by map key: read again by emerging hot spots, risk terrain and forecasts.
  const computed = new Map<string, MapStatistics>();
  const countsOf = (resolution: CellResolution, period: string, category: string): Float64Array =>
    (computed.get(hotspotKey(resolution, period, category)) as MapStatistics).counts;
  for (const resolution of CELL_RESOLUTIONS) {
    const cube = buildCellCube(geography, rows, resolution, span);
    const hood = cellNeighbourhoods(cube.cells, options.ringDistance);
    let started = performance.now();
    for (const kind of ['month', 'quarter', 'year'] as const) {
      for (const period of periodsInSpan(kind, span)) {
        for (const category of categories) {
          const counts = cellCounts(cube, period, category);
          const result = hotspotAnalysis(counts, hood);
          const key = hotspotKey(resolution, period.key, category);
          const facts: CountFact[] = [];
          zRangesOfBins(result.bins).forEach((range, i) => {
            const fact = neighbourhoodFact(range, i, counts, hood, result);
            if (fact) facts.push({ resolution, period, category, ...fact });
          });
          const unreliable =
            result.cellsWithData < options.minCellsWithData
              ? {
                  code: 'too_few_cells' as const,
                  message: `Only ${result.cellsWithData} cells have incidents in this period and category; hot spots need at least ${options.minCellsWithData} to mean anything. Choose a longer period, all categories or resolution 8.`,
                }
              : null;
          computed.set(key, { z: result.z, mean: result.mean, sd: result.sd, counts });
          hotspots.set(key, {
            kind: 'hotspots',
            key,
            requires: { resolution, periodKind: kind },
            dependsOn: null,
            withholdPriority: priorityOf(resolution, kind, category),
            facts: unreliable ? [] : facts,
            publishedCounts: [],
            unreliable,
            resolution,
            period: period.key,
            category,
            bins: result.bins,
            neighbours: result.neighbours,
            edge: result.edge,
            cellsWithData: result.cellsWithData,
            warnings: result.warnings,
          });
        }
      }
    }
    milliseconds.hotspots += performance.now() - started;

    started = performance.now();
    for (const step of ['month', 'quarter'] as const) {
      const complete = periodsInSpan(step, span).filter(
        (p) => monthsOfPeriod(p, span).length === (step === 'month' ? 1 : 3),
      );
      const steps = complete.slice(-options.emergingSteps[step]);
      if (steps.length < 4) continue;
      for (const category of categories) {
        const maps = steps.map((p) => hotspots.get(hotspotKey(resolution, p.key, category)) as HotspotMap);
        const stats = steps.map(
          (p) => computed.get(hotspotKey(resolution, p.key, category)) as MapStatistics,
        );
        const results = emergingHotSpots(
          maps.map((m) => m.bins),
          stats.map((m) => m.z),
          { trendAlpha: options.trendAlpha },
        );
        const classes = results.map((r) => r.class);
        const key = emergingKey(resolution, step, category);
        const reliableSteps = maps.filter((m) => m.unreliable === null).length;
        const unreliable =
          reliableSteps * 2 < maps.length
            ? {
                code: 'too_few_steps' as const,
                message: `Only ${reliableSteps} of ${maps.length} time steps have at least ${options.minCellsWithData} cells with incidents; trends over such sparse steps mean little. Choose quarters, all categories or resolution 8.`,
              }
            : null;
        const facts = emergingFacts(classes, steps, stats, resolution, category, hood);
        emerging.set(key, {
          kind: 'emerging',
          key,
          requires: { resolution, periodKind: step },
          dependsOn: null,
          withholdPriority: priorityOf(resolution, step, category) - 10,
          facts: unreliable ? [] : facts,
          publishedCounts: [],
          unreliable,
          resolution,
          step,
          category,
          steps: steps.map((p) => p.key),
          classes,
          trends: results.map((r) =>
            r.trend.p <= options.trendAlpha && r.trend.trend !== 0
              ? r.trend.trend > 0
                ? 'increasing'
                : 'decreasing'
              : 'none',
          ),
          warnings: emergingWarnings(maps),
        });
      }
    }
    milliseconds.emerging += performance.now() - started;

    started = performance.now();
    for (const kind of ['quarter', 'year'] as const) {
      for (const period of periodsInSpan(kind, span)) {
        for (const category of categories) {
          const counts = countsOf(resolution, period.key, category);
          const terrain = riskTerrain({ cells: cube.cells as H3Index[], counts, venues });
          risk.set(riskKey(resolution, period.key, category), {
            key: riskKey(resolution, period.key, category),
            resolution,
            period: period.key,
            category,
            model: terrain.model,
            scores: terrain.scores,
            classes: quintiles(terrain.scores),
            factors: presentFactors(terrain.model, cube.cells as H3Index[], venues).map((list) =>
              list.map((f) => `${f.kind}:${f.measure}:${f.distanceM}`),
            ),
          });
        }
      }
    }
    milliseconds.risk += performance.now() - started;

    started = performance.now();
    for (const kind of ['quarter', 'year'] as const) {
      const periods = periodsInSpan(kind, span);
      periods.forEach((period, index) => {
        const previous = periods[index - 1];
        if (!previous) return;
        // Category by category, hit rates would publish many small exact sums and say little: all only.
        const category = ALL_CATEGORIES;
        const counts = countsOf(resolution, period.key, category);
        const total = periodTotal(cube, period, category);
        const map = hotspots.get(hotspotKey(resolution, previous.key, category)) as HotspotMap;
        const hot = [...map.bins.keys()].filter((i) => (map.bins[i] ?? 0) > 0);
        const riskMap = risk.get(riskKey(resolution, previous.key, category)) as RiskMap;
        const flagged = topCells(
          riskMap.scores,
          Math.max(1, Math.round(riskMap.scores.length * options.riskForecastShare)),
        );
        const maps = [
          { of: 'hotspots' as const, cells: hot, dependsOn: map.key },
          { of: 'risk' as const, cells: flagged, dependsOn: null },
        ];
        for (const { of, cells, dependsOn } of maps) {
          const key = forecastKey(of, resolution, period.key, category);
          forecasts.set(
            key,
            forecastFigure(key, cells, counts, total, {
              resolution,
              period,
              category,
              dependsOn,
              priority: 100 + priorityOf(resolution, kind, category),
            }),
          );
        }
      });
    }
    milliseconds.forecasts += performance.now() - started;
  }
  return { options, hotspots, emerging, forecasts, risk, milliseconds };
}

/** Facts of an emerging map: per cell and step, the z bound its class implies, as a neighbourhood-sum bound. */
function emergingFacts(
  classes: readonly EmergingClass[],
  steps: readonly Period[],
  stats: readonly MapStatistics[],
  resolution: CellResolution,
  category: string,
  hood: CellNeighbourhoods,
): CountFact[] {
  const facts: CountFact[] = [];
  const n = classes.length;
  // Significant at 90 % after FDR implies p ≤ 0.10; not significant implies p > 0.10/n (BH with no rejection).
  const significant = zOfTwoSidedP(0.1);
  const notSignificant = zOfTwoSidedP(0.1 / n);
  classes.forEach((cls, i) => {
    stepKnowledgeOfClass(cls, steps.length).forEach((known, t) => {
      let range = UNBOUNDED;
      if (known.hot === true) range = intersect(range, significant, false, Infinity, false);
      if (known.hot === false) range = intersect(range, -Infinity, false, notSignificant, true);
      if (known.cold === true) range = intersect(range, -Infinity, false, -significant, false);
      if (known.cold === false) range = intersect(range, -notSignificant, true, Infinity, false);
      if (range === UNBOUNDED) return;
      const step = stats[t] as MapStatistics;
      const fact = neighbourhoodFact(range, i, step.counts, hood, step);
      if (fact) facts.push({ resolution, period: steps[t] as Period, category, ...fact });
    });
  });
  return facts;
}

function emergingWarnings(maps: readonly HotspotMap[]): AnalysisWarning[] {
  const sparse = maps.filter((m) => m.warnings.some((w) => w.code === 'few_cells_with_data')).length;
  if (sparse === 0) return [];
  return [
    {
      code: 'sparse_steps',
      message: `${sparse} of ${maps.length} time steps have fewer than 30 cells with incidents; trends rest on sparse data. Quarters or all categories give firmer results.`,
    },
  ];
}

function forecastFigure(
  key: string,
  flagged: readonly number[],
  counts: Float64Array,
  total: number,
  context: {
    resolution: CellResolution;
    period: Period;
    category: string;
    dependsOn: string | null;
    priority: number;
  },
): ForecastFigure {
  let hits = 0;
  for (const i of flagged) hits += counts[i] ?? 0;
  const areaShare = counts.length > 0 ? flagged.length / counts.length : 0;
  const hitRate = total > 0 && flagged.length > 0 ? hits / total : null;
  return {
    kind: 'forecast',
    key,
    requires: { resolution: context.resolution, periodKind: context.period.kind },
    dependsOn: context.dependsOn,
    withholdPriority: context.priority,
    facts:
      flagged.length > 0
        ? [
            {
              resolution: context.resolution,
              period: context.period,
              category: context.category,
              cells: flagged,
              lower: hits,
              upper: hits,
            },
          ]
        : [],
    publishedCounts: flagged.length > 0 ? [hits] : [],
    unreliable: null,
    cells: flagged.length,
    areaShare,
    hitRate,
    pai: hitRate !== null && areaShare > 0 ? hitRate / areaShare : null,
  };
}

/** Indices of the `count` highest scores (ties by index). */
function topCells(scores: Float64Array, count: number): number[] {
  return [...scores.keys()]
    .sort((a, b) => (scores[b] ?? 0) - (scores[a] ?? 0) || a - b)
    .slice(0, count)
    .sort((a, b) => a - b);
}

/** Quintile 1–5 of each score among all (ties share the lower class). */
function quintiles(scores: Float64Array): Int8Array {
  const sorted = [...scores].sort((a, b) => a - b);
  return Int8Array.from(scores, (s) => {
    const below = sorted.findIndex((x) => x >= s);
    return Math.min(5, 1 + Math.floor((5 * below) / Math.max(1, sorted.length)));
  });
}
