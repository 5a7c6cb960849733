import { describe, expect, it } from 'vitest';
import type { VenueCollection } from '../api/types.ts';
import { lngLat } from '../map/geography.ts';
import { distanceMetres, venuesNear } from './nearbyVenues.ts';

/** Metres per degree of latitude on the spherical Earth. */
const METRES_PER_DEGREE = 111_195;

const origin = lngLat(106.88, -6.22);

/** A venue `north` metres north of the origin. */
function venue(id: string, north: number) {
  return {
    type: 'Feature' as const,
    id,
    geometry: { type: 'Point' as const, coordinates: [106.88, -6.22 + north / METRES_PER_DEGREE] },
    properties: { kind: 'kost' as const, name: `Kost ${id}`, source: 'synthetic' as const },
  };
}

describe('venues near a point', () => {
  it('measure metres along the ground', () => {
    expect(distanceMetres(origin, lngLat(106.88, -6.22 + 100 / METRES_PER_DEGREE))).toBeCloseTo(100, 1);
    // A degree of longitude is shorter by cos(latitude).
    const east = distanceMetres(origin, lngLat(106.88 + 100 / METRES_PER_DEGREE, -6.22));
    expect(east).toBeCloseTo(100 * Math.cos((6.22 * Math.PI) / 180), 1);
  });

  it('keep those within 150 m, nearest first', () => {
    const venues: VenueCollection = {
      type: 'FeatureCollection',
      notice: 'planning',
      synthetic: true,
      features: [venue('1', 149), venue('2', 20), venue('3', 151), venue('4', -60)],
    };
    expect(venuesNear(venues, origin).map((v) => [v.id, Math.round(v.distanceM)])).toEqual([
      ['2', 20],
      ['4', 60],
      ['1', 149],
    ]);
  });
});
