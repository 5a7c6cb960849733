/**
 * Which analyses the dashboard needs and may ask for: hot spots, emerging hot spots, risk terrain and forecast
 * checks, each for the tier's own limits (from `GET /api/releases/metadata`) and only while a layer, the
 * selected cell or the model panel shows it.
 */
import type {
  CategoryFilter,
  CellResolution,
  EmergingCollection,
  EmergingStep,
  ForecastChecks,
  HotspotCollection,
  ReleaseMetadata,
  RiskTerrainCollection,
  Tier,
} from '../api/types.ts';
import { fitEmergingStep, geographyResolution, type Geography } from './filtersSlice.ts';
import type { ShownAnalysis } from './analysesSlice.ts';
import { coarserPeriods, parsePeriod } from './periods.ts';
import { selectedCellResolution } from './selectionSlice.ts';
import type { AppState } from './types.ts';

/** Analyses the dashboard fetches, each from its own endpoint. */
export const ANALYSIS_KINDS = ['hotspots', 'emerging', 'risk', 'forecast'] as const;

/** One analysis: `hotspots` (Gi*), `emerging` (emerging hot spots), `risk` (risk terrain), `forecast` (checks). */
export type AnalysisKind = (typeof ANALYSIS_KINDS)[number];

/** A request for an analysis of one period (hot spots, risk terrain, forecast checks). */
export interface PeriodAnalysisRequest {
  readonly tier: Tier;
  readonly resolution: CellResolution;
  readonly period: string;
  readonly category: CategoryFilter;
}

/** A request for emerging hot spots over the whole data span, in steps of months or quarters. */
export interface EmergingRequest {
  readonly tier: Tier;
  readonly resolution: CellResolution;
  readonly step: EmergingStep;
  readonly category: CategoryFilter;
}

/** The request of each analysis. */
export interface AnalysisRequests {
  hotspots: PeriodAnalysisRequest;
  emerging: EmergingRequest;
  risk: PeriodAnalysisRequest;
  forecast: PeriodAnalysisRequest;
}

/** The answer of each analysis. */
export interface AnalysisData {
  hotspots: HotspotCollection;
  emerging: EmergingCollection;
  risk: RiskTerrainCollection;
  forecast: ForecastChecks;
}

/** The request each analysis needs now, `null` when nothing shows it or the tier's limits are not known yet. */
export type NeededAnalyses = { readonly [K in AnalysisKind]: AnalysisRequests[K] | null };

/**
 * The H3 resolution the analyses run on: that of the chosen cell geography when the tier may see it, else the
 * finest resolution the tier may see (analyses are always on cells, also when counts are shown by area).
 */
export function analysisResolution(geography: Geography, metadata: ReleaseMetadata): CellResolution | null {
  const allowed = metadata.resolutions.filter((r): r is CellResolution => r === 7 || r === 8);
  const chosen = geographyResolution(geography);
  if (chosen !== null && allowed.includes(chosen)) return chosen;
  return allowed.length > 0 ? (Math.max(...allowed) as CellResolution) : null;
}

/**
 * The period of the risk terrain and forecast checks: a year or quarter as chosen, else a month's quarter
 * (monthly counts are too thin to fit a model on or to check a forecast with).
 */
export function modelPeriod(period: string): string {
  return parsePeriod(period)?.kind === 'month' ? (coarserPeriods(period)[0] ?? period) : period;
}

/** A stable text key of an analysis request, for comparing requests and for tests (`kind|tier|…`). */
export function analysisRequestKey<K extends AnalysisKind>(kind: K, request: AnalysisRequests[K]): string {
  const middle = 'step' in request ? request.step : request.period;
  return [kind, request.tier, request.resolution, middle, request.category].join('|');
}

const NOTHING_NEEDED: NeededAnalyses = { hotspots: null, emerging: null, risk: null, forecast: null };

/**
 * What a planning tool works on: the dashboard's analysis resolution, its period made a year or quarter, and its
 * category; `null` until the release metadata and a period are known.
 */
export function planScope(
  state: AppState,
): { resolution: CellResolution; period: string; category: CategoryFilter } | null {
  if (state.releaseMetadata.status !== 'ready' || !state.filters.period) return null;
  const resolution = analysisResolution(state.filters.geography, state.releaseMetadata.metadata);
  if (resolution === null) return null;
  return {
    resolution,
    period: modelPeriod(state.filters.period),
    category: state.filters.category,
  };
}

/**
 * The analyses the state needs: each layer's own while it is on, all three map analyses while a cell of the
 * analysis resolution is selected, and the risk terrain and forecast checks while the model panel is open.
 */
export function neededAnalyses(state: AppState): NeededAnalyses {
  if (state.releaseMetadata.status !== 'ready') return NOTHING_NEEDED;
  const { metadata } = state.releaseMetadata;
  const { period, category, geography } = state.filters;
  const resolution = analysisResolution(geography, metadata);
  if (!period || resolution === null) return NOTHING_NEEDED;
  const { tier } = metadata;
  const on = state.mapLayers;
  const selected = selectedCellResolution(state.selectedPlace) === resolution;
  const model = state.modelPanelOpen;
  return {
    hotspots: on.includes('hotspots') || selected ? { tier, resolution, period, category } : null,
    emerging:
      on.includes('emerging') || selected
        ? { tier, resolution, step: fitEmergingStep(state.emergingStep, metadata), category }
        : null,
    risk:
      on.includes('risk') || selected || model
        ? { tier, resolution, period: modelPeriod(period), category }
        : null,
    forecast: model ? { tier, resolution, period: modelPeriod(period), category } : null,
  };
}

/**
 * The answer of an analysis the dashboard may show now, with its request: only one made for the current tier at
 * the current analysis resolution (a newer request of the same tier may still be loading); `null` otherwise.
 */
export function currentAnalysis<K extends AnalysisKind>(state: AppState, kind: K): ShownAnalysis<K> | null {
  const shown = state.analyses[kind].shown as ShownAnalysis<K> | null;
  if (!shown || state.releaseMetadata.status !== 'ready') return null;
  const { metadata } = state.releaseMetadata;
  const resolution = analysisResolution(state.filters.geography, metadata);
  return shown.request.tier === metadata.tier && shown.request.resolution === resolution ? shown : null;
}
