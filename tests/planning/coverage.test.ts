// The arithmetic of the coverage view: when an intervention covers a cell, how far the nearest one is, which cells
// count as high risk, and which quarters a before/after table may fill and sum.
import { describe, expect, it } from 'vitest';
import { metresPerDegree } from '@titik-rawan/server/geography/point-grid';
import { cellPolygon } from '@titik-rawan/server/releases/features';
import { cellCentre, loadReleaseGeography } from '@titik-rawan/server/releases/geography';
import {
  coverCells,
  highRiskFrom,
  isHighRisk,
  quartersAround,
  totalIfPublished,
  type CellToCover,
  type CoveringSite,
} from '@titik-rawan/server/planning/coverage';
import type { InterventionKind } from '@titik-rawan/shared';

/** A resolution-8 cell in the middle of East Jakarta's list, with its centre and corners. */
const geography = loadReleaseGeography();
const CELL = geography.cells[8][Math.floor(geography.cells[8].length / 2)]!;
const [LON, LAT] = cellCentre(CELL);
const CORNERS = (cellPolygon(CELL).coordinates[0] ?? []) as number[][];
const SCALE = metresPerDegree(LAT);
const TARGET: CellToCover = { cell: CELL, resolution: 8, lon: LON, lat: LAT };

/** A site of a kind `east` metres east and `north` metres north of the cell's centre. */
function site(kind: InterventionKind, east: number, north = 0): CoveringSite {
  return { kind, lon: LON + east / SCALE.lon, lat: LAT + north / SCALE.lat };
}

describe('coverCells', () => {
  it('covers a cell from within the reach of its centre, and reports the nearest distance', () => {
    // Beyond the hexagon (its corners are about 460 m from the centre at resolution 8), so only the reach counts.
    const [covered] = coverCells([TARGET], [site('banner', 690), site('cctv', 0, -480)], 700);
    expect(covered?.covered).toBe(true);
    expect(covered?.nearestM).toBeCloseTo(480, 6);
    expect(covered?.kinds).toEqual(['banner', 'cctv']);
    const [beyond] = coverCells([TARGET], [site('banner', 710), site('kk_check', -600)], 590);
    expect(beyond).toMatchObject({ covered: false, kinds: [] });
    expect(beyond?.nearestM).toBeCloseTo(600, 6);
  });

  it('covers a cell from anywhere inside its hexagon, however far from the centre', () => {
    // A point just inside a corner of the hexagon: about 460 m from the centre at resolution 8.
    const [cornerLng = 0, cornerLat = 0] = CORNERS[0] ?? [];
    const inside: CoveringSite = {
      kind: 'socialisation',
      lon: LON + 0.97 * (cornerLng - LON),
      lat: LAT + 0.97 * (cornerLat - LAT),
    };
    const [covered] = coverCells([TARGET], [inside], 100);
    expect(covered?.covered).toBe(true);
    expect(covered?.kinds).toEqual(['socialisation']);
    expect(covered?.nearestM).toBeGreaterThan(400);
    // Just outside the opposite way, as far from the centre again: not covered with a short reach.
    const outside = { ...inside, lon: LON + 1.05 * (cornerLng - LON), lat: LAT + 1.05 * (cornerLat - LAT) };
    expect(coverCells([TARGET], [outside], 100)[0]?.covered).toBe(false);
  });

  it('says there is no nearest intervention when there is none, and refuses a reach that is not positive', () => {
    expect(coverCells([TARGET], [], 300)).toEqual([{ covered: false, nearestM: null, kinds: [] }]);
    expect(() => coverCells([TARGET], [], 0)).toThrow(/reach/);
    expect(() => coverCells([TARGET], [], Number.NaN)).toThrow(/reach/);
  });
});

describe('highRiskFrom and isHighRisk', () => {
  it('take the risk of the top share of cells, ties included, and never a cell without risk factors', () => {
    const scores = Float64Array.from([1, 1, 3, 9, 9, 2, 1, 1, 1, 5]);
    expect(highRiskFrom(scores, 0.1)).toBe(9);
    expect(highRiskFrom(scores, 0.2)).toBe(9);
    expect(highRiskFrom(scores, 0.3)).toBe(5);
    const flagged = [...scores].filter((s) => isHighRisk(s, highRiskFrom(scores, 0.1)));
    expect(flagged).toEqual([9, 9]);
    const flat = Float64Array.from([1, 1, 1, 1]);
    expect([...flat].some((s) => isHighRisk(s, highRiskFrom(flat, 0.1)))).toBe(false);
    expect(highRiskFrom(new Float64Array(), 0.1)).toBe(Infinity);
  });
});

describe('quartersAround', () => {
  const span = { first: '2023-11', last: '2026-10' };

  it('takes four whole quarters on each side of the first intervention’s quarter, which is left out', () => {
    const around = quartersAround('2025-02-14', span);
    expect(around.quarter).toBe('2025-Q1');
    expect(around.before.map((q) => q.quarter)).toEqual(['2024-Q1', '2024-Q2', '2024-Q3', '2024-Q4']);
    expect(around.after.map((q) => q.quarter)).toEqual(['2025-Q2', '2025-Q3', '2025-Q4', '2026-Q1']);
    expect([...around.before, ...around.after].every((q) => q.place === 'in_data')).toBe(true);
    expect(quartersAround('2025-03-31', span).quarter).toBe('2025-Q1');
    expect(quartersAround('2025-04-01', span).quarter).toBe('2025-Q2');
  });

  it('marks quarters not wholly inside the data: before it, or not yet over', () => {
    const early = quartersAround('2024-07-01', span);
    expect(early.before).toEqual([
      { quarter: '2023-Q3', place: 'before_data' },
      // Only November and December of 2023-Q4 are in the data: not a whole quarter.
      { quarter: '2023-Q4', place: 'before_data' },
      { quarter: '2024-Q1', place: 'in_data' },
      { quarter: '2024-Q2', place: 'in_data' },
    ]);
    const late = quartersAround('2026-01-20', span);
    expect(late.after).toEqual([
      { quarter: '2026-Q2', place: 'in_data' },
      { quarter: '2026-Q3', place: 'in_data' },
      // The data end in October 2026: 2026-Q4 is not over.
      { quarter: '2026-Q4', place: 'not_yet' },
      { quarter: '2027-Q1', place: 'not_yet' },
    ]);
    expect(quartersAround('2025-05-05', null).after.every((q) => q.place === 'not_yet')).toBe(true);
  });
});

describe('totalIfPublished', () => {
  it('sums only when every quarter is published', () => {
    expect(totalIfPublished([3, 0, 5, 4])).toBe(12);
    expect(totalIfPublished([3, null, 5, 4])).toBeNull();
    expect(totalIfPublished([])).toBe(0);
  });
});
