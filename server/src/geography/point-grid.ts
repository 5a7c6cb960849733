// Points on a local plane (metres east and north of an origin) bucketed in squares, for finding every point
// within a fixed distance of another quickly: the neighbour search of the risk terrain and of placement planning.

/** Metres per degree of latitude and of longitude at a latitude, on the WGS84 ellipsoid. */
export function metresPerDegree(latitude: number): { lat: number; lon: number } {
  const a = 6378137;
  const e2 = 0.00669437999014;
  const sin = Math.sin((latitude * Math.PI) / 180);
  const w = Math.sqrt(1 - e2 * sin * sin);
  const meridian = (a * (1 - e2)) / (w * w * w);
  const primeVertical = a / w;
  return {
    lat: (meridian * Math.PI) / 180,
    lon: (primeVertical * Math.cos((latitude * Math.PI) / 180) * Math.PI) / 180,
  };
}

/**
 * A projection of lon/lat to metres east and north of an origin (equirectangular at the origin's latitude:
 * good to well under 0.1 % across a city).
 */
export function localPlane(
  originLat: number,
  originLon: number,
): (lat: number, lon: number) => [number, number] {
  const scale = metresPerDegree(originLat);
  return (lat, lon) => [(lon - originLon) * scale.lon, (lat - originLat) * scale.lat];
}

/** Points with an integer value each, bucketed in squares of side `reach` metres. */
export class PointGrid {
  private readonly buckets = new Map<number, { x: number[]; y: number[]; value: number[] }>();

  /** A grid for searches up to `reach` metres. */
  constructor(private readonly reach: number) {}

  /** Adds a point at (x, y) metres carrying `value` (an index or a code). */
  add(x: number, y: number, value: number): void {
    const key = this.key(Math.floor(x / this.reach), Math.floor(y / this.reach));
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = { x: [], y: [], value: [] };
      this.buckets.set(key, bucket);
    }
    bucket.x.push(x);
    bucket.y.push(y);
    bucket.value.push(value);
  }

  /** Calls `visit(value, squaredDistance)` for every point within `reach` of (x, y). */
  forEachNear(x: number, y: number, visit: (value: number, squaredDistance: number) => void): void {
    const column = Math.floor(x / this.reach);
    const row = Math.floor(y / this.reach);
    const reach2 = this.reach * this.reach;
    for (let i = column - 1; i <= column + 1; i++) {
      for (let j = row - 1; j <= row + 1; j++) {
        const bucket = this.buckets.get(this.key(i, j));
        if (!bucket) continue;
        for (let v = 0; v < bucket.x.length; v++) {
          const d2 = ((bucket.x[v] ?? 0) - x) ** 2 + ((bucket.y[v] ?? 0) - y) ** 2;
          if (d2 <= reach2) visit(bucket.value[v] ?? 0, d2);
        }
      }
    }
  }

  /** One number per square (columns and rows within ±2^20 of the origin: ±1,000 km at 1 m squares). */
  private key(column: number, row: number): number {
    return (column + 2 ** 20) * 2 ** 21 + (row + 2 ** 20);
  }
}
