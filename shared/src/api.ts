import { z } from 'zod';
import { AREA_LEVELS, INCIDENT_CATEGORIES, TIERS, areaLevelSchema, roleSchema } from './domain';

/** Body of every API error: a stable machine code and a message in plain words. */
export const apiErrorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});
/** An API error body. */
export type ApiError = z.infer<typeof apiErrorSchema>;

/** `GET /api/health` response. */
export const healthSchema = z.object({
  status: z.literal('ok'),
  database: z.enum(['embedded', 'external']),
  postgis: z.string(),
  demoData: z.boolean(),
});
/** Health report. */
export type Health = z.infer<typeof healthSchema>;

/** `POST /api/auth/login` body. */
export const loginBodySchema = z.object({
  username: z.string().min(1).max(100),
  password: z.string().min(1).max(200),
});

/** The signed-in account as `GET /api/auth/me` and a successful login return it. */
export const meSchema = z.object({ username: z.string(), role: roleSchema });
/** A signed-in account. */
export type Me = z.infer<typeof meSchema>;

/** `GET /api/geography/areas` query. */
export const areasQuerySchema = z.object({ level: areaLevelSchema });

/** Properties of one administrative area feature. */
export const areaPropertiesSchema = z.object({
  code: z.string(),
  name: z.string(),
  level: areaLevelSchema,
  parentCode: z.string().nullable(),
  areaKm2: z.number(),
  population: z.number().int().nullable(),
});
/** Properties of an administrative area feature. */
export type AreaProperties = z.infer<typeof areaPropertiesSchema>;

/** A GeoJSON geometry as the API returns it (validated loosely: PostGIS produced it). */
export const geometrySchema = z.object({ type: z.string(), coordinates: z.array(z.unknown()) });

/** A GeoJSON FeatureCollection whose features have a string id, a geometry and the given properties. */
function featureCollection<Properties extends z.ZodType>(properties: Properties) {
  return z.object({
    type: z.literal('FeatureCollection'),
    features: z.array(
      z.object({ type: z.literal('Feature'), id: z.string(), geometry: geometrySchema, properties }),
    ),
  });
}

/** A GeoJSON FeatureCollection of administrative areas. */
export const areaCollectionSchema = featureCollection(areaPropertiesSchema);
/** A FeatureCollection of administrative areas. */
export type AreaCollection = z.infer<typeof areaCollectionSchema>;

/** `GET /api/config` response: settings the client needs at start. */
export const clientConfigSchema = z.object({ basemapStyleUrl: z.string().url().nullable() });
/** Client configuration. */
export type ClientConfig = z.infer<typeof clientConfigSchema>;

/** Pattern of a release period: a calendar year `YYYY`, quarter `YYYY-Qn` or month `YYYY-MM`. */
export const PERIOD_PATTERN = /^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$/;

const periodParameter = z
  .string()
  .regex(PERIOD_PATTERN, 'must be YYYY (year), YYYY-Qn (quarter, n = 1–4) or YYYY-MM (month)');
const categoryParameter = z.enum(['all', ...INCIDENT_CATEGORIES], {
  error: `must be all or one of ${INCIDENT_CATEGORIES.join(', ')}`,
});

/** `GET /api/releases/cells` query. */
export const releaseCellsQuerySchema = z.object({
  resolution: z.enum(['7', '8'], { error: 'must be 7 or 8 (H3 resolution)' }),
  period: periodParameter,
  category: categoryParameter,
});

/** `GET /api/releases/areas` query. */
export const releaseAreasQuerySchema = z.object({
  level: z.enum(AREA_LEVELS, { error: `must be one of ${AREA_LEVELS.join(', ')}` }),
  period: periodParameter,
  category: categoryParameter,
});

/** `GET /api/releases/geography` query. */
export const releaseGeographyQuerySchema = z.object({
  level: z.enum(AREA_LEVELS, { error: `must be one of ${AREA_LEVELS.join(', ')}` }),
});

/** The `release` metadata every released collection carries (CONTRACT.md). */
export const releaseInfoSchema = z.object({
  tier: z.enum(TIERS),
  period: z.string(),
  category: z.string(),
  threshold: z.number().int(),
  synthetic: z.boolean(),
});
/** Release metadata of a response. */
export type ReleaseInfo = z.infer<typeof releaseInfoSchema>;

/** A released count: an integer, or null when suppressed. */
const releasedCount = { count: z.number().int().nullable(), suppressed: z.boolean() };

/** `GET /api/releases/cells` response: H3 cells with released counts. */
export const releasedCellsSchema = featureCollection(
  z.object({ cell: z.string(), resolution: z.number().int(), ...releasedCount }),
).extend({ release: releaseInfoSchema });
/** Released cells. */
export type ReleasedCells = z.infer<typeof releasedCellsSchema>;

/** `GET /api/releases/areas` response: areas (outlines follow the release geography) with released counts. */
export const releasedAreasSchema = featureCollection(
  z.object({ code: z.string(), name: z.string(), level: areaLevelSchema, ...releasedCount }),
).extend({ release: releaseInfoSchema });
/** Released areas. */
export type ReleasedAreas = z.infer<typeof releasedAreasSchema>;

/** What one tier may see under the release policy. */
export const tierPolicySchema = z.object({
  threshold: z.number().int(),
  finestResolution: z.number().int(),
  finestPeriod: z.enum(['month', 'quarter', 'year']),
});

/** `GET /api/releases/metadata` response: the policy, the data span and what the caller's tier may ask for. */
export const releaseMetadataSchema = z.object({
  tier: z.enum(TIERS),
  synthetic: z.boolean(),
  policy: z.record(z.enum(TIERS), tierPolicySchema),
  span: z.object({ first: z.string(), last: z.string() }).nullable(),
  categories: z.array(z.string()),
  resolutions: z.array(z.number().int()),
  levels: z.array(areaLevelSchema),
  periods: z.array(z.string()),
  version: z.string(),
  notes: z.array(z.string()),
});
/** Release metadata for a tier. */
export type ReleaseMetadata = z.infer<typeof releaseMetadataSchema>;

/** `GET /api/releases/geography` response: each area's base cells and the outline they make. */
export const releaseGeographySchema = featureCollection(
  z.object({
    code: z.string(),
    name: z.string(),
    level: areaLevelSchema,
    parentCode: z.string().nullable(),
    baseCells: z.array(z.string()),
  }),
).extend({ baseResolution: z.number().int() });
