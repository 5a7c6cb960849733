// The real East Jakarta geography the demo data is laid on: kelurahan polygons (with a grid index for fast
// point-in-polygon), road segments and transit stops, read once from db/data/*.geojson.
import { readFileSync } from 'node:fs';
import type { KelurahanCode, LonLat } from './types';

/** Metres per degree of latitude around East Jakarta (6.25° S). */
export const METRES_PER_DEG_LAT = 110_574;
/** Metres per degree of longitude around East Jakarta (6.25° S). */
export const METRES_PER_DEG_LON = 110_660;

/** Planar distance in metres between two lon/lat points (equirectangular, good to < 0.1 % at city scale). */
export function distanceMetres(aLon: number, aLat: number, bLon: number, bLat: number): number {
  const dx = (aLon - bLon) * METRES_PER_DEG_LON;
  const dy = (aLat - bLat) * METRES_PER_DEG_LAT;
  return Math.sqrt(dx * dx + dy * dy);
}

/** Rounds a coordinate to 6 decimals (about 0.1 m). */
export function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** Road classes as in the OSM `highway` tag, reduced to the groups the generator weighs differently. */
export type RoadClass = 'main' | 'tertiary' | 'local' | 'motorway' | 'minor';

function roadClass(highway: string): RoadClass {
  switch (highway) {
    case 'trunk':
    case 'trunk_link':
    case 'primary':
    case 'primary_link':
    case 'secondary':
    case 'secondary_link':
      return 'main';
    case 'tertiary':
    case 'tertiary_link':
    case 'unclassified':
    case 'road':
      return 'tertiary';
    case 'residential':
    case 'living_street':
    case 'service':
      return 'local';
    case 'motorway':
    case 'motorway_link':
      return 'motorway';
    default:
      return 'minor';
  }
}

/** One straight piece of a road line. */
export interface RoadSegment {
  lon1: number;
  lat1: number;
  lon2: number;
  lat2: number;
  lengthM: number;
  roadClass: RoadClass;
  /** Distance in metres from the segment's midpoint to the nearest transit stop. */
  stopDistanceM: number;
  /** Distance in metres from the midpoint to the nearest main road (capped at 1,000 m). */
  mainRoadDistanceM: number;
  /** Kelurahan containing the midpoint, or null outside East Jakarta. */
  kelurahanCode: KelurahanCode | null;
}

/** A real transit stop from OpenStreetMap. */
export interface TransitStop {
  osmId: string;
  kind: 'stop' | 'platform';
  network: string;
  lonLat: LonLat;
}

/** A kelurahan polygon with its code and bounding box. */
export interface KelurahanArea {
  code: KelurahanCode;
  name: string;
  kecamatanCode: string;
  /** Geodesic area in km². */
  areaKm2: number;
  /** Length in km of the road segments whose midpoint lies inside. */
  roadKm: number;
  /** Rings (outer first) as flat [lon0, lat0, lon1, lat1, …] arrays. */
  rings: Float64Array[];
  bbox: [minLon: number, minLat: number, maxLon: number, maxLat: number];
}

/** Everything the generator reads from db/data, loaded once per process. */
export interface DemoGeography {
  kelurahan: KelurahanArea[];
  roads: RoadSegment[];
  stops: TransitStop[];
  /** Code of the kelurahan containing the point, or null outside East Jakarta. */
  kelurahanAt(lon: number, lat: number): KelurahanCode | null;
}

interface Feature<G> {
  properties: Record<string, unknown>;
  geometry: G;
}
interface FeatureCollection<G> {
  features: Feature<G>[];
}
type PolygonGeometry = { type: 'Polygon'; coordinates: number[][][] };
type LineGeometry =
  { type: 'LineString'; coordinates: number[][] } | { type: 'MultiLineString'; coordinates: number[][][] };
type PointGeometry = { type: 'Point'; coordinates: number[] };

function readCollection<G>(file: string): FeatureCollection<G> {
  return JSON.parse(
    readFileSync(new URL(`../data/${file}`, import.meta.url), 'utf8'),
  ) as FeatureCollection<G>;
}

function ringContains(ring: Float64Array, lon: number, lat: number): boolean {
  let inside = false;
  const n = ring.length / 2;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const xi = ring[2 * i] as number;
    const yi = ring[2 * i + 1] as number;
    const xj = ring[2 * j] as number;
    const yj = ring[2 * j + 1] as number;
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function areaContains(area: KelurahanArea, lon: number, lat: number): boolean {
  const [minLon, minLat, maxLon, maxLat] = area.bbox;
  if (lon < minLon || lon > maxLon || lat < minLat || lat > maxLat) return false;
  let inside = false;
  for (const ring of area.rings) if (ringContains(ring, lon, lat)) inside = !inside;
  return inside;
}

const GRID_DEG = 0.002;

function buildKelurahanIndex(areas: KelurahanArea[]): (lon: number, lat: number) => KelurahanCode | null {
  let minLon = Infinity;
  let minLat = Infinity;
  let maxLon = -Infinity;
  let maxLat = -Infinity;
  for (const a of areas) {
    minLon = Math.min(minLon, a.bbox[0]);
    minLat = Math.min(minLat, a.bbox[1]);
    maxLon = Math.max(maxLon, a.bbox[2]);
    maxLat = Math.max(maxLat, a.bbox[3]);
  }
  const cols = Math.ceil((maxLon - minLon) / GRID_DEG) + 1;
  const rows = Math.ceil((maxLat - minLat) / GRID_DEG) + 1;
  const cells: number[][] = Array.from({ length: cols * rows }, () => []);
  areas.forEach((a, index) => {
    const c0 = Math.floor((a.bbox[0] - minLon) / GRID_DEG);
    const c1 = Math.floor((a.bbox[2] - minLon) / GRID_DEG);
    const r0 = Math.floor((a.bbox[1] - minLat) / GRID_DEG);
    const r1 = Math.floor((a.bbox[3] - minLat) / GRID_DEG);
    for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) cells[r * cols + c]?.push(index);
  });
  return (lon, lat) => {
    const c = Math.floor((lon - minLon) / GRID_DEG);
    const r = Math.floor((lat - minLat) / GRID_DEG);
    if (c < 0 || r < 0 || c >= cols || r >= rows) return null;
    for (const index of cells[r * cols + c] ?? []) {
      const area = areas[index] as KelurahanArea;
      if (areaContains(area, lon, lat)) return area.code;
    }
    return null;
  };
}

function loadKelurahan(): KelurahanArea[] {
  const collection = readCollection<PolygonGeometry>('jakarta-timur-kelurahan.geojson');
  return collection.features.map((f) => {
    const rings = f.geometry.coordinates.map((ring) =>
      Float64Array.from(ring.flatMap((p) => [p[0] ?? 0, p[1] ?? 0])),
    );
    const outer = f.geometry.coordinates[0] ?? [];
    const lons = outer.map((p) => p[0] ?? 0);
    const lats = outer.map((p) => p[1] ?? 0);
    return {
      code: String(f.properties.kode_kemendagri),
      name: String(f.properties.nama_umum),
      kecamatanCode: String(f.properties.kode_kecamatan),
      areaKm2: Number(f.properties.luas_km2),
      roadKm: 0,
      rings,
      bbox: [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)],
    };
  });
}

function loadStops(): TransitStop[] {
  const collection = readCollection<PointGeometry>('jakarta-timur-transit-stops-osm.geojson');
  return collection.features.map((f) => ({
    osmId: String(f.properties.osm_id),
    kind: f.properties.kind === 'platform' ? 'platform' : 'stop',
    network: String(f.properties.networks),
    lonLat: [f.geometry.coordinates[0] ?? 0, f.geometry.coordinates[1] ?? 0],
  }));
}

function loadRoads(stops: TransitStop[]): RoadSegment[] {
  const collection = readCollection<LineGeometry>('jakarta-timur-roads-osm2012.geojson');
  const segments: RoadSegment[] = [];
  for (const f of collection.features) {
    const cls = roadClass(String(f.properties.highway));
    const lines = f.geometry.type === 'LineString' ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (const line of lines) {
      for (let i = 1; i < line.length; i++) {
        const a = line[i - 1] ?? [];
        const b = line[i] ?? [];
        const lon1 = a[0] ?? 0;
        const lat1 = a[1] ?? 0;
        const lon2 = b[0] ?? 0;
        const lat2 = b[1] ?? 0;
        const lengthM = distanceMetres(lon1, lat1, lon2, lat2);
        if (lengthM < 1) continue;
        segments.push({
          lon1,
          lat1,
          lon2,
          lat2,
          lengthM,
          roadClass: cls,
          stopDistanceM: 0,
          mainRoadDistanceM: 0,
          kelurahanCode: null,
        });
      }
    }
  }
  // Nearest main road per segment, through a coarse grid of main-road midpoints.
  const cell = 0.01;
  const mainCells = new Map<string, number[]>();
  const mids = segments.map((s) => [(s.lon1 + s.lon2) / 2, (s.lat1 + s.lat2) / 2] as const);
  segments.forEach((s, i) => {
    if (s.roadClass !== 'main') return;
    const m = mids[i] as readonly [number, number];
    const key = `${Math.floor(m[0] / cell)}:${Math.floor(m[1] / cell)}`;
    const list = mainCells.get(key);
    if (list) list.push(i);
    else mainCells.set(key, [i]);
  });
  segments.forEach((s, i) => {
    const [lon, lat] = mids[i] as readonly [number, number];
    let best = Infinity;
    for (const stop of stops) best = Math.min(best, distanceMetres(lon, lat, stop.lonLat[0], stop.lonLat[1]));
    s.stopDistanceM = best;
    let main = 1000;
    const cx = Math.floor(lon / cell);
    const cy = Math.floor(lat / cell);
    for (let dy = -1; dy <= 1; dy++) {
      for (let dx = -1; dx <= 1; dx++) {
        for (const j of mainCells.get(`${cx + dx}:${cy + dy}`) ?? []) {
          const m = mids[j] as readonly [number, number];
          main = Math.min(main, distanceMetres(lon, lat, m[0], m[1]));
        }
      }
    }
    s.mainRoadDistanceM = main;
  });
  return segments;
}

let cached: DemoGeography | null = null;

/** Loads (once per process) the kelurahan polygons, road segments and transit stops of East Jakarta. */
export function loadDemoGeography(): DemoGeography {
  if (cached) return cached;
  const kelurahan = loadKelurahan();
  const stops = loadStops();
  const roads = loadRoads(stops);
  const kelurahanAt = buildKelurahanIndex(kelurahan);
  const byCode = new Map(kelurahan.map((k) => [k.code, k]));
  for (const s of roads) {
    s.kelurahanCode = kelurahanAt((s.lon1 + s.lon2) / 2, (s.lat1 + s.lat2) / 2);
    const area = s.kelurahanCode ? byCode.get(s.kelurahanCode) : undefined;
    if (area) area.roadKm += s.lengthM / 1000;
  }
  cached = { kelurahan, roads, stops, kelurahanAt };
  return cached;
}
