/**
 * Response shapes of the server's API as the client uses them: the shared zod types the server's
 * routes validate against, refined to GeoJSON types where MapLibre needs them.
 */
import type { AreaProperties } from '@titik-rawan/shared';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';

export type {
  ApiError as ApiErrorBody,
  AreaLevel,
  AreaProperties,
  ClientConfig,
  Health,
  Me as SessionUser,
  Role,
  Tier,
} from '@titik-rawan/shared';

/** Answer of `GET /api/geography/areas?level=…`, with GeoJSON geometry types for MapLibre. */
export type AreaCollection = FeatureCollection<Polygon | MultiPolygon, AreaProperties>;
