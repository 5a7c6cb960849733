// Generators shared by the import property tests.
import fc from 'fast-check';
import { loadKelurahanLocator } from '@titik-rawan/server/imports/kelurahan-at';
import type { Point } from '@titik-rawan/server/imports/rows';

const locator = loadKelurahanLocator();

/** A point inside East Jakarta with six decimals, as partners' GPS exports give them. */
export const pointArb: fc.Arbitrary<Point> = fc
  .record({
    lng: fc.integer({ min: 106_840_000, max: 106_980_000 }).map((micro) => micro / 1e6),
    lat: fc.integer({ min: -6_380_000, max: -6_140_000 }).map((micro) => micro / 1e6),
  })
  .filter((point) => locator.kelurahanAt(point.lng, point.lat) !== null);
