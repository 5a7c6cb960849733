declare const brand: unique symbol;
type Brand<T, B extends string> = T & { readonly [brand]: B };

/** A WGS84 position as [longitude, latitude] in degrees. */
export type LngLat = Brand<readonly [number, number], 'LngLat'>;
/** An H3 cell index as its hexadecimal string. */
export type H3Index = Brand<string, 'H3Index'>;
/** A distance in metres. */
export type Meters = Brand<number, 'Meters'>;
/** A kelurahan's Kemendagri code, e.g. `31.75.01.1001`. */
export type KelurahanCode = Brand<string, 'KelurahanCode'>;

export { AREA_CODE_PATTERN, PUBLISHED_CELL_PATTERN } from './codes';

/** Bounding box of Kota Administrasi Jakarta Timur as [west, south, east, north] in degrees. */
export const EAST_JAKARTA_BOUNDS = [106.84, -6.38, 106.98, -6.14] as const;
