// Hot spot analytics as published to each tier: Gi* bins (CONTRACT.md `/api/hotspots`), emerging hot spot
// classes, the venue risk terrain with its model, and forecast checks. Everything is computed once per data
// version in the release worker; a result the disclosure check withheld for the tier comes with its bins,
// classes or figures set to null and the reason.
import {
  emergingQuerySchema,
  emergingSchema,
  forecastChecksSchema,
  forecastQuerySchema,
  hotspotsQuerySchema,
  hotspotsSchema,
  riskTerrainQuerySchema,
  riskTerrainSchema,
  type ForecastFigure as PublishedForecast,
  type Tier,
} from '@titik-rawan/shared';
import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import {
  emergingKey,
  forecastKey,
  hotspotKey,
  riskKey,
  type ForecastFigure,
} from '../analytics/analytics-set';
import type { Publication } from '../analytics/publication';
import type { AppEnv } from '../http/env';
import { ApiError } from '../http/errors';
import { validate } from '../http/validate';
import { GeographyOutlines } from '../releases/features';
import type { CellResolution } from '../releases/geography';
import { periodsInSpan } from '../releases/periods';
import { checkPeriodKind, checkResolution } from '../releases/policy';
import { releaseCells, releaseMetadata } from '../releases/release';
import type { Analysed } from '../releases/build-in-worker';
import type { CurrentRelease, ReleaseStore } from '../releases/release-store';
import { conditional, ERRORS, isRefusal, json, refuse, releaseAccess } from './release-access';

/** The withheld flag and reason of a result for a tier. */
export function withheldFor(publication: Publication, tier: Tier, key: string) {
  const reason = publication.withheld[tier].get(key) ?? null;
  return {
    withheld: reason !== null,
    withheldCode: reason?.code ?? null,
    withheldReason: reason?.message ?? null,
  };
}

/** The analyses of a release, or 503 while they are still being decided (or could not be). */
export function analysedOf(current: CurrentRelease): Analysed {
  const { analysed, failed } = current.analysis;
  if (analysed) return analysed;
  throw new ApiError(
    503,
    'analysis_pending',
    failed
      ? 'The analyses of the current data could not be made safe to publish; nothing is published until they are.'
      : 'The analyses of the current data are still being checked against the disclosure rules (a few minutes after the data change). Try again shortly.',
  );
}

/** The 404 of an analysis that was not computed for the current data. */
export const notComputed = (what: string) =>
  new ApiError(404, 'no_data_for_period', `${what}: not computed for the current data`);

const FORECAST_NOTES = [
  'Hit rate: share of this period’s incidents (located or not) that fell in the cells the previous period’s map flagged; PAI (predictive accuracy index) = hit rate ÷ share of the city’s cells flagged. PAI above 1 means the map did better than chance.',
  'Hot spots flag the cells with a significant hot bin (90 % or more); the risk terrain flags its highest-risk 10 % of cells.',
  'Monthly counts are too few to judge a forecast: checks are for quarters and years.',
];

/** The analytics endpoints. */
export function analyticsRoutes(store: ReleaseStore) {
  const outlines = new GeographyOutlines(store.geography);
  const { tierRelease, openCells, answer } = releaseAccess(store);
  /** Every cell of a resolution as a GeoJSON feature with the analysis's properties of the i-th cell. */
  const cellFeatures = <P extends object>(resolution: CellResolution, properties: (i: number) => P) =>
    store.geography.cells[resolution].map((cell, i) => ({
      type: 'Feature' as const,
      id: cell,
      geometry: outlines.cell(resolution, cell),
      properties: { cell, resolution, ...properties(i) },
    }));

  return new Hono<AppEnv>()
    .get(
      '/hotspots',
      describeRoute({
        tags: ['analytics'],
        summary: 'Getis-Ord Gi* hot spots per H3 cell with FDR-corrected confidence bins',
        description:
          'Gi* with the cell in its own neighbourhood and binary weights over the H3 ring (server setting HOTSPOT_RING_DISTANCE), over every cell of the city including zero cells, computed on the true counts. Bins −3…3 = 99/95/90 % cold or hot after Benjamini–Hochberg correction, 0 = not significant; null when the map is withheld because, with everything else the tier sees, it would let a suppressed count be worked out.',
        responses: {
          200: { description: 'FeatureCollection of H3 cells', content: json(hotspotsSchema) },
          ...ERRORS,
        },
      }),
      validate('query', hotspotsQuerySchema),
      async (c) => {
        const query = c.req.valid('query');
        const tier = c.get('tier');
        const { current, release, period, resolution } = await openCells(c, query);
        if (conditional(c, current.version)) return c.body(null, 304);
        const { analytics, publication } = analysedOf(current);
        const map = analytics.hotspots.get(hotspotKey(resolution, period.key, query.category));
        const cells = releaseCells(release, store.geography, resolution, period.key, query.category);
        if (!map || !cells) throw notComputed(`hot spots for ${period.key}`);
        const held = withheldFor(publication, tier, map.key);
        return answer(c, current.version, () =>
          c.json(
            {
              type: 'FeatureCollection' as const,
              release: releaseMetadata(release, period.key, query.category, current.synthetic),
              analysis: {
                method: 'getis-ord-gi*' as const,
                ringDistance: analytics.options.ringDistance,
                fdr: true as const,
                cells: cells.length,
                cellsWithData: map.cellsWithData,
                edgeCells: map.edge.reduce((sum: number, e: number) => sum + e, 0),
                warnings: map.warnings,
                ...held,
              },
              features: cellFeatures(resolution, (i) => ({
                bin: held.withheld ? null : (map.bins[i] ?? 0),
                neighbours: map.neighbours[i] ?? 0,
                edge: map.edge[i] === 1,
                count: cells[i]?.count ?? null,
                suppressed: cells[i]?.suppressed ?? true,
              })),
            },
            200,
          ),
        );
      },
    )
    .get(
      '/hotspots/emerging',
      describeRoute({
        tags: ['analytics'],
        summary: 'Emerging hot spot class per H3 cell (Gi* per step + Mann-Kendall trend)',
        description:
          'Gi* per month or quarter over the most recent complete steps (up to 36 months or 12 quarters), the Mann-Kendall test on each cell’s z-series, and the classes of ArcGIS Emerging Hot Spot Analysis. Only the class and the trend’s direction are published; null when withheld.',
        responses: {
          200: { description: 'FeatureCollection of H3 cells', content: json(emergingSchema) },
          ...ERRORS,
        },
      }),
      validate('query', emergingQuerySchema),
      async (c) => {
        const query = c.req.valid('query');
        const tier = c.get('tier');
        const { current, release } = await tierRelease(tier);
        const tooFine = checkPeriodKind(release.policy, query.step, 'step');
        if (tooFine) refuse(tooFine);
        const resolution = checkResolution(release.policy, query.resolution);
        if (isRefusal(resolution)) refuse(resolution);
        const { analytics, publication } = analysedOf(current);
        const map = analytics.emerging.get(emergingKey(resolution, query.step, query.category));
        if (!map) throw notComputed(`emerging hot spots by ${query.step}`);
        if (conditional(c, current.version)) return c.body(null, 304);
        const held = withheldFor(publication, tier, map.key);
        const classCounts: Record<string, number> = {};
        if (!held.withheld) for (const cls of map.classes) classCounts[cls] = (classCounts[cls] ?? 0) + 1;
        const span = `${map.steps[0]}/${map.steps.at(-1)}`;
        return answer(c, current.version, () =>
          c.json(
            {
              type: 'FeatureCollection' as const,
              release: releaseMetadata(release, span, query.category, current.synthetic),
              analysis: {
                method: 'emerging-hot-spots' as const,
                step: query.step,
                steps: map.steps,
                ringDistance: analytics.options.ringDistance,
                trendAlpha: analytics.options.trendAlpha,
                classCounts,
                warnings: map.warnings,
                ...held,
              },
              features: cellFeatures(resolution, (i) => ({
                class: held.withheld ? null : (map.classes[i] ?? null),
                trend: held.withheld ? null : (map.trends[i] ?? null),
              })),
            },
            200,
          ),
        );
      },
    )
    .get(
      '/risk-terrain',
      describeRoute({
        tags: ['analytics'],
        summary: 'Venue risk terrain per H3 cell with the model behind it',
        description:
          'Risk Terrain Modeling: for each venue kind, proximity and density at 250, 500 and 1,000 m; a Poisson model of the period’s cell counts on them with the variable selection documented in the README; relative risk values exp(β). Each cell’s risk is the product of the RRVs of the factors present in it (1 = none). Falls back to documented expert weights when there are too few incidents to fit. Covers cells without reported incidents.',
        responses: {
          200: { description: 'FeatureCollection of H3 cells', content: json(riskTerrainSchema) },
          ...ERRORS,
        },
      }),
      validate('query', riskTerrainQuerySchema),
      async (c) => {
        const query = c.req.valid('query');
        const { current, release, period, resolution } = await openCells(c, query);
        if (conditional(c, current.version)) return c.body(null, 304);
        const { analytics } = analysedOf(current);
        const map = analytics.risk.get(riskKey(resolution, period.key, query.category));
        if (!map) throw notComputed(`risk terrain for ${period.key}`);
        return answer(c, current.version, () =>
          c.json(
            {
              type: 'FeatureCollection' as const,
              release: releaseMetadata(release, period.key, query.category, current.synthetic),
              model: map.model,
              warnings: map.model.reason ? [{ code: 'expert_weights', message: map.model.reason }] : [],
              features: cellFeatures(resolution, (i) => ({
                risk: map.scores[i] ?? 1,
                riskClass: map.classes[i] ?? 1,
                factors: map.factors[i] ?? [],
              })),
            },
            200,
          ),
        );
      },
    )
    .get(
      '/forecast-checks',
      describeRoute({
        tags: ['analytics'],
        summary: 'How well the previous period’s hot spots and risk terrain forecast this period’s incidents',
        responses: {
          200: { description: 'Hit rate and PAI of both maps', content: json(forecastChecksSchema) },
          ...ERRORS,
        },
      }),
      validate('query', forecastQuerySchema),
      async (c) => {
        const query = c.req.valid('query');
        const tier = c.get('tier');
        const { current, release, period, resolution } = await openCells(c, query);
        if (period.kind === 'month') {
          throw new ApiError(
            400,
            'invalid_parameter',
            'query parameter "period": forecast checks are for quarters (YYYY-Qn) and years (YYYY)',
          );
        }
        if (query.category !== 'all') {
          throw new ApiError(
            400,
            'invalid_parameter',
            'query parameter "category": forecast checks are made for all categories together (category=all)',
          );
        }
        const { analytics, publication } = analysedOf(current);
        const periods = current.set.span ? periodsInSpan(period.kind, current.set.span) : [];
        const previous = periods[periods.findIndex((p) => p.key === period.key) - 1];
        const hotspots = analytics.forecasts.get(
          forecastKey('hotspots', resolution, period.key, query.category),
        );
        const risk = analytics.forecasts.get(forecastKey('risk', resolution, period.key, query.category));
        if (!previous || !hotspots || !risk) {
          throw new ApiError(
            404,
            'no_data_for_period',
            `query parameter "period": ${period.key} has no previous period in the data to forecast from`,
          );
        }
        if (conditional(c, current.version)) return c.body(null, 304);
        const figure = (f: ForecastFigure): PublishedForecast => {
          const held = withheldFor(publication, tier, f.key);
          return {
            cells: f.cells,
            areaShare: f.areaShare,
            hitRate: held.withheld ? null : f.hitRate,
            pai: held.withheld ? null : f.pai,
            ...held,
          };
        };
        return answer(c, current.version, () =>
          c.json(
            {
              release: releaseMetadata(release, period.key, query.category, current.synthetic),
              resolution,
              previousPeriod: previous.key,
              hotspots: figure(hotspots),
              riskTerrain: figure(risk),
              notes: FORECAST_NOTES,
            },
            200,
          ),
        );
      },
    );
}
