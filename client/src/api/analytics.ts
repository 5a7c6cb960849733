/**
 * The hotspot analytics endpoints through the typed client: hot spots, emerging hot spots, risk terrain and
 * forecast checks, each answer checked against the shared zod schema the server validates with. This module
 * pulls in zod, so the dashboard loads it only when an analysis is first needed.
 */
import { emergingSchema, forecastChecksSchema, hotspotsSchema, riskTerrainSchema } from '@titik-rawan/shared';
import { api, callParsed } from './client.ts';
import type {
  CategoryFilter,
  CellResolution,
  EmergingCollection,
  EmergingStep,
  ForecastChecks,
  HotspotCollection,
  RiskTerrainCollection,
} from './types.ts';

/** Parameters of `GET /api/hotspots` and `GET /api/forecast-checks`: H3 resolution, period and category. */
export interface PeriodAnalysisQuery {
  resolution: CellResolution;
  /** `YYYY`, `YYYY-Qn` or `YYYY-MM` (months only for tiers that may see them). */
  period: string;
  category: CategoryFilter;
}

/** Parameters of `GET /api/hotspots/emerging`: H3 resolution, time step and category. */
export interface EmergingQuery {
  resolution: CellResolution;
  /** `month` only for tiers whose finest period is a month. */
  step: EmergingStep;
  category: CategoryFilter;
}

/** An H3 resolution as the API's `resolution` parameter. */
function resolutionParameter(resolution: CellResolution): '7' | '8' {
  return resolution === 8 ? '8' : '7';
}

/** The query parameters of a period analysis as the API takes them. */
function periodQuery({ resolution, period, category }: PeriodAnalysisQuery) {
  return { resolution: resolutionParameter(resolution), period, category };
}

/** `GET /api/hotspots`: every H3 cell with its Gi* bin (FDR-corrected, −3…3, `null` when withheld). */
export async function fetchHotspots(
  query: PeriodAnalysisQuery,
  signal?: AbortSignal,
): Promise<HotspotCollection> {
  const hotspots = await callParsed(
    () => api.hotspots.$get({ query: periodQuery(query) }, { init: { signal } }),
    hotspotsSchema,
  );
  // The server builds every cell outline as a GeoJSON Polygon; refine the loose schema type.
  return hotspots as unknown as HotspotCollection;
}

/** `GET /api/hotspots/emerging`: every H3 cell with its emerging hot spot class over the whole data span. */
export async function fetchEmergingHotspots(
  query: EmergingQuery,
  signal?: AbortSignal,
): Promise<EmergingCollection> {
  const { resolution, step, category } = query;
  const emerging = await callParsed(
    () =>
      api.hotspots.emerging.$get(
        { query: { resolution: resolutionParameter(resolution), step, category } },
        { init: { signal } },
      ),
    emergingSchema,
  );
  return emerging as unknown as EmergingCollection;
}

/** `GET /api/risk-terrain`: every H3 cell's relative risk from nearby venues, with the model (years and quarters only). */
export async function fetchRiskTerrain(
  query: PeriodAnalysisQuery,
  signal?: AbortSignal,
): Promise<RiskTerrainCollection> {
  const terrain = await callParsed(
    () => api['risk-terrain'].$get({ query: periodQuery(query) }, { init: { signal } }),
    riskTerrainSchema,
  );
  return terrain as unknown as RiskTerrainCollection;
}

/**
 * `GET /api/forecast-checks`: how well the previous period's hot spots and risk terrain forecast this period (years
 * and quarters only; 404 `no_data_for_period` for the first period of the data).
 */
export function fetchForecastChecks(
  query: PeriodAnalysisQuery,
  signal?: AbortSignal,
): Promise<ForecastChecks> {
  return callParsed(
    () => api['forecast-checks'].$get({ query: periodQuery(query) }, { init: { signal } }),
    forecastChecksSchema,
  );
}
