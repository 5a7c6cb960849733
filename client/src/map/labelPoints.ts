/**
 * Label anchors for area polygons: one point per area, inside it, so each name is drawn once even
 * when MapLibre cuts a polygon into tiles.
 */
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon, Position } from 'geojson';
import type { AreaCollection } from '../api/types.ts';

/** Properties of a label anchor: the area's Kemendagri code and its name. */
export interface AreaLabelProperties {
  code: string;
  name: string;
}

type Ring = Position[];

function ringSignedArea(ring: Ring): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi = 0, yi = 0] = ring[i] ?? [];
    const [xj = 0, yj = 0] = ring[j] ?? [];
    sum += xj * yi - xi * yj;
  }
  return sum / 2;
}

function ringCentroid(ring: Ring): [number, number] | null {
  let area = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi = 0, yi = 0] = ring[i] ?? [];
    const [xj = 0, yj = 0] = ring[j] ?? [];
    const cross = xj * yi - xi * yj;
    area += cross;
    cx += (xj + xi) * cross;
    cy += (yj + yi) * cross;
  }
  if (area === 0) return null;
  return [cx / (3 * area), cy / (3 * area)];
}

function pointInRing([x, y]: [number, number], ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi = 0, yi = 0] = ring[i] ?? [];
    const [xj = 0, yj = 0] = ring[j] ?? [];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function pointInPolygon(point: [number, number], rings: Ring[]): boolean {
  const [outer, ...holes] = rings;
  if (!outer || !pointInRing(point, outer)) return false;
  return !holes.some((hole) => pointInRing(point, hole));
}

/** Midpoint of the widest inside stretch of the horizontal line at latitude `y`, or null if none. */
function widestStretchAt(y: number, rings: Ring[]): [number, number] | null {
  const crossings: number[] = [];
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi = 0, yi = 0] = ring[i] ?? [];
      const [xj = 0, yj = 0] = ring[j] ?? [];
      if (yi > y !== yj > y) crossings.push(((xj - xi) * (y - yi)) / (yj - yi) + xi);
    }
  }
  crossings.sort((a, b) => a - b);
  let best: [number, number] | null = null;
  let bestWidth = 0;
  for (let k = 0; k + 1 < crossings.length; k += 2) {
    const left = crossings[k] ?? 0;
    const right = crossings[k + 1] ?? 0;
    if (right - left > bestWidth) {
      bestWidth = right - left;
      best = [(left + right) / 2, y];
    }
  }
  return best;
}

function largestPolygon(geometry: Polygon | MultiPolygon): Ring[] | null {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let best: Ring[] | null = null;
  let bestArea = -1;
  for (const rings of polygons) {
    const outer = rings[0];
    if (!outer) continue;
    const area = Math.abs(ringSignedArea(outer));
    if (area > bestArea) {
      bestArea = area;
      best = rings;
    }
  }
  return best;
}

/** A point inside a polygon (its centroid when that lies inside, else the middle of its widest stretch). */
export function interiorPoint(geometry: Polygon | MultiPolygon): [number, number] | null {
  const rings = largestPolygon(geometry);
  const outer = rings?.[0];
  if (!rings || !outer) return null;
  const centroid = ringCentroid(outer);
  if (centroid && pointInPolygon(centroid, rings)) return centroid;
  const ys = outer.map(([, y = 0]) => y);
  const south = Math.min(...ys);
  const north = Math.max(...ys);
  const midY = centroid?.[1] ?? (south + north) / 2;
  const fallback = widestStretchAt(midY, rings) ?? widestStretchAt((south + north) / 2, rings);
  if (fallback) return fallback;
  const [x = 0, y = 0] = outer[0] ?? [];
  return [x, y];
}

/** One label point per area of a collection, with its code and name; areas without geometry are skipped. */
export function areaLabelPoints(areas: AreaCollection): FeatureCollection<Point, AreaLabelProperties> {
  const features: Feature<Point, AreaLabelProperties>[] = [];
  for (const area of areas.features) {
    if (!area.geometry) continue;
    const point = interiorPoint(area.geometry);
    if (!point) continue;
    features.push({
      type: 'Feature',
      id: area.properties.code,
      geometry: { type: 'Point', coordinates: point },
      properties: { code: area.properties.code, name: area.properties.name },
    });
  }
  return { type: 'FeatureCollection', features };
}
