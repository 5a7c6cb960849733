/** Geographic constants and branded coordinate types of the dashboard's map. */

declare const lngLatBrand: unique symbol;

/** A WGS84 position in degrees, branded so a `[lat, lng]` mix-up cannot be passed where it is expected. */
export type LngLat = { readonly lng: number; readonly lat: number } & { readonly [lngLatBrand]: true };

/** Makes a `LngLat` from longitude and latitude in degrees (WGS84). */
export function lngLat(lng: number, lat: number): LngLat {
  return { lng, lat } as LngLat;
}

/** A map position a link can reproduce: centre and zoom level (MapLibre zoom, 0 = whole world). */
export interface MapView {
  center: LngLat;
  zoom: number;
}

/** Bounding box of Kota Administrasi Jakarta Timur as `[[west, south], [east, north]]` in degrees. */
export const EAST_JAKARTA_BOUNDS: [[number, number], [number, number]] = [
  [106.84, -6.38],
  [106.97, -6.14],
];

/** How far the map may be panned outside the city, as `[[west, south], [east, north]]` in degrees. */
export const PAN_LIMIT_BOUNDS: [[number, number], [number, number]] = [
  [106.6, -6.6],
  [107.2, -5.9],
];

/** Lowest zoom level the map allows (about the whole Jabodetabek region). */
export const MIN_ZOOM = 9;

/** Highest zoom level the map allows (street level; finer would suggest false precision). */
export const MAX_ZOOM = 17;

/** Whether a position lies inside the area the map may show. */
export function isWithinPanLimit(position: LngLat): boolean {
  const [[west, south], [east, north]] = PAN_LIMIT_BOUNDS;
  return position.lng >= west && position.lng <= east && position.lat >= south && position.lat <= north;
}
