/**
 * Response shapes of the server's API as the client uses them; kept here until `hc<AppType>` from
 * `@titik-rawan/server` replaces them with `InferResponseType`.
 */
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';

/** Answer of `GET /api/health`. */
export interface Health {
  status: 'ok';
  database: 'embedded' | 'external';
  postgis: string;
  demoData: boolean;
}

/** Answer of `GET /api/config`: runtime settings the server exposes to the dashboard. */
export interface ClientConfig {
  /** URL of a MapLibre style to use instead of the offline basemap; `null` keeps the offline one. */
  basemapStyleUrl: string | null;
}

/** A role an account can have; people without a session are the `public` tier. */
export type Role = 'admin' | 'satgas' | 'ngo';

/** The access tier of whoever uses the dashboard: a role, or `public` without a session. */
export type Tier = Role | 'public';

/** Answer of `GET /api/auth/me` and `POST /api/auth/login`: the signed-in account. */
export interface SessionUser {
  username: string;
  role: Role;
}

/** Body of every 4xx/5xx answer of the API. */
export interface ApiErrorBody {
  error: { code: string; message: string };
}

/** Administrative level of an area: the city, its 10 kecamatan or its 65 kelurahan. */
export type AreaLevel = 'kota' | 'kecamatan' | 'kelurahan';

/** Properties of one feature of `GET /api/geography/areas`. */
export interface AreaProperties {
  /** Kemendagri code, e.g. `31.75.01.1001`. */
  code: string;
  name: string;
  level: AreaLevel;
  parentCode: string | null;
  /** Geodesic area in km². */
  areaKm2: number;
}

/** Answer of `GET /api/geography/areas?level=…`. */
export type AreaCollection = FeatureCollection<Polygon | MultiPolygon, AreaProperties>;
