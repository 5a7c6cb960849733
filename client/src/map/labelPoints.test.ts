import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { AreaCollection } from '../api/types.ts';
import { areaLabelPoints, interiorPoint } from './labelPoints.ts';

const square: Polygon = {
  type: 'Polygon',
  coordinates: [
    [
      [0, 0],
      [2, 0],
      [2, 2],
      [0, 2],
      [0, 0],
    ],
  ],
};

/** A U shape whose centroid falls in the notch, outside the polygon. */
const uShape: Polygon = {
  type: 'Polygon',
  coordinates: [
    [
      [0, 0],
      [3, 0],
      [3, 3],
      [2, 3],
      [2, 1],
      [1, 1],
      [1, 3],
      [0, 3],
      [0, 0],
    ],
  ],
};

describe('interiorPoint', () => {
  it('is the centroid of a convex polygon', () => {
    expect(interiorPoint(square)).toEqual([1, 1]);
  });

  it('stays inside a concave polygon whose centroid is outside', () => {
    const [x = NaN, y = NaN] = interiorPoint(uShape) ?? [];
    const inLeftArm = x > 0 && x < 1 && y > 0 && y < 3;
    const inRightArm = x > 2 && x < 3 && y > 0 && y < 3;
    const inBase = x > 0 && x < 3 && y > 0 && y < 1;
    expect(inLeftArm || inRightArm || inBase).toBe(true);
  });

  it('labels the largest part of a multipolygon', () => {
    const point = interiorPoint({
      type: 'MultiPolygon',
      coordinates: [
        [
          [
            [10, 10],
            [10.1, 10],
            [10.1, 10.1],
            [10, 10],
          ],
        ],
        square.coordinates,
      ],
    });
    expect(point).toEqual([1, 1]);
  });
});

describe('areaLabelPoints', () => {
  it('makes one named point per area, keyed by Kemendagri code', () => {
    const areas: AreaCollection = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          geometry: square,
          properties: {
            code: '31.75.01',
            name: 'Matraman',
            level: 'kecamatan',
            parentCode: '31.75',
            areaKm2: 4.9,
            population: null,
          },
        },
      ],
    };
    expect(areaLabelPoints(areas).features).toEqual([
      {
        type: 'Feature',
        id: '31.75.01',
        geometry: { type: 'Point', coordinates: [1, 1] },
        properties: { code: '31.75.01', name: 'Matraman' },
      },
    ]);
  });
});
