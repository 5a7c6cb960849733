// The release geography: H3 resolution-9 base cells covering East Jakarta, each assigned to exactly one
// kelurahan, from which every published area and cell is built so that their relations are known exactly.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  cellToBoundary,
  cellToLatLng,
  cellToParent,
  cellsToMultiPolygon,
  latLngToCell,
  polygonToCells,
  polygonToCellsExperimental,
  POLYGON_TO_CELLS_FLAGS,
} from 'h3-js';
import type { H3Index, KelurahanCode } from '@titik-rawan/shared';
import { GEOGRAPHY_DIR } from '../geography/load-geography';

/** H3 resolution of the never-published base cells (~0.1 km²). */
export const BASE_RESOLUTION = 9;
/** H3 resolutions that may be published, coarsest first (res 7 ≈ 5.2 km², res 8 ≈ 0.74 km²). */
export const CELL_RESOLUTIONS = [7, 8] as const;
/** One publishable H3 resolution. */
export type CellResolution = (typeof CELL_RESOLUTIONS)[number];
/** Kemendagri code of the kota, Kota Administrasi Jakarta Timur. */
export const KOTA_CODE = '31.75';

/** A kelurahan polygon feature as stored in db/data/jakarta-timur-kelurahan.geojson. */
export interface KelurahanFeature {
  geometry:
    { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] };
  properties: {
    kode_kemendagri: string;
    nama_umum?: string;
    nama: string;
    kode_kecamatan: string;
    kecamatan: string;
  };
}

/** The kelurahan GeoJSON collection the release geography is built from. */
export interface KelurahanCollection {
  features: readonly KelurahanFeature[];
}

/** One administrative area of the release geography with the base cells it is made of. */
export interface ReleaseArea {
  code: string;
  name: string;
  level: 'kota' | 'kecamatan' | 'kelurahan';
  /** Code of the enclosing area, null for the kota. */
  parentCode: string | null;
  /** Base cells (resolution 9) of the area, sorted. */
  baseCells: readonly H3Index[];
}

/** The release geography: base cells, their kelurahan, published cells and areas; built once, immutable. */
export interface ReleaseGeography {
  /** All base cells, sorted. */
  baseCells: readonly H3Index[];
  /** Kelurahan code of each base cell. */
  kelurahanOfBaseCell: ReadonlyMap<H3Index, KelurahanCode>;
  /** Kelurahan, sorted by code. */
  kelurahan: readonly ReleaseArea[];
  /** Kecamatan, sorted by code. */
  kecamatan: readonly ReleaseArea[];
  /** The kota. */
  kota: ReleaseArea;
  /** Published cells per resolution (parents of base cells), sorted. */
  cells: Readonly<Record<CellResolution, readonly H3Index[]>>;
  /** Base cells of each published cell, sorted. */
  baseCellsOfCell: ReadonlyMap<H3Index, readonly H3Index[]>;
}

/** Membership of one published geography unit, as the API publishes it: the unit and its base cells. */
export interface AreaMembership {
  code: string;
  level: 'kota' | 'kecamatan' | 'kelurahan';
  baseCells: readonly H3Index[];
}

function polygonsOf(feature: KelurahanFeature): number[][][][] {
  return feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates;
}

function cellPolygon(cell: string): number[][] {
  return cellToBoundary(cell, true);
}

type BoundingBox = [west: number, south: number, east: number, north: number];

function boundingBox(points: number[][]): BoundingBox {
  const box: BoundingBox = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [lng = 0, lat = 0] of points) {
    box[0] = Math.min(box[0], lng);
    box[1] = Math.min(box[1], lat);
    box[2] = Math.max(box[2], lng);
    box[3] = Math.max(box[3], lat);
  }
  return box;
}

/** Signed planar area (degrees²) of a ring of [lng, lat] points, by the shoelace formula. */
function ringArea(ring: readonly number[][]): number {
  let sum = 0;
  for (let i = 0; i < ring.length; i++) {
    const [x1 = 0, y1 = 0] = ring[i] ?? [];
    const [x2 = 0, y2 = 0] = ring[(i + 1) % ring.length] ?? [];
    sum += x1 * y2 - x2 * y1;
  }
  return sum / 2;
}

/** Clips a ring to a convex counter-clockwise polygon (Sutherland–Hodgman); the result's area is exact. */
function clipToConvex(ring: readonly number[][], convex: readonly number[][]): number[][] {
  let output: number[][] = [...ring];
  for (let i = 0; i < convex.length && output.length > 0; i++) {
    const [ax = 0, ay = 0] = convex[i] ?? [];
    const [bx = 0, by = 0] = convex[(i + 1) % convex.length] ?? [];
    const side = (p: number[]): number => (bx - ax) * ((p[1] ?? 0) - ay) - (by - ay) * ((p[0] ?? 0) - ax);
    const input = output;
    output = [];
    for (let j = 0; j < input.length; j++) {
      const current = input[j] as number[];
      const previous = input[(j + input.length - 1) % input.length] as number[];
      const sc = side(current);
      const sp = side(previous);
      if (sc >= 0) {
        if (sp < 0) output.push(crossing(previous, current, sp, sc));
        output.push(current);
      } else if (sp >= 0) output.push(crossing(previous, current, sp, sc));
    }
  }
  return output;
}

function crossing(p: number[], q: number[], sp: number, sq: number): number[] {
  const t = sp / (sp - sq);
  return [(p[0] ?? 0) + t * ((q[0] ?? 0) - (p[0] ?? 0)), (p[1] ?? 0) + t * ((q[1] ?? 0) - (p[1] ?? 0))];
}

/** Planar area (degrees²) of the overlap of an H3 cell with a kelurahan's polygons (holes subtracted). */
function overlapArea(cell: string, polygons: number[][][][]): number {
  const hex = cellPolygon(cell).slice(0, -1);
  if (ringArea(hex) < 0) hex.reverse();
  let total = 0;
  for (const rings of polygons) {
    rings.forEach((ring, index) => {
      const clipped = Math.abs(ringArea(clipToConvex(ring.slice(0, -1), hex)));
      total += index === 0 ? clipped : -clipped;
    });
  }
  return total;
}

function byCode<T extends { code: string }>(a: T, b: T): number {
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}

/**
 * Builds the release geography from the kelurahan polygons (a pure, deterministic function): base cells are
 * the resolution-9 cells overlapping any kelurahan, so every point of the city falls in one; a base cell
 * belongs to the kelurahan containing its centre (H3's own test, first code on a tie) or, when its centre is
 * outside the city, to the kelurahan it overlaps most (first code on a tie).
 */
export function buildReleaseGeography(collection: KelurahanCollection): ReleaseGeography {
  const features = [...collection.features].sort((a, b) =>
    a.properties.kode_kemendagri < b.properties.kode_kemendagri ? -1 : 1,
  );
  const owner = new Map<string, string>();
  const overlapping = new Set<string>();
  for (const feature of features) {
    const code = feature.properties.kode_kemendagri;
    for (const rings of polygonsOf(feature)) {
      for (const cell of polygonToCells(rings, BASE_RESOLUTION, true))
        if (!owner.has(cell)) owner.set(cell, code);
      const flag = POLYGON_TO_CELLS_FLAGS.containmentOverlapping;
      for (const cell of polygonToCellsExperimental(rings, BASE_RESOLUTION, flag, true))
        overlapping.add(cell);
    }
  }
  const boxes = features.map((feature) => boundingBox(polygonsOf(feature).flat(2)));
  for (const cell of [...overlapping].sort()) {
    if (owner.has(cell)) continue;
    const cellBox = boundingBox(cellPolygon(cell));
    let best: { code: string; area: number } | null = null;
    for (const [index, feature] of features.entries()) {
      const box = boxes[index] as BoundingBox;
      if (box[0] > cellBox[2] || box[2] < cellBox[0] || box[1] > cellBox[3] || box[3] < cellBox[1]) continue;
      const shared = overlapArea(cell, polygonsOf(feature));
      if (shared > 0 && (best === null || shared > best.area)) {
        best = { code: feature.properties.kode_kemendagri, area: shared };
      }
    }
    if (best) owner.set(cell, best.code);
  }
  const baseCells = [...owner.keys()].sort() as H3Index[];
  const kelurahanOfBaseCell = new Map<H3Index, KelurahanCode>(
    baseCells.map((cell) => [cell, owner.get(cell) as KelurahanCode]),
  );
  const cellsOfKelurahan = new Map<string, H3Index[]>();
  for (const cell of baseCells) {
    const code = owner.get(cell) as string;
    const list = cellsOfKelurahan.get(code) ?? [];
    list.push(cell);
    cellsOfKelurahan.set(code, list);
  }
  const kelurahan: ReleaseArea[] = features.map((feature) => ({
    code: feature.properties.kode_kemendagri,
    name: feature.properties.nama_umum ?? feature.properties.nama,
    level: 'kelurahan',
    parentCode: feature.properties.kode_kecamatan,
    baseCells: cellsOfKelurahan.get(feature.properties.kode_kemendagri) ?? [],
  }));
  const kecamatanNames = new Map(features.map((f) => [f.properties.kode_kecamatan, f.properties.kecamatan]));
  const kecamatan: ReleaseArea[] = [...kecamatanNames.entries()]
    .map(([code, name]) => ({
      code,
      name,
      level: 'kecamatan' as const,
      parentCode: KOTA_CODE,
      baseCells: kelurahan
        .filter((k) => k.parentCode === code)
        .flatMap((k) => k.baseCells)
        .sort(),
    }))
    .sort(byCode);
  const kota: ReleaseArea = {
    code: KOTA_CODE,
    name: 'Jakarta Timur',
    level: 'kota',
    parentCode: null,
    baseCells,
  };
  const baseCellsOfCell = new Map<H3Index, H3Index[]>();
  const cells: Record<CellResolution, H3Index[]> = { 7: [], 8: [] };
  for (const resolution of CELL_RESOLUTIONS) {
    for (const cell of baseCells) {
      const parent = cellToParent(cell, resolution) as H3Index;
      const list = baseCellsOfCell.get(parent);
      if (list) list.push(cell);
      else {
        baseCellsOfCell.set(parent, [cell]);
        cells[resolution].push(parent);
      }
    }
    cells[resolution].sort();
  }
  return { baseCells, kelurahanOfBaseCell, kelurahan, kecamatan, kota, cells, baseCellsOfCell };
}

let cached: ReleaseGeography | null = null;

/** The release geography of db/data/jakarta-timur-kelurahan.geojson, built on first use and then cached. */
export function loadReleaseGeography(): ReleaseGeography {
  if (!cached) {
    const file = path.join(GEOGRAPHY_DIR, 'jakarta-timur-kelurahan.geojson');
    cached = buildReleaseGeography(JSON.parse(readFileSync(file, 'utf8')) as KelurahanCollection);
  }
  return cached;
}

/** The base cell of a point, or null when the point lies outside every base cell (then it counts as unlocated). */
export function baseCellAt(geography: ReleaseGeography, lng: number, lat: number): H3Index | null {
  const cell = latLngToCell(lat, lng, BASE_RESOLUTION) as H3Index;
  return geography.kelurahanOfBaseCell.has(cell) ? cell : null;
}

/** Where an incident counts: its base cell when its point lies in one, otherwise the kelurahan it was reported in. */
export type IncidentPlace = { baseCell: H3Index } | { unlocatedIn: KelurahanCode };

/**
 * Places an incident for the release (call at import and store the result): a point inside a base cell counts
 * in that cell and so in the cell's kelurahan; no point, or a point outside the city, counts as unlocated in
 * the reported kelurahan.
 */
export function placeIncident(
  geography: ReleaseGeography,
  lngLat: readonly [number, number] | null,
  kelurahan: KelurahanCode,
): IncidentPlace {
  const cell = lngLat ? baseCellAt(geography, lngLat[0], lngLat[1]) : null;
  return cell ? { baseCell: cell } : { unlocatedIn: kelurahan };
}

/** Every area's base-cell membership (kota, kecamatan, kelurahan), for the API to publish as geography. */
export function areaMemberships(geography: ReleaseGeography): AreaMembership[] {
  return [geography.kota, ...geography.kecamatan, ...geography.kelurahan].map((a) => ({
    code: a.code,
    level: a.level,
    baseCells: a.baseCells,
  }));
}

/** Outline of a set of base cells as GeoJSON MultiPolygon coordinates ([lng, lat], closed rings). */
export function outlineOfCells(cells: readonly H3Index[]): number[][][][] {
  return cellsToMultiPolygon([...cells], true);
}

/** Centre of a cell as [lng, lat] in degrees. */
export function cellCentre(cell: H3Index): [number, number] {
  const [lat, lng] = cellToLatLng(cell);
  return [lng, lat];
}

/** The H3 parent of a cell at a coarser resolution. */
export function parentCell(cell: H3Index, resolution: number): H3Index {
  return cellToParent(cell, resolution) as H3Index;
}
