import {
  apiErrorSchema,
  releaseAreasQuerySchema,
  releaseCellsQuerySchema,
  releasedAreasSchema,
  releasedCellsSchema,
  releaseGeographyQuerySchema,
  releaseGeographySchema,
  releaseMetadataSchema,
  releaseSeriesQuerySchema,
  releaseSeriesSchema,
  AREA_LEVELS,
  type ReleaseMetadata,
} from '@titik-rawan/shared';
import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import type { AppEnv } from '../http/env';
import { ApiError } from '../http/errors';
import { validate } from '../http/validate';
import { areasOfLevel, findPlace, GeographyOutlines } from '../releases/features';
import { BASE_RESOLUTION } from '../releases/geography';
import { periodsInSpan } from '../releases/periods';
import { checkPeriodKind, checkResolution, periodKindsOf, resolutionsOf } from '../releases/policy';
import { releaseAreas, releaseCells, releaseMetadata, releaseSeries } from '../releases/release';
import type { ReleaseStore } from '../releases/release-store';
import { conditional, ERRORS, isRefusal, json, refuse, releaseAccess } from './release-access';

const NOTES = [
  'Counts from 1 to threshold − 1 are never published: they are null with suppressed: true, and further values are suppressed so that no suppressed count can be recovered from any combination of published ones.',
  'Area counts follow the release geography: an area counts the incidents in its H3 resolution-9 base cells (see /api/releases/geography) plus incidents known only to the kelurahan.',
  'Periods are calendar months, quarters and years only.',
];

/** The privacy-preserving releases: released counts per cell and area, release metadata and geography. */
export function releaseRoutes(store: ReleaseStore) {
  const outlines = new GeographyOutlines(store.geography);
  const { tierRelease, openRelease, openCells, answer } = releaseAccess(store);
  const noRelease = (period: string) =>
    new ApiError(404, 'no_data_for_period', `query parameter "period": no release for ${period}`);

  return new Hono<AppEnv>()
    .get(
      '/cells',
      describeRoute({
        tags: ['releases'],
        summary: 'Released incident counts per H3 cell (resolution 7 or 8, as the tier allows)',
        responses: {
          200: { description: 'FeatureCollection of H3 cells', content: json(releasedCellsSchema) },
          ...ERRORS,
        },
      }),
      validate('query', releaseCellsQuerySchema),
      async (c) => {
        const query = c.req.valid('query');
        const { current, release, period, resolution } = await openCells(c, query);
        if (conditional(c, current.version)) return c.body(null, 304);
        const cells = releaseCells(release, store.geography, resolution, period.key, query.category);
        if (!cells) throw noRelease(period.key);
        return answer(c, current.version, () =>
          c.json(
            {
              type: 'FeatureCollection' as const,
              release: releaseMetadata(release, period.key, query.category, current.synthetic),
              features: cells.map(({ cell, count, suppressed }) => ({
                type: 'Feature' as const,
                id: cell,
                geometry: outlines.cell(resolution, cell),
                properties: { cell, resolution, count, suppressed },
              })),
            },
            200,
          ),
        );
      },
    )
    .get(
      '/areas',
      describeRoute({
        tags: ['releases'],
        summary: 'Released incident counts per kota, kecamatan or kelurahan',
        responses: {
          200: { description: 'FeatureCollection of areas', content: json(releasedAreasSchema) },
          ...ERRORS,
        },
      }),
      validate('query', releaseAreasQuerySchema),
      async (c) => {
        const query = c.req.valid('query');
        const { current, release, period } = await openRelease(c, query.period);
        if (conditional(c, current.version)) return c.body(null, 304);
        const areas = releaseAreas(release, store.geography, query.level, period.key, query.category);
        if (!areas) throw noRelease(period.key);
        const byCode = new Map(areasOfLevel(store.geography, query.level).map((a) => [a.code, a]));
        return answer(c, current.version, () =>
          c.json(
            {
              type: 'FeatureCollection' as const,
              release: releaseMetadata(release, period.key, query.category, current.synthetic),
              features: areas.map(({ code, name, count, suppressed }) => {
                const area = byCode.get(code);
                if (!area) throw new Error(`release names unknown area ${code}`);
                return {
                  type: 'Feature' as const,
                  id: code,
                  geometry: outlines.area(area),
                  properties: { code, name, level: query.level, count, suppressed },
                };
              }),
            },
            200,
          ),
        );
      },
    )
    .get(
      '/series',
      describeRoute({
        tags: ['releases'],
        summary:
          'One cell’s or area’s released counts, period by period (years, quarters or months as the tier allows)',
        responses: {
          200: {
            description: 'The released series, oldest period first',
            content: json(releaseSeriesSchema),
          },
          ...ERRORS,
          404: { description: 'No published cell or area has that name', content: json(apiErrorSchema) },
        },
      }),
      validate('query', releaseSeriesQuerySchema),
      async (c) => {
        const query = c.req.valid('query');
        const { current, release } = await tierRelease(c.get('tier'));
        const place = findPlace(store.geography, outlines, query.place);
        if (!place) {
          throw new ApiError(
            404,
            'unknown_place',
            `query parameter "place": no published cell or area ${query.place}`,
          );
        }
        const tooFine = checkPeriodKind(release.policy, query.step, 'step');
        if (tooFine) refuse(tooFine);
        if (place.geo.kind === 'cell') {
          const resolution = checkResolution(release.policy, String(place.geo.resolution));
          if (isRefusal(resolution)) refuse({ ...resolution, parameter: 'place' });
        }
        if (conditional(c, current.version)) return c.body(null, 304);
        const periods = current.set.span ? periodsInSpan(query.step, current.set.span).map((p) => p.key) : [];
        const series = releaseSeries(release, place.geo, periods, query.category);
        if (!series) throw new Error(`release lacks the series of ${query.place}`);
        const info = {
          tier: release.tier,
          category: query.category,
          threshold: release.policy.threshold,
          synthetic: current.synthetic,
          step: query.step,
        };
        return answer(c, current.version, () => c.json({ release: info, place: query.place, series }, 200));
      },
    )
    .get(
      '/metadata',
      describeRoute({
        tags: ['releases'],
        summary: 'The release policy, data span, and what the caller’s tier may ask for',
        responses: { 200: { description: 'Release metadata', content: json(releaseMetadataSchema) } },
      }),
      async (c) => {
        const tier = c.get('tier');
        const { current, release } = await tierRelease(tier);
        const span = current.set.span;
        const periods = span
          ? periodKindsOf(release.policy)
              .toReversed()
              .flatMap((kind) => periodsInSpan(kind, span).map((p) => p.key))
          : [];
        const body: ReleaseMetadata = {
          tier,
          synthetic: current.synthetic,
          policy: current.set.policy,
          span,
          categories: ['all', ...release.categories],
          resolutions: resolutionsOf(release.policy),
          levels: [...AREA_LEVELS],
          periods,
          version: current.version,
          updating: current.updating,
          notes: NOTES,
        };
        return c.json(body, 200);
      },
    )
    .get(
      '/geography',
      describeRoute({
        tags: ['releases'],
        summary: 'Each area’s H3 resolution-9 base cells and the outline they make (geography, not data)',
        responses: {
          200: { description: 'FeatureCollection of areas', content: json(releaseGeographySchema) },
        },
      }),
      validate('query', releaseGeographyQuerySchema),
      (c) => {
        const { level } = c.req.valid('query');
        c.header('Cache-Control', 'public, max-age=3600');
        return c.json(
          {
            type: 'FeatureCollection' as const,
            baseResolution: BASE_RESOLUTION,
            features: areasOfLevel(store.geography, level).map((area) => ({
              type: 'Feature' as const,
              id: area.code,
              geometry: outlines.area(area),
              properties: {
                code: area.code,
                name: area.name,
                level: area.level,
                parentCode: area.parentCode,
                baseCells: [...area.baseCells],
              },
            })),
          },
          200,
        );
      },
    );
}
