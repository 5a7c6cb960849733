// What the published bins tell anyone (the facts the disclosure check adds), and the guard rails.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EmergingClass, H3Index } from '@titik-rawan/shared';
import { EMERGING_CLASSES, classifyEmerging } from '@titik-rawan/server/analytics/emerging';
import { stepKnowledgeOfClass } from '@titik-rawan/server/analytics/emerging-knowledge';
import { hotSpotBins, twoSidedPValue, zOfTwoSidedP } from '@titik-rawan/server/analytics/fdr';
import { giStar } from '@titik-rawan/server/analytics/gi-star';
import { cellNeighbourhoods } from '@titik-rawan/server/analytics/h3-neighbours';
import {
  hotspotAnalysis,
  localSumBounds,
  zRangesOfBins,
  type ZRange,
} from '@titik-rawan/server/analytics/hotspots';

const input = JSON.parse(readFileSync(new URL('../fixtures/gistar/input.json', import.meta.url), 'utf8')) as {
  cells: H3Index[];
};
const hood = cellNeighbourhoods(input.cells, 1);

function inside(z: number, range: ZRange): boolean {
  const aboveLow = range.lowOpen ? z > range.low : z >= range.low;
  const belowHigh = range.highOpen ? z < range.high : z <= range.high;
  return aboveLow && belowHigh;
}

const countsArb = fc.array(fc.nat({ max: 12 }), {
  minLength: input.cells.length,
  maxLength: input.cells.length,
});

describe('what published Gi* bins imply', () => {
  it('zOfTwoSidedP inverts the two-sided p-value', () => {
    for (const p of [0.1, 0.05, 0.01, 1e-4, 0.5]) expect(twoSidedPValue(zOfTwoSidedP(p))).toBeCloseTo(p, 10);
    expect(zOfTwoSidedP(0.05)).toBeCloseTo(1.959964, 6);
  });

  it('every cell’s true z-score lies in the range its bins imply, for any counts', () => {
    fc.assert(
      fc.property(countsArb, (list) => {
        const counts = Float64Array.from(list);
        const z = giStar(counts, hood.neighbours);
        const ranges = zRangesOfBins(hotSpotBins(z));
        z.forEach((zi, i) => expect(inside(zi, ranges[i] as ZRange), `cell ${i}, z = ${zi}`).toBe(true));
      }),
      { numRuns: 200 },
    );
  });

  it('the implied neighbourhood-sum bounds hold for the true sums and narrow significant cells', () => {
    fc.assert(
      fc.property(countsArb, (list) => {
        const counts = Float64Array.from(list);
        const result = hotspotAnalysis(counts, hood);
        zRangesOfBins(result.bins).forEach((range, i) => {
          const cells = hood.neighbours[i] ?? [];
          const bounds = localSumBounds(range, cells.length, counts.length, result.mean, result.sd);
          if (!bounds) return;
          const truth = cells.reduce((sum, j) => sum + (counts[j] ?? 0), 0);
          expect(truth).toBeGreaterThanOrEqual(bounds.lower);
          expect(truth).toBeLessThanOrEqual(bounds.upper);
          if ((result.bins[i] ?? 0) > 0) expect(bounds.lower).toBeGreaterThan(0);
        });
      }),
      { numRuns: 200 },
    );
  });

  it('bins of counts that never vary say nothing', () => {
    const result = hotspotAnalysis(new Float64Array(input.cells.length).fill(2), hood);
    const range = zRangesOfBins(result.bins)[0] as ZRange;
    expect(localSumBounds(range, 7, input.cells.length, result.mean, result.sd)).toBeNull();
    expect(result.warnings.map((w) => w.code)).toContain('no_variation');
  });
});

describe('guard rails', () => {
  it('warns about too few cells with data, too few incidents and the cells at the city’s edge', () => {
    const counts = new Float64Array(input.cells.length);
    counts[0] = 3;
    counts[1] = 4;
    const result = hotspotAnalysis(counts, hood);
    const codes = result.warnings.map((w) => w.code);
    expect(codes).toEqual(expect.arrayContaining(['few_cells_with_data', 'few_incidents', 'edge_cells']));
    expect(result.edge.reduce((s, e) => s + e, 0)).toBe(hood.edgeCells.length);
    expect(result.neighbours[hood.edgeCells[0] ?? 0]).toBeLessThan(7);
  });

  it('does not warn about data on a well-filled map', () => {
    const counts = Float64Array.from(input.cells, (_, i) => 1 + (i % 5));
    const codes = hotspotAnalysis(counts, hood).warnings.map((w) => w.code);
    expect(codes).not.toContain('few_cells_with_data');
    expect(codes).not.toContain('few_incidents');
  });
});

describe('what an emerging class implies about each step', () => {
  const seriesArb = fc.array(fc.constantFrom(-3, -1, 0, 0, 1, 3), { minLength: 4, maxLength: 14 });

  it('holds for every series: each known step is as the class says', () => {
    fc.assert(
      fc.property(
        seriesArb,
        fc.array(fc.double({ min: -4, max: 4, noNaN: true }), { minLength: 14, maxLength: 14 }),
        (bins, zs) => {
          const z = bins.map((_, t) => zs[t] ?? 0);
          const { class: cls } = classifyEmerging(bins, z);
          stepKnowledgeOfClass(cls, bins.length).forEach((known, t) => {
            const b = bins[t] ?? 0;
            if (known.hot !== undefined) expect(b > 0, `${cls} step ${t}`).toBe(known.hot);
            if (known.cold !== undefined) expect(b < 0, `${cls} step ${t}`).toBe(known.cold);
          });
        },
      ),
      { numRuns: 500 },
    );
  });

  it('knows every class', () => {
    for (const cls of EMERGING_CLASSES)
      expect(() => stepKnowledgeOfClass(cls as EmergingClass, 12)).not.toThrow();
    expect(stepKnowledgeOfClass('new-hot-spot', 5).map((k) => k.hot)).toEqual([
      false,
      false,
      false,
      false,
      true,
    ]);
  });
});
