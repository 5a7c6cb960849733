// The placement optimiser (maximal covering location problem): the greedy answer against exhaustive search on
// small instances, existing sites, the coverage distance, and the figures partners will read.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { metresPerDegree } from '@titik-rawan/server/geography/point-grid';
import {
  coverageSets,
  coverExactly,
  coverGreedily,
  type CoveringProblem,
  type Demand,
  type Site,
} from '@titik-rawan/server/planning/covering';

/** East Jakarta's middle, the origin of the test layouts. */
const ORIGIN = { lat: -6.25, lon: 106.9 };
const SCALE = metresPerDegree(ORIGIN.lat);

/** A site `x` metres east and `y` metres north of the origin. */
function at(x: number, y = 0): Site {
  return { lat: ORIGIN.lat + y / SCALE.lat, lon: ORIGIN.lon + x / SCALE.lon };
}

function demandAt(x: number, weight: number, y = 0): Demand {
  return { ...at(x, y), weight };
}

/** Weight within `coverageM` of any of the sites, by direct distances (no grid), for checking plans. */
function coveredWeight(problem: CoveringProblem, sites: readonly Site[]): number {
  const near = (a: Site, b: Site) =>
    Math.hypot((a.lon - b.lon) * SCALE.lon, (a.lat - b.lat) * SCALE.lat) <= problem.coverageM;
  return problem.demand.reduce((sum, d) => sum + (sites.some((s) => near(s, d)) ? d.weight : 0), 0);
}

describe('coverGreedily and coverExactly', () => {
  // Demand at x = −60, 0, 100, 160 m; X at 50 covers the middle two (6), Y and Z each an end and a middle (5.5).
  const trap: CoveringProblem = {
    demand: [demandAt(-60, 2.5), demandAt(0, 3), demandAt(100, 3), demandAt(160, 2.5)],
    candidates: [at(50), at(-10), at(110)],
    existing: [],
    coverageM: 60,
    sites: 2,
  };

  it('finds the optimum where the greedy rule falls short, and reports both', () => {
    const greedy = coverGreedily(trap);
    const exact = coverExactly(trap);
    expect(greedy.chosen).toEqual([
      { candidate: 0, addedWeight: 6 },
      { candidate: 1, addedWeight: 2.5 },
    ]);
    expect(greedy.coveredWeight).toBe(8.5);
    expect(exact.coveredWeight).toBe(11);
    expect(exact.chosen.map((c) => c.candidate).sort()).toEqual([1, 2]);
    expect(exact.chosen.reduce((sum, c) => sum + c.addedWeight, 0)).toBe(11);
    expect(greedy.coveredWeight / exact.coveredWeight).toBeGreaterThanOrEqual(1 - 1 / Math.E);
  });

  it('keeps the demand existing sites cover out of what new sites add', () => {
    const plan = coverGreedily({ ...trap, existing: [at(50)] });
    expect(plan.existingWeight).toBe(6);
    expect(plan.chosen).toEqual([
      { candidate: 1, addedWeight: 2.5 },
      { candidate: 2, addedWeight: 2.5 },
    ]);
    expect(plan.coveredWeight).toBe(11);
    expect(plan.totalWeight).toBe(11);
  });

  it('covers demand up to the coverage distance and not beyond', () => {
    const problem = {
      ...trap,
      demand: [demandAt(99.5, 1), demandAt(100.5, 1)],
      candidates: [at(0)],
      coverageM: 100,
    };
    expect(coverageSets(problem).byCandidate[0]).toEqual(Int32Array.from([0]));
    expect(coverGreedily({ ...problem, sites: 1 }).coveredWeight).toBe(1);
  });

  it('stops when nothing more can be covered, and names a bad parameter', () => {
    expect(coverGreedily({ ...trap, sites: 5 }).chosen).toHaveLength(3);
    expect(coverGreedily({ ...trap, sites: 0 }).coveredWeight).toBe(0);
    expect(() => coverGreedily({ ...trap, coverageM: 0 })).toThrow(/coverage distance/);
    expect(() => coverGreedily({ ...trap, sites: 1.5 })).toThrow(/number of sites/);
    expect(() => coverGreedily({ ...trap, demand: [demandAt(0, -1)] })).toThrow(/weight/);
  });

  it('stays within 1 − 1/e of the optimum on random small instances, and is usually optimal', () => {
    const point = fc.record({ x: fc.integer({ min: 0, max: 1200 }), y: fc.integer({ min: 0, max: 1200 }) });
    const instance = fc.record({
      demand: fc.array(fc.record({ p: point, weight: fc.integer({ min: 0, max: 20 }) }), {
        minLength: 1,
        maxLength: 25,
      }),
      candidates: fc.array(point, { minLength: 1, maxLength: 12 }),
      existing: fc.array(point, { maxLength: 2 }),
      coverageM: fc.integer({ min: 150, max: 500 }),
      sites: fc.integer({ min: 1, max: 4 }),
    });
    const ratios: number[] = [];
    fc.assert(
      fc.property(instance, (raw) => {
        const problem: CoveringProblem = {
          demand: raw.demand.map(({ p, weight }) => demandAt(p.x, weight, p.y)),
          candidates: raw.candidates.map(({ x, y }) => at(x, y)),
          existing: raw.existing.map(({ x, y }) => at(x, y)),
          coverageM: raw.coverageM,
          sites: raw.sites,
        };
        const greedy = coverGreedily(problem);
        const exact = coverExactly(problem);
        const sites = (plan: typeof greedy) => [
          ...problem.existing,
          ...plan.chosen.map((c) => problem.candidates[c.candidate] ?? at(0)),
        ];
        // Both plans' totals agree with direct distances, and adding up what each site adds gives the total.
        expect(greedy.coveredWeight).toBeCloseTo(coveredWeight(problem, sites(greedy)), 9);
        expect(exact.coveredWeight).toBeCloseTo(coveredWeight(problem, sites(exact)), 9);
        for (const plan of [greedy, exact]) {
          expect(plan.existingWeight + plan.chosen.reduce((s, c) => s + c.addedWeight, 0)).toBeCloseTo(
            plan.coveredWeight,
            9,
          );
        }
        expect(exact.coveredWeight).toBeGreaterThanOrEqual(greedy.coveredWeight - 1e-9);
        const greedyAdded = greedy.coveredWeight - greedy.existingWeight;
        const exactAdded = exact.coveredWeight - exact.existingWeight;
        expect(greedyAdded).toBeGreaterThanOrEqual((1 - 1 / Math.E) * exactAdded - 1e-9);
        ratios.push(exactAdded > 0 ? greedyAdded / exactAdded : 1);
      }),
      { numRuns: 300, seed: 20241125 },
    );
    const optimal = ratios.filter((r) => r > 1 - 1e-12).length / ratios.length;
    const worst = Math.min(...ratios);
    console.info(
      `greedy vs exact on ${ratios.length} random instances: optimal in ${(optimal * 100).toFixed(1)} %, worst ratio ${worst.toFixed(3)}`,
    );
    expect(optimal).toBeGreaterThan(0.8);
  });
});
