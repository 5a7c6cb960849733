import { z } from './zod';
import {
  AREA_LEVELS,
  INCIDENT_CATEGORIES,
  INTERVENTION_KINDS,
  TIERS,
  VENUE_KINDS,
  areaLevelSchema,
  roleSchema,
} from './domain';
import { AREA_CODE_PATTERN, PUBLISHED_CELL_PATTERN } from './geo';
import { OUTREACH_COMPONENTS } from './outreach';
import { IMPORT_FORMATS, IMPORT_KINDS, TIME_BANDS } from './codes';

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
  /** Data version of the figures served. */
  version: z.string(),
  /** True while the data have changed and their new release is being decided: the figures are the last ones. */
  updating: z.boolean(),
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

/** Classes of ArcGIS Emerging Hot Spot Analysis, in its order, plus `no-pattern`. */
export const EMERGING_CLASSES = [
  'new-hot-spot',
  'consecutive-hot-spot',
  'intensifying-hot-spot',
  'persistent-hot-spot',
  'diminishing-hot-spot',
  'sporadic-hot-spot',
  'oscillating-hot-spot',
  'historical-hot-spot',
  'new-cold-spot',
  'consecutive-cold-spot',
  'intensifying-cold-spot',
  'persistent-cold-spot',
  'diminishing-cold-spot',
  'sporadic-cold-spot',
  'oscillating-cold-spot',
  'historical-cold-spot',
  'no-pattern',
] as const;
/** One emerging hot spot class. */
export type EmergingClass = (typeof EMERGING_CLASSES)[number];

/** Why an analysis result is not published. */
export const WITHHELD_CODES = [
  'too_few_cells',
  'too_few_steps',
  'disclosure',
  'threshold',
  'source',
] as const;
/** One reason code for a withheld result. */
export type WithheldCode = (typeof WITHHELD_CODES)[number];

/** `GET /api/hotspots` query (CONTRACT.md). */
export const hotspotsQuerySchema = releaseCellsQuerySchema;

/** `GET /api/hotspots/emerging` query: time steps of months or quarters, as the tier allows. */
export const emergingQuerySchema = z.object({
  resolution: z.enum(['7', '8'], { error: 'must be 7 or 8 (H3 resolution)' }),
  step: z.enum(['month', 'quarter'], { error: 'must be month or quarter' }),
  category: categoryParameter,
});

/** `GET /api/risk-terrain` query: a year or quarter (monthly counts are too few to fit a model on). */
export const riskTerrainQuerySchema = z.object({
  resolution: z.enum(['7', '8'], { error: 'must be 7 or 8 (H3 resolution)' }),
  period: periodParameter.refine((p) => !/^\d{4}-\d{2}$/.test(p), 'must be a year YYYY or quarter YYYY-Qn'),
  category: categoryParameter,
});

/** `GET /api/forecast-checks` query: the period whose incidents are forecast by the period before it. */
export const forecastQuerySchema = releaseCellsQuerySchema;

/** A warning of a guard rail: a stable code and a message in plain words. */
export const analysisWarningSchema = z.object({ code: z.string(), message: z.string() });
/** A guard-rail warning. */
export type AnalysisWarning = z.infer<typeof analysisWarningSchema>;

/**
 * Why an analysis is not published: publishing it together with everything else the tier sees would let a
 * suppressed count be recovered.
 */
export const withheldSchema = z.object({
  withheld: z.boolean(),
  /**
   * Why, as a stable code: `too_few_cells` / `too_few_steps` (too little data to mean anything), `disclosure`
   * (would let a suppressed count be worked out), `threshold` (would publish a count below k), `source` (the map
   * it is about is withheld).
   */
  withheldCode: z.enum(WITHHELD_CODES).nullable(),
  withheldReason: z.string().nullable(),
});

/** `GET /api/hotspots` response: every H3 cell of the city with its Gi* bin (null when withheld). */
export const hotspotsSchema = featureCollection(
  z.object({
    cell: z.string(),
    resolution: z.number().int(),
    bin: z.number().int().min(-3).max(3).nullable(),
    neighbours: z.number().int(),
    edge: z.boolean(),
    ...releasedCount,
  }),
).extend({
  release: releaseInfoSchema,
  analysis: z
    .object({
      method: z.literal('getis-ord-gi*'),
      ringDistance: z.number().int(),
      fdr: z.literal(true),
      cells: z.number().int(),
      cellsWithData: z.number().int(),
      edgeCells: z.number().int(),
      warnings: z.array(analysisWarningSchema),
    })
    .extend(withheldSchema.shape),
});
/** Hot spots of one period. */
export type Hotspots = z.infer<typeof hotspotsSchema>;

/** `GET /api/hotspots/emerging` response: every H3 cell with its emerging hot spot class. */
export const emergingSchema = featureCollection(
  z.object({
    cell: z.string(),
    resolution: z.number().int(),
    class: z.enum(EMERGING_CLASSES).nullable(),
    trend: z.enum(['increasing', 'decreasing', 'none']).nullable(),
  }),
).extend({
  release: releaseInfoSchema,
  analysis: z
    .object({
      method: z.literal('emerging-hot-spots'),
      step: z.enum(['month', 'quarter']),
      steps: z.array(z.string()),
      ringDistance: z.number().int(),
      trendAlpha: z.number(),
      classCounts: z.record(z.string(), z.number().int()),
      warnings: z.array(analysisWarningSchema),
    })
    .extend(withheldSchema.shape),
});
/** Emerging hot spot classes. */
export type Emerging = z.infer<typeof emergingSchema>;

/** One risk factor of the risk terrain model. */
export const riskFactorSchema = z.object({
  kind: z.enum(VENUE_KINDS),
  measure: z.enum(['proximity', 'density']),
  distanceM: z.number(),
  coefficient: z.number(),
  rrv: z.number(),
  standardError: z.number().nullable(),
  pValue: z.number().nullable(),
});
/** A risk factor with its relative risk value. */
export type RiskFactor = z.infer<typeof riskFactorSchema>;

/** The fitted (or fallback) risk terrain model. */
export const riskModelSchema = z.object({
  method: z.enum(['poisson', 'expert-weights']),
  reason: z.string().nullable(),
  factors: z.array(riskFactorSchema),
  intercept: z.number().nullable(),
  fit: z
    .object({
      cells: z.number().int(),
      cellsWithIncidents: z.number().int(),
      incidents: z.number().int(),
      deviance: z.number(),
      nullDeviance: z.number(),
      aic: z.number(),
      bic: z.number(),
      dispersion: z.number(),
    })
    .nullable(),
});
/** A risk terrain model. */
export type RiskModel = z.infer<typeof riskModelSchema>;

/** `GET /api/risk-terrain` response: every H3 cell with its relative risk and the factors present in it. */
export const riskTerrainSchema = featureCollection(
  z.object({
    cell: z.string(),
    resolution: z.number().int(),
    risk: z.number(),
    /** Quintile of risk among the city's cells, 1 (lowest) to 5 (highest). */
    riskClass: z.number().int().min(1).max(5),
    /** Risk factors present in the cell, each as `kind:measure:distanceM`, e.g. `hotel:proximity:500`. */
    factors: z.array(z.string().regex(/^[a-z_]+:(proximity|density):\d+$/)),
  }),
).extend({ release: releaseInfoSchema, model: riskModelSchema, warnings: z.array(analysisWarningSchema) });
/** The risk terrain of a period. */
export type RiskTerrain = z.infer<typeof riskTerrainSchema>;

/** How well one map of the previous period forecast this period's incidents. */
export const forecastFigureSchema = z
  .object({
    /** Cells flagged by the previous period's map. */
    cells: z.number().int(),
    /** Their share of the city's cells (area share: cells are equal-area within a few per cent). */
    areaShare: z.number(),
    /** Share of this period's located incidents that fell in those cells; null when withheld or none. */
    hitRate: z.number().nullable(),
    /** Predictive accuracy index: hit rate / area share; null when withheld or undefined. */
    pai: z.number().nullable(),
  })
  .extend(withheldSchema.shape);
/** A forecast figure. */
export type ForecastFigure = z.infer<typeof forecastFigureSchema>;

/** `GET /api/forecast-checks` response. */
export const forecastChecksSchema = z.object({
  release: releaseInfoSchema,
  resolution: z.number().int(),
  /** The period whose maps make the forecast (the one before `release.period`). */
  previousPeriod: z.string(),
  hotspots: forecastFigureSchema,
  riskTerrain: forecastFigureSchema,
  notes: z.array(z.string()),
});
/** Forecast checks of a period. */
export type ForecastChecks = z.infer<typeof forecastChecksSchema>;

/** Pattern of a place the panel details: an H3 cell of resolution 7 or 8, or an East Jakarta area code. */
export const PLACE_PATTERN = new RegExp(`${PUBLISHED_CELL_PATTERN.source}|${AREA_CODE_PATTERN.source}`);

const placeParameter = z
  .string()
  .regex(PLACE_PATTERN, 'must be an H3 cell of resolution 7 or 8, or an area code such as 31.75.01.1001');

/** `GET /api/releases/series` query: one place's released series, period by period of one length. */
export const releaseSeriesQuerySchema = z.object({
  place: placeParameter,
  step: z.enum(['year', 'quarter', 'month'], { error: 'must be year, quarter or month' }),
  category: categoryParameter,
});

/** `GET /api/releases/series` response: the released count of every period of the step, oldest first. */
export const releaseSeriesSchema = z.object({
  release: releaseInfoSchema.omit({ period: true }).extend({ step: z.enum(['year', 'quarter', 'month']) }),
  place: z.string(),
  series: z.array(z.object({ period: z.string(), ...releasedCount })),
});
/** A place's released series. */
export type ReleaseSeries = z.infer<typeof releaseSeriesSchema>;

/** Notice every venue response carries: venues are for planning, never places of incidents. */
export const VENUE_NOTICE =
  'Venues are shown for planning prevention (where a banner, camera or visit could help). They are not places where incidents happened.';

/** `GET /api/venues` query. */
export const venuesQuerySchema = z.object({
  kind: z
    .enum(['all', ...VENUE_KINDS], { error: `must be all or one of ${VENUE_KINDS.join(', ')}` })
    .default('all'),
});

/** A GeoJSON point. */
const pointSchema = z.object({ type: z.literal('Point'), coordinates: z.tuple([z.number(), z.number()]) });

/** A GeoJSON FeatureCollection of points with a string id and the given properties. */
function pointCollection<Properties extends z.ZodType>(properties: Properties) {
  return z.object({
    type: z.literal('FeatureCollection'),
    features: z.array(
      z.object({ type: z.literal('Feature'), id: z.string(), geometry: pointSchema, properties }),
    ),
  });
}

/** `GET /api/venues` response: venues as points, for planning. */
export const venuesSchema = pointCollection(
  z.object({
    kind: z.enum(VENUE_KINDS),
    name: z.string(),
    source: z.enum(['synthetic', 'osm', 'partner']),
  }),
).extend({ notice: z.string(), synthetic: z.boolean() });
/** Venues. */
export type Venues = z.infer<typeof venuesSchema>;

/** `GET /api/interventions` response: located prevention work; kinds the tier may not see are named, not sent. */
export const interventionsSchema = pointCollection(
  z.object({
    kind: z.enum(INTERVENTION_KINDS),
    startedOn: z.string(),
    /** The organisation's name. */
    organisation: z.string(),
    venueKind: z.enum(VENUE_KINDS).nullable(),
    /** The organisation's code (as `POST`/`PATCH /api/interventions` take it). */
    organisationCode: z.string(),
    /** The venue it took place at, or null for a point. */
    venueId: z.string().nullable(),
    /** Kemendagri code and name of the kelurahan it lies in. */
    kelurahan: z.string(),
    kelurahanName: z.string(),
    /** Whether the caller may change it (`PATCH`): its recorder or an admin. */
    editable: z.boolean(),
  }),
).extend({
  synthetic: z.boolean(),
  /** Kinds left out for the caller's tier (CCTV positions are for the task force and admins only). */
  withheldKinds: z.array(z.enum(INTERVENTION_KINDS)),
});
/** Interventions. */
export type Interventions = z.infer<typeof interventionsSchema>;

/** `GET /api/places/summary` query. */
export const placeSummaryQuerySchema = z.object({ place: placeParameter });

/** `GET /api/places/summary` response: venues and interventions inside one cell or area, by kind. */
export const placeSummarySchema = z.object({
  place: z.string(),
  notice: z.string(),
  venues: z.record(z.enum(VENUE_KINDS), z.number().int()),
  interventions: z.record(z.enum(INTERVENTION_KINDS), z.number().int()),
  withheldKinds: z.array(z.enum(INTERVENTION_KINDS)),
});
/** A place's venues and interventions by kind. */
export type PlaceSummary = z.infer<typeof placeSummarySchema>;

/** Notice every placement answer carries: the list suggests where prevention could go, nothing more. */
export const PLACEMENT_NOTICE =
  'Placement suggestions for banners or cameras, ranked by the risk they would cover. They say nothing about incidents at these venues.';

/** `GET /api/planning/placements` query. */
export const placementQuerySchema = z.object({
  resolution: z.enum(['7', '8'], { error: 'must be 7 or 8 (H3 resolution)' }),
  period: periodParameter,
  category: categoryParameter,
  sites: z.coerce
    .number({ error: 'must be a whole number from 1 to 200' })
    .int('must be a whole number from 1 to 200')
    .min(1, 'must be a whole number from 1 to 200')
    .max(200, 'must be a whole number from 1 to 200'),
  coverage: z.coerce
    .number({ error: 'must be a distance in metres from 50 to 2000' })
    .min(50, 'must be a distance in metres from 50 to 2000')
    .max(2000, 'must be a distance in metres from 50 to 2000')
    .default(300),
  kinds: z
    .string()
    .default('hotel,guest_house,kost')
    .transform((text) => text.split(','))
    .pipe(
      z
        .array(z.enum(VENUE_KINDS, { error: `each must be one of ${VENUE_KINDS.join(', ')}` }))
        .min(1, 'name at least one venue kind'),
    ),
  intervention: z.enum(['banner', 'cctv'], { error: 'must be banner or cctv' }).default('banner'),
});

/** `GET /api/planning/placements` response: the chosen venues in the order chosen, with what each adds. */
export const placementsSchema = z.object({
  release: releaseInfoSchema,
  notice: z.string(),
  resolution: z.number().int(),
  coverageM: z.number(),
  intervention: z.enum(['banner', 'cctv']),
  kinds: z.array(z.enum(VENUE_KINDS)),
  /** How each cell's demand is weighted, in words. */
  demand: z.string(),
  existingSites: z.number().int(),
  candidates: z.number().int(),
  /** Share of all demand within the coverage distance of the existing sites. */
  existingShare: z.number(),
  /** Share of all demand covered by the existing and the suggested sites together. */
  coveredShare: z.number(),
  sites: z.array(
    z.object({
      rank: z.number().int(),
      venue: z.object({
        id: z.string(),
        kind: z.enum(VENUE_KINDS),
        name: z.string(),
        coordinates: z.tuple([z.number(), z.number()]),
      }),
      /** Share of all demand this site adds (not covered before it). */
      addedShare: z.number(),
    }),
  ),
});
/** A placement plan. */
export type Placements = z.infer<typeof placementsSchema>;

// --- Intervention coverage (`GET /api/planning/coverage`) ---

/** Caveat every coverage answer carries above its before/after figures. */
export const COVERAGE_CAVEAT =
  'Awareness raising raises reporting: more reports after an intervention can be a success (people learn to recognise and report exploitation), not a failure. Before/after figures describe, they say nothing causal.';

/** `GET /api/planning/coverage` query. */
export const coverageQuerySchema = z.object({
  resolution: z.enum(['7', '8'], { error: 'must be 7 or 8 (H3 resolution)' }),
  period: periodParameter,
  category: categoryParameter,
  coverage: z.coerce
    .number({ error: 'must be a distance in metres from 50 to 2000' })
    .min(50, 'must be a distance in metres from 50 to 2000')
    .max(2000, 'must be a distance in metres from 50 to 2000')
    .default(300),
});

/** Why a quarter of the before/after table has or lacks a figure. */
export const QUARTER_STATUSES = ['published', 'suppressed', 'before_data', 'not_yet'] as const;

/** One quarter of a kelurahan's before/after figures: the tier's published count, or null with the reason. */
const coverageQuarterSchema = z.object({
  quarter: z.string(),
  status: z.enum(QUARTER_STATUSES),
  count: z.number().int().nullable(),
});

/** `GET /api/planning/coverage` response: hot or high-risk cells and whether an intervention covers them. */
export const coverageSchema = z.object({
  release: releaseInfoSchema,
  resolution: z.number().int(),
  coverageM: z.number(),
  /** Which cells are listed and when one counts as covered, in words. */
  rule: z.string(),
  /** Relative risk from which a cell counts as high risk: that of the period's highest-risk 10 % of cells. */
  highRiskFrom: z.number(),
  /** Whether the hot spot map of the period is withheld for the tier (then cells are listed by risk alone). */
  hotSpotsWithheld: z.boolean(),
  /** Intervention kinds the tier may not see: they neither count nor show. */
  withheldKinds: z.array(z.enum(INTERVENTION_KINDS)),
  /** Located interventions the check used. */
  interventions: z.number().int(),
  totals: z.object({
    cells: z.number().int(),
    covered: z.number().int(),
    /** covered ÷ cells, null without listed cells. */
    share: z.number().nullable(),
  }),
  /** Listed cells, hot spots first (99, 95, 90 %), then by relative risk; outlines for the map. */
  cells: z.array(
    z.object({
      type: z.literal('Feature'),
      id: z.string(),
      geometry: geometrySchema,
      properties: z.object({
        cell: z.string(),
        resolution: z.number().int(),
        /** Confidence of a published hot spot (90, 95 or 99 %), null when the cell is not one. */
        hotConfidence: z.union([z.literal(90), z.literal(95), z.literal(99)]).nullable(),
        /** Published relative risk of the risk terrain (1 = no risk factor present). */
        relativeRisk: z.number(),
        covered: z.boolean(),
        /** Metres from the cell's centre to the nearest intervention, to 10 m; null when there is none. */
        nearestM: z.number().nullable(),
        /** Kinds of the interventions covering the cell. */
        coveringKinds: z.array(z.enum(INTERVENTION_KINDS)),
      }),
    }),
  ),
  beforeAfter: z.object({
    caveat: z.string(),
    /** How the figures are chosen, in words. */
    method: z.string(),
    category: z.string(),
    kelurahan: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        /** Date (YYYY-MM-DD) of the kelurahan's first intervention the tier sees. */
        firstIntervention: z.string(),
        /** Its quarter, left out of both sides. */
        quarter: z.string(),
        interventions: z.number().int(),
        before: z.array(coverageQuarterSchema),
        after: z.array(coverageQuarterSchema),
        /** Sums of the four quarters, null unless every one is published. */
        beforeTotal: z.number().int().nullable(),
        afterTotal: z.number().int().nullable(),
      }),
    ),
  }),
});
/** A coverage check. */
export type Coverage = z.infer<typeof coverageSchema>;

const DATE_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Where an intervention took place: at a recorded venue, or at a point (WGS84 degrees) in East Jakarta. */
const interventionPlace = {
  venueId: z
    .string()
    .regex(/^\d{1,18}$/, 'must be the id of a venue from /api/venues')
    .optional(),
  location: z
    .object({
      lng: z.number().min(-180, 'must be a longitude in degrees').max(180, 'must be a longitude in degrees'),
      lat: z.number().min(-90, 'must be a latitude in degrees').max(90, 'must be a latitude in degrees'),
    })
    .optional(),
};

const interventionFields = {
  kind: z.enum(INTERVENTION_KINDS, { error: `must be one of ${INTERVENTION_KINDS.join(', ')}` }),
  startedOn: z.string().regex(DATE_PATTERN, 'must be a date YYYY-MM-DD'),
  organisation: z
    .string()
    .regex(/^[a-z0-9_-]{2,40}$/, 'must be an organisation code from /api/organisations'),
};

/** `POST /api/interventions` body: what was done, when, by which organisation, and where (a venue or a point). */
export const interventionBodySchema = z
  .object({ ...interventionFields, ...interventionPlace })
  .strict()
  .refine((body) => (body.venueId === undefined) !== (body.location === undefined), {
    message: 'give either venueId or location, not both',
    path: ['venueId'],
  });

/** `PATCH /api/interventions/{id}` body: the fields to change (a new place replaces the old one). */
export const interventionPatchSchema = z
  .object({ ...interventionFields, ...interventionPlace })
  .partial()
  .strict()
  .refine((body) => body.venueId === undefined || body.location === undefined, {
    message: 'give either venueId or location, not both',
    path: ['venueId'],
  });

/** `PATCH /api/interventions/{id}` path. */
export const interventionIdSchema = z.object({
  id: z.string().regex(/^\d{1,18}$/, 'must be an intervention id'),
});

/** One recorded intervention as the write endpoints return it. */
export const interventionSchema = z.object({
  id: z.string(),
  kind: z.enum(INTERVENTION_KINDS),
  startedOn: z.string(),
  organisation: z.string(),
  venueId: z.string().nullable(),
  coordinates: z.tuple([z.number(), z.number()]),
  kelurahan: z.string(),
});
/** A recorded intervention. */
export type Intervention = z.infer<typeof interventionSchema>;

/** Kinds of organisation that report incidents or carry out interventions. */
export const ORGANISATION_KINDS = ['police', 'government', 'ngo', 'other'] as const;

/** `GET /api/organisations` response: the organisations an intervention may name, by name, and the caller's own. */
export const organisationsSchema = z.object({
  organisations: z.array(z.object({ code: z.string(), name: z.string(), kind: z.enum(ORGANISATION_KINDS) })),
  /** Code of the signed-in account's organisation, or null when the account names none. */
  accountOrganisation: z.string().nullable(),
});
/** The organisations. */
export type Organisations = z.infer<typeof organisationsSchema>;

/** Notice every patrol plan carries. */
export const PATROL_NOTICE =
  'A patrol plan suggests published hot-spot cells to visit; its order and stop lengths change with the date and shift so patrols stay unpredictable. It says nothing about any person or venue.';

/** `GET /api/planning/patrol` query. */
export const patrolQuerySchema = z.object({
  resolution: z.enum(['7', '8'], { error: 'must be 7 or 8 (H3 resolution)' }),
  period: periodParameter,
  category: categoryParameter,
  date: z.string().regex(DATE_PATTERN, 'must be a date YYYY-MM-DD').optional(),
  shift: z.enum(TIME_BANDS, { error: `must be one of ${TIME_BANDS.join(', ')}` }),
  stops: z.coerce
    .number({ error: 'must be a whole number from 1 to 12' })
    .int('must be a whole number from 1 to 12')
    .min(1, 'must be a whole number from 1 to 12')
    .max(12, 'must be a whole number from 1 to 12')
    .default(5),
});

/** `GET /api/planning/patrol` response: the shift's stops in visiting order and the time-of-week profile. */
export const patrolPlanSchema = z.object({
  release: releaseInfoSchema,
  notice: z.string(),
  /** How places, order and stop lengths are chosen, in words. */
  method: z.string(),
  date: z.string(),
  shift: z.enum(TIME_BANDS),
  /** Jakarta time the shift starts, HH:MM. */
  startsAt: z.string(),
  resolution: z.number().int(),
  /** Hot and emerging hot spot cells the stops were drawn from. */
  pool: z.number().int(),
  routeKm: z.number(),
  totalMinutes: z.number().int(),
  stops: z.array(
    z.object({
      order: z.number().int(),
      cell: z.string(),
      kelurahan: z.object({ code: z.string(), name: z.string() }).nullable(),
      /** Why the cell is a candidate: its published hot spot confidence and emerging class. */
      hotConfidence: z.union([z.literal(90), z.literal(95), z.literal(99)]).nullable(),
      emerging: z.enum(EMERGING_CLASSES).nullable(),
      /** Centre of the cell, [lng, lat]. */
      coordinates: z.tuple([z.number(), z.number()]),
      travelMinutes: z.number().int(),
      /** Jakarta time the stop begins, HH:MM. */
      arriveAt: z.string(),
      stopMinutes: z.number().int(),
    }),
  ),
  /** Incidents by day of the week and time band in all of East Jakarta over one year, disclosure-checked. */
  timeProfile: z.object({
    year: z.number().int(),
    threshold: z.number().int(),
    days: z.array(z.string()),
    bands: z.array(z.string()),
    /** Per day, per band: the count, or null where suppressed. */
    values: z.array(z.array(z.number().int().nullable())),
    suppressed: z.number().int(),
    withheld: z.boolean(),
    busiest: z.array(z.object({ day: z.string(), band: z.string() })),
    note: z.string(),
  }),
});
/** A patrol plan. */
export type PatrolPlan = z.infer<typeof patrolPlanSchema>;

// --- Outreach priorities (`GET /api/planning/outreach`) ---

/** Notice every outreach answer carries: a ranking for prevention work, venues as exposure, never accusation. */
export const OUTREACH_NOTICE =
  'Outreach priorities rank kelurahan for prevention work (socialisation, visits) from the figures your access tier sees. Venue counts measure exposure for planning; they are not places where incidents happened.';

/** `GET /api/planning/outreach` query: the period and category of the released counts and hot spots. */
export const outreachQuerySchema = z.object({ period: periodParameter, category: categoryParameter });

/** Whether an analysis behind the outreach table is published to the tier, and which one it is. */
const outreachAnalysisSchema = withheldSchema.extend({ resolution: z.number().int() });

/** `GET /api/planning/outreach` response: every kelurahan with the figures of its outreach priority. */
export const outreachSchema = z.object({
  release: releaseInfoSchema,
  notice: z.string(),
  /** The published hot spot map of the period the hot spot class comes from. */
  hotspots: outreachAnalysisSchema.extend({ period: z.string() }),
  /** The published emerging hot spot classes (quarterly steps) the trend class comes from. */
  trend: outreachAnalysisSchema.extend({ step: z.literal('quarter'), steps: z.array(z.string()) }),
  /** Which H3 cells count for a kelurahan, in words. */
  cells: z.string(),
  /** Interventions count when started on or before this day (the period's last day). */
  interventionsUntil: z.string(),
  /** Intervention kinds the tier may not see: they are not counted. */
  withheldKinds: z.array(z.enum(INTERVENTION_KINDS)),
  /** The score's components in table order, with the default weight and what each measures. */
  components: z.array(
    z.object({ id: z.enum(OUTREACH_COMPONENTS), defaultWeight: z.number(), description: z.string() }),
  ),
  /** Every kelurahan of East Jakarta, in code order. */
  kelurahan: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      kecamatan: z.string(),
      /** Registered residents, or null when not known. */
      population: z.number().int().nullable(),
      ...releasedCount,
      /** Released incidents per 10,000 residents; null when the count is suppressed or the population unknown. */
      ratePer10k: z.number().nullable(),
      /** Strongest published hot spot confidence of its cells (0 = none); null when the map is withheld. */
      hotspotConfidence: z.union([z.literal(0), z.literal(90), z.literal(95), z.literal(99)]).nullable(),
      /** Most pressing published emerging hot spot class of its cells; null when withheld. */
      trend: z.enum(EMERGING_CLASSES).nullable(),
      /** Venues in the kelurahan: kost, hotels and guest houses together, schools. */
      venues: z.object({ kost: z.number().int(), lodging: z.number().int(), schools: z.number().int() }),
      /** Interventions recorded in the kelurahan up to `interventionsUntil`, of the kinds the tier sees. */
      interventions: z.number().int(),
    }),
  ),
});
/** Outreach priorities of a period. */
export type Outreach = z.infer<typeof outreachSchema>;

// --- Imports (`/api/imports`, admins) ---

/** Largest upload an import accepts, in bytes (about 100,000 rows of CSV take 10 MB). */
export const IMPORT_MAX_BYTES = 200 * 1024 * 1024;

/** `GET /api/imports/templates/{kind}` path. */
export const importTemplateParamSchema = z.object({
  kind: z.enum(IMPORT_KINDS, { error: `must be one of ${IMPORT_KINDS.join(', ')}` }),
});

/** Query of an upload (`POST /api/imports/check`, `POST /api/imports`): what the raw body is and where it is from. */
export const importQuerySchema = z.object({
  kind: z.enum(IMPORT_KINDS, { error: `must be one of ${IMPORT_KINDS.join(', ')}` }),
  format: z.enum(IMPORT_FORMATS, { error: `must be one of ${IMPORT_FORMATS.join(', ')}` }),
  /** Code of the source organisation; rows that name none take it (required for incidents and interventions). */
  organisation: z
    .string()
    .regex(/^[a-z0-9_-]{2,40}$/, 'must be an organisation code from /api/organisations')
    .optional(),
  /** The file's name as uploaded, for the history. */
  fileName: z
    .string({ error: 'is required: the name of the uploaded file' })
    .min(1, 'is required: the name of the uploaded file')
    .max(255, 'must be at most 255 characters'),
});

/** One problem of an import: row (null for the file or its header), column (null for the row), code, words. */
export const importErrorSchema = z.object({
  row: z.number().int().nullable(),
  column: z.string().nullable(),
  code: z.string(),
  message: z.string(),
});

/** `POST /api/imports/check` response: what the file holds and what is wrong with it; nothing is stored. */
export const importCheckSchema = z.object({
  kind: z.enum(IMPORT_KINDS),
  format: z.enum(IMPORT_FORMATS),
  sha256: z.string(),
  columns: z.array(z.string()),
  unknownColumns: z.array(z.string()),
  /** The first rows' cells as read (none when the file was refused for personal data). */
  preview: z.array(z.record(z.string(), z.string())),
  rows: z.number().int(),
  skipped: z.number().int(),
  errorCount: z.number().int(),
  /** At most 1,000 errors; `errorCount` counts them all. */
  errors: z.array(importErrorSchema),
  /** The committed batch that imported the same file, if any. */
  duplicateOf: z.object({ batchId: z.string(), importedAt: z.string() }).nullable(),
  /** Where to download the errors as CSV (`/api/imports/reports/{id}/errors.csv`, kept an hour); null without. */
  errorReport: z.string().nullable(),
});
/** The check of an import file. */
export type ImportCheck = z.infer<typeof importCheckSchema>;

/** `POST /api/imports` response: the job that checks and writes the file. */
export const importJobStartSchema = z.object({ jobId: z.string() });

/** `GET /api/imports/jobs/{id}` path. */
export const importJobParamSchema = z.object({
  id: z.string().regex(/^[0-9a-f-]{36}$/, 'must be an import job id'),
});

/** Stages of an import job. */
export const IMPORT_JOB_STATUSES = [
  'checking',
  'writing',
  'committing',
  'committed',
  'refused',
  'failed',
] as const;

/** `GET /api/imports/jobs/{id}` response: where the job is, rows done, and its result once finished. */
export const importJobSchema = z.object({
  status: z.enum(IMPORT_JOB_STATUSES),
  /** Rows checked (checking) or written (writing, committing, committed). */
  rows: z.number().int(),
  result: z
    .object({
      /** The committed batch (committed only). */
      batchId: z.string().nullable(),
      /** Why the import failed (failed only), in plain words. */
      message: z.string().nullable(),
      /** The file's check (committed and refused). */
      check: importCheckSchema.nullable(),
    })
    .optional(),
});
/** An import job. */
export type ImportJob = z.infer<typeof importJobSchema>;

/** One import in the history. */
export const importBatchSchema = z.object({
  id: z.string(),
  kind: z.enum(IMPORT_KINDS),
  status: z.enum(['staging', 'committed', 'rolled_back']),
  fileName: z.string(),
  /** Null for the synthetic demo data, which came from no file. */
  sha256: z.string().nullable(),
  organisation: z.string().nullable(),
  importedBy: z.string().nullable(),
  importedAt: z.string(),
  rows: z.number().int(),
  rolledBackAt: z.string().nullable(),
  synthetic: z.boolean(),
});
/** One import batch. */
export type ImportBatch = z.infer<typeof importBatchSchema>;

/** `GET /api/imports` response: every import, newest first. */
export const importHistorySchema = z.object({ imports: z.array(importBatchSchema) });

/** `GET /api/imports/reports/{id}/errors.csv` path. */
export const importReportParamSchema = z.object({
  id: z.string().regex(/^[0-9a-f-]{36}$/, 'must be an error report id'),
});

/** `POST /api/imports/{id}/rollback` path. */
export const importBatchParamSchema = z.object({
  id: z.string().regex(/^\d{1,18}$/, 'must be an import batch id'),
});
