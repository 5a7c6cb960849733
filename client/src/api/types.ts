/**
 * Response shapes of the server's API as the client uses them: the shared zod types the server's
 * routes validate against, refined to GeoJSON types where MapLibre needs them.
 */
import type {
  AreaProperties,
  Emerging,
  Hotspots,
  IncidentCategory,
  Interventions,
  Venues,
  ReleaseInfo,
  ReleasedAreas,
  ReleasedCells,
  RiskTerrain,
} from '@titik-rawan/shared';
import type { FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';

export type {
  Account,
  AnalysisWarning,
  ApiError as ApiErrorBody,
  AreaLevel,
  AuditEntry,
  AuditFilter,
  AuditPage,
  EmergingClass,
  ForecastChecks,
  ForecastFigure,
  AreaProperties,
  ClientConfig,
  Coverage,
  Health,
  ImportBatch,
  ImportCheck,
  ImportJob,
  IncidentCategory,
  Intervention,
  InterventionKind,
  Me as SessionUser,
  Outreach,
  Organisations,
  PatrolPlan,
  PlaceSummary,
  Placements,
  ReleaseInfo,
  ReleaseMetadata,
  ReleaseSeries,
  RiskFactor,
  RiskModel,
  Role,
  Tier,
  VenueKind,
  WithheldCode,
} from '@titik-rawan/shared';

/** Answer of `GET /api/geography/areas?level=…`, with GeoJSON geometry types for MapLibre. */
export type AreaCollection = FeatureCollection<Polygon | MultiPolygon, AreaProperties>;

/** Properties of a released H3 cell: its index, resolution and count (`null` when suppressed). */
export type ReleasedCellProperties = ReleasedCells['features'][number]['properties'];

/** Properties of a released area: Kemendagri code, name, level and count (`null` when suppressed). */
export type ReleasedAreaProperties = ReleasedAreas['features'][number]['properties'];

/** Answer of `GET /api/releases/cells`: H3 hexagons with released counts and the release's metadata. */
export type ReleasedCellCollection = FeatureCollection<Polygon, ReleasedCellProperties> & {
  release: ReleaseInfo;
};

/** Answer of `GET /api/releases/areas`: areas outlined by the release geography, with released counts. */
export type ReleasedAreaCollection = FeatureCollection<Polygon | MultiPolygon, ReleasedAreaProperties> & {
  release: ReleaseInfo;
};

/** A released collection of either kind, as the map draws it. */
export type ReleasedCollection = ReleasedCellCollection | ReleasedAreaCollection;

/** An H3 resolution the release API publishes. */
export type CellResolution = 7 | 8;

/** The `category` parameter of the release API: every category together, or one category code. */
export type CategoryFilter = 'all' | IncidentCategory;

/** Properties of a hot spot cell: its index, Gi* bin (−3…3, `null` when withheld) and released count. */
export type HotspotProperties = Hotspots['features'][number]['properties'];

/** Answer of `GET /api/hotspots`: every H3 cell of the city with its Gi* bin, and how the analysis ran. */
export type HotspotCollection = FeatureCollection<Polygon, HotspotProperties> &
  Pick<Hotspots, 'release' | 'analysis'>;

/** Properties of an emerging hot spot cell: its index, class and Mann-Kendall trend (`null` when withheld). */
export type EmergingProperties = Emerging['features'][number]['properties'];

/** Answer of `GET /api/hotspots/emerging`: every H3 cell with its emerging hot spot class. */
export type EmergingCollection = FeatureCollection<Polygon, EmergingProperties> &
  Pick<Emerging, 'release' | 'analysis'>;

/** Properties of a risk terrain cell: its index, relative risk, risk class 1–5 and the risk factors present. */
export type RiskTerrainProperties = RiskTerrain['features'][number]['properties'];

/** Answer of `GET /api/risk-terrain`: every H3 cell with its relative risk, the model and its warnings. */
export type RiskTerrainCollection = FeatureCollection<Polygon, RiskTerrainProperties> &
  Pick<RiskTerrain, 'release' | 'model' | 'warnings'>;

/** A step of the emerging hot spot time series: calendar months or quarters. */
export type EmergingStep = 'month' | 'quarter';

/** Answer of `GET /api/venues`: venues as points for planning, with the notice that they are not places of incidents. */
export type VenueCollection = FeatureCollection<Point, Venues['features'][number]['properties']> &
  Pick<Venues, 'notice' | 'synthetic'>;

/** Answer of `GET /api/interventions`: located interventions, and the kinds the tier may not see. */
export type InterventionCollection = FeatureCollection<
  Point,
  Interventions['features'][number]['properties']
> &
  Pick<Interventions, 'synthetic' | 'withheldKinds'>;
