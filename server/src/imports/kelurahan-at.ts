// Which East Jakarta kelurahan a point lies in, without the database: the kelurahan polygons
// (db/data/jakarta-timur-kelurahan.geojson, which tile the city without gaps) indexed on a grid of small
// squares, each listing the few kelurahan whose bounding box touches it; turf tests only those.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import type { KelurahanCode } from '@titik-rawan/shared';
import { GEOGRAPHY_DIR } from '../geography/load-geography';
import type { KelurahanCollection, KelurahanFeature } from '../releases/geography';

/** Side of the index squares in degrees (~550 m): a square touches two to four kelurahan boxes. */
export const GRID_STEP_DEGREES = 0.005;

/** Finds the kelurahan containing a point; built once from the polygons. */
export interface KelurahanLocator {
  /** The code of the kelurahan containing (lng, lat), or null outside East Jakarta. On a shared edge, the lower code. */
  kelurahanAt(lng: number, lat: number): KelurahanCode | null;
}

type Box = [west: number, south: number, east: number, north: number];

function boxOf(feature: KelurahanFeature): Box {
  const box: Box = [Infinity, Infinity, -Infinity, -Infinity];
  const rings =
    feature.geometry.type === 'Polygon' ? feature.geometry.coordinates : feature.geometry.coordinates.flat();
  for (const ring of rings) {
    for (const [lng = 0, lat = 0] of ring) {
      box[0] = Math.min(box[0], lng);
      box[1] = Math.min(box[1], lat);
      box[2] = Math.max(box[2], lng);
      box[3] = Math.max(box[3], lat);
    }
  }
  return box;
}

/** Builds a locator from kelurahan polygons (a pure function of the collection). */
export function buildKelurahanLocator(collection: KelurahanCollection): KelurahanLocator {
  const features = [...collection.features].sort((a, b) =>
    a.properties.kode_kemendagri < b.properties.kode_kemendagri ? -1 : 1,
  );
  const boxes = features.map(boxOf);
  const west = Math.min(...boxes.map((box) => box[0]));
  const south = Math.min(...boxes.map((box) => box[1]));
  const columns = Math.ceil((Math.max(...boxes.map((box) => box[2])) - west) / GRID_STEP_DEGREES) + 1;
  const rows = Math.ceil((Math.max(...boxes.map((box) => box[3])) - south) / GRID_STEP_DEGREES) + 1;
  const squares: number[][] = Array.from({ length: columns * rows }, () => []);
  boxes.forEach((box, index) => {
    const [c0, r0] = [
      Math.floor((box[0] - west) / GRID_STEP_DEGREES),
      Math.floor((box[1] - south) / GRID_STEP_DEGREES),
    ];
    const [c1, r1] = [
      Math.floor((box[2] - west) / GRID_STEP_DEGREES),
      Math.floor((box[3] - south) / GRID_STEP_DEGREES),
    ];
    for (let c = c0; c <= c1; c++) for (let r = r0; r <= r1; r++) squares[r * columns + c]?.push(index);
  });
  return {
    kelurahanAt(lng, lat) {
      if (!Number.isFinite(lng) || !Number.isFinite(lat)) return null;
      const column = Math.floor((lng - west) / GRID_STEP_DEGREES);
      const row = Math.floor((lat - south) / GRID_STEP_DEGREES);
      if (column < 0 || row < 0 || column >= columns || row >= rows) return null;
      for (const index of squares[row * columns + column] ?? []) {
        const box = boxes[index] as Box;
        if (lng < box[0] || lng > box[2] || lat < box[1] || lat > box[3]) continue;
        const feature = features[index] as KelurahanFeature;
        if (booleanPointInPolygon([lng, lat], feature.geometry)) {
          return feature.properties.kode_kemendagri as KelurahanCode;
        }
      }
      return null;
    },
  };
}

let cached: KelurahanLocator | null = null;

/** The locator of db/data/jakarta-timur-kelurahan.geojson, built on first use and then kept. */
export function loadKelurahanLocator(): KelurahanLocator {
  if (!cached) {
    const file = path.join(GEOGRAPHY_DIR, 'jakarta-timur-kelurahan.geojson');
    cached = buildKelurahanLocator(JSON.parse(readFileSync(file, 'utf8')) as KelurahanCollection);
  }
  return cached;
}
