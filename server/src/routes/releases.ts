import {
  apiErrorSchema,
  releaseAreasQuerySchema,
  releaseCellsQuerySchema,
  releasedAreasSchema,
  releasedCellsSchema,
  releaseGeographyQuerySchema,
  releaseGeographySchema,
  releaseMetadataSchema,
  AREA_LEVELS,
  type ReleaseMetadata,
  type Tier,
} from '@titik-rawan/shared';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { recordAudit } from '../audit/audit-log';
import type { Sql } from '../db/database';
import { clientAddress } from '../http/client-address';
import type { AppEnv } from '../http/env';
import { ApiError } from '../http/errors';
import { validate } from '../http/validate';
import { areasOfLevel, GeographyOutlines } from '../releases/features';
import { BASE_RESOLUTION } from '../releases/geography';
import { periodsInSpan } from '../releases/periods';
import {
  checkPeriod,
  checkResolution,
  periodKindsOf,
  resolutionsOf,
  type AccessRefusal,
} from '../releases/policy';
import { releaseAreas, releaseCells, releaseMetadata } from '../releases/release';
import type { ReleaseStore } from '../releases/release-store';

const json = (schema: Parameters<typeof resolver>[0]) => ({
  'application/json': { schema: resolver(schema) },
});
const ERRORS = {
  400: {
    description: 'A parameter is malformed; the message names it and what is allowed',
    content: json(apiErrorSchema),
  },
  403: {
    description: 'The caller’s access tier may not see this resolution or period',
    content: json(apiErrorSchema),
  },
  404: { description: 'The period lies outside the data', content: json(apiErrorSchema) },
} as const;

const REFUSAL_CODES: Record<AccessRefusal['status'], string> = {
  400: 'invalid_parameter',
  403: 'not_for_this_tier',
  404: 'no_data_for_period',
};

function refuse(refusal: AccessRefusal): never {
  throw new ApiError(
    refusal.status,
    REFUSAL_CODES[refusal.status],
    `query parameter "${refusal.parameter}": ${refusal.message}`,
  );
}

function isRefusal<T>(value: T | AccessRefusal): value is AccessRefusal {
  return typeof value === 'object' && value !== null && 'status' in value && 'parameter' in value;
}

/**
 * Answers 304 when the client already holds this exact response (same data version, tier and query);
 * otherwise sets the ETag. Responses of signed-in tiers are private to the browser.
 */
function conditional(c: Context<AppEnv>, version: string): boolean {
  const tier = c.get('tier');
  const tag = `W/"r${version}-${tier}-${Buffer.from(c.req.url.split('?')[1] ?? '').toString('base64url')}"`;
  c.header('ETag', tag);
  c.header('Cache-Control', `${tier === 'public' ? 'public' : 'private'}, no-cache`);
  c.header('Vary', 'Cookie');
  return c.req.header('If-None-Match') === tag;
}

/** Writes the audit entry for tier-restricted data: who asked for which release, never the data. */
async function auditRestrictedRead(sql: Sql, c: Context<AppEnv>, what: string): Promise<void> {
  const account = c.get('account');
  if (!account) return;
  await recordAudit(sql, {
    actor: account.username,
    action: 'release.read',
    target: what,
    address: clientAddress(c),
  });
}

const NOTES = [
  'Counts from 1 to threshold − 1 are never published: they are null with suppressed: true, and further values are suppressed so that no suppressed count can be recovered from any combination of published ones.',
  'Area counts follow the release geography: an area counts the incidents in its H3 resolution-9 base cells (see /api/releases/geography) plus incidents known only to the kelurahan.',
  'Periods are calendar months, quarters and years only.',
];

/** The privacy-preserving releases: released counts per cell and area, release metadata and geography. */
export function releaseRoutes(sql: Sql, store: ReleaseStore) {
  const outlines = new GeographyOutlines(store.geography);
  const tierRelease = async (tier: Tier) => {
    const current = await store.release().catch((error: unknown) => {
      console.error(error);
      throw new ApiError(
        503,
        'release_unavailable',
        'The figures for the current data are not ready or could not be made safe to publish; nothing is published until they are. Try again shortly.',
      );
    });
    return { current, release: current.set.tiers[tier] };
  };
  /**
   * The caller's release and the checked period (or a 400/403/404), after the audit entry describing the
   * request.
   */
  const openRelease = async (
    c: Context<AppEnv>,
    periodText: string,
    describe: (period: string) => string,
  ) => {
    const { current, release } = await tierRelease(c.get('tier'));
    const period = checkPeriod(release.policy, periodText, current.set.span);
    if (isRefusal(period)) refuse(period);
    await auditRestrictedRead(sql, c, describe(period.key));
    return { current, release, period };
  };
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
        const { current, release, period } = await openRelease(
          c,
          query.period,
          (key) => `cells r${query.resolution} ${key} ${query.category}`,
        );
        const resolution = checkResolution(release.policy, query.resolution);
        if (isRefusal(resolution)) refuse(resolution);
        if (conditional(c, current.version)) return c.body(null, 304);
        const cells = releaseCells(release, store.geography, resolution, period.key, query.category);
        if (!cells) throw noRelease(period.key);
        return c.json(
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
        const { current, release, period } = await openRelease(
          c,
          query.period,
          (key) => `areas ${query.level} ${key} ${query.category}`,
        );
        if (conditional(c, current.version)) return c.body(null, 304);
        const areas = releaseAreas(release, store.geography, query.level, period.key, query.category);
        if (!areas) throw noRelease(period.key);
        const byCode = new Map(areasOfLevel(store.geography, query.level).map((a) => [a.code, a]));
        return c.json(
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
        );
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
