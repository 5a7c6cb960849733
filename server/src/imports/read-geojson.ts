// GeoJSON uploads as rows: each feature of a FeatureCollection is a row, its properties are the columns and its
// Point geometry is the row's point. Features are read one at a time (read-json.ts).
import { readJsonMembers } from './read-json';
import { ImportFileError, rowError, type ImportRow, type Point, type ReadEvent } from './rows';

/** A GeoJSON geometry as found in a file (not yet checked). */
interface AnyGeometry {
  type?: unknown;
  coordinates?: unknown;
}

function isPosition(value: unknown): value is [number, number] {
  return (
    Array.isArray(value) &&
    value.length >= 2 &&
    typeof value[0] === 'number' &&
    typeof value[1] === 'number' &&
    Number.isFinite(value[0]) &&
    Number.isFinite(value[1])
  );
}

/**
 * Area-weighted centroid of a polygon's outer ring (planar, in degrees; computed relative to the first vertex so
 * that large coordinates lose no precision), or its first vertex if it has no area.
 */
function ringCentroid(ring: [number, number][]): Point & { area: number } {
  const [x0, y0] = ring[0] as [number, number];
  let area = 0;
  let x = 0;
  let y = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const [x1, y1] = ring[i] as [number, number];
    const [x2, y2] = ring[i + 1] as [number, number];
    const [ax, ay, bx, by] = [x1 - x0, y1 - y0, x2 - x0, y2 - y0];
    const cross = ax * by - bx * ay;
    area += cross;
    x += (ax + bx) * cross;
    y += (ay + by) * cross;
  }
  if (area === 0) return { lng: x0, lat: y0, area: 0 };
  return { lng: x0 + x / (3 * area), lat: y0 + y / (3 * area), area: Math.abs(area / 2) };
}

function asRings(value: unknown): [number, number][][] | null {
  if (!Array.isArray(value) || value.length === 0) return null;
  return value.every((ring) => Array.isArray(ring) && ring.length > 0 && ring.every(isPosition))
    ? (value as [number, number][][])
    : null;
}

/**
 * The point of a feature's geometry: a Point's position; with `areasToCentre`, also the centroid of a
 * Polygon or of a MultiPolygon's largest part, or the middle vertex of a LineString (OpenStreetMap exports
 * give buildings as polygons). Returns null for a missing geometry, or the reason it gives no point.
 */
export function geometryPoint(
  geometry: unknown,
  areasToCentre: boolean,
): { point: Point | null } | { problem: string } {
  if (geometry === null || geometry === undefined) return { point: null };
  const { type, coordinates } = geometry as AnyGeometry;
  if (type === 'Point') {
    if (!isPosition(coordinates))
      return { problem: 'has a Point geometry without two numbers as coordinates' };
    return { point: { lng: coordinates[0], lat: coordinates[1] } };
  }
  if (areasToCentre && type === 'Polygon') {
    const rings = asRings(coordinates);
    if (rings) {
      const { lng, lat } = ringCentroid(rings[0] as [number, number][]);
      return { point: { lng, lat } };
    }
  }
  if (areasToCentre && type === 'MultiPolygon' && Array.isArray(coordinates)) {
    const parts = coordinates.map(asRings);
    if (parts.length > 0 && parts.every((rings) => rings !== null)) {
      const centres = parts.map((rings) => ringCentroid((rings as [number, number][][])[0] ?? []));
      const largest = centres.reduce((a, b) => (b.area > a.area ? b : a));
      return { point: { lng: largest.lng, lat: largest.lat } };
    }
  }
  if (areasToCentre && type === 'LineString' && Array.isArray(coordinates) && coordinates.every(isPosition)) {
    const middle = coordinates[Math.floor(coordinates.length / 2)];
    if (middle) return { point: { lng: middle[0], lat: middle[1] } };
  }
  const named = typeof type === 'string' ? `a ${type}` : 'an unknown';
  return { problem: `has ${named} geometry; only points can be imported` };
}

/** A property value as the text a spreadsheet cell would hold (numbers in plain notation, null as empty). */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/**
 * Reads a GeoJSON FeatureCollection into a header event (the first feature's property names), one row per
 * feature (numbered from 1; a `columns` event first when a feature brings new property names) and an end
 * event. Throws `ImportFileError('not_a_feature_collection')` for any other JSON.
 */
export async function* readGeoJson(text: AsyncIterable<string>): AsyncGenerator<ReadEvent> {
  let columns: string[] | null = null;
  let known = new Set<string>();
  let features = 0;
  let collection = false;
  for await (const member of readJsonMembers(text, ['features'], ['type'])) {
    if (member.key === 'type') {
      if (member.value !== 'FeatureCollection') throw notACollection();
      collection = true;
      continue;
    }
    features++;
    const feature = (member.value ?? {}) as { properties?: unknown; geometry?: unknown };
    const properties =
      typeof feature.properties === 'object' && feature.properties !== null
        ? (feature.properties as Record<string, unknown>)
        : {};
    const names = Object.keys(properties).map((name) => name.trim());
    if (columns === null) {
      columns = names;
      known = new Set(names);
      yield { type: 'header', format: 'geojson', unit: 'feature', columns, delimiter: null };
    } else {
      const added = names.filter((name) => !known.has(name));
      if (added.length > 0) {
        for (const name of added) known.add(name);
        columns = [...columns, ...added];
        yield { type: 'columns', row: features, columns, added };
      }
    }
    const values: Record<string, string> = {};
    for (const [name, value] of Object.entries(properties)) values[name.trim()] = cellText(value);
    const located = geometryPoint(feature.geometry, false);
    const row: ImportRow = {
      type: 'row',
      unit: 'feature',
      row: features,
      values,
      point: 'point' in located ? located.point : null,
      errors:
        'problem' in located ? [rowError('feature', features, null, 'not_a_point', located.problem)] : [],
    };
    yield row;
  }
  if (!collection && features === 0) throw notACollection();
  if (columns === null)
    yield { type: 'header', format: 'geojson', unit: 'feature', columns: [], delimiter: null };
  yield { type: 'end', rows: features, skipped: {} };
}

function notACollection(): ImportFileError {
  return new ImportFileError(
    'not_a_feature_collection',
    'The file is JSON but not a GeoJSON FeatureCollection (an object with "type": "FeatureCollection" and ' +
      'a "features" list).',
  );
}
