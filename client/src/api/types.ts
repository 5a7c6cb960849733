/**
 * Response shapes of the server's API as the client uses them: the shared zod types the server's
 * routes validate against, refined to GeoJSON types where MapLibre needs them.
 */
import type {
  AreaProperties,
  IncidentCategory,
  ReleaseInfo,
  ReleasedAreas,
  ReleasedCells,
} from '@titik-rawan/shared';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';

export type {
  ApiError as ApiErrorBody,
  AreaLevel,
  AreaProperties,
  ClientConfig,
  Health,
  IncidentCategory,
  Me as SessionUser,
  ReleaseInfo,
  ReleaseMetadata,
  Role,
  Tier,
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
