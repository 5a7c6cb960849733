// The patrol plan's route and draws: every stop visited once from the drawn first stop, 2-opt never worse than
// nearest neighbour and close to the shortest route on small instances, the same plan for the same date and
// shift but an unpredictable one across shifts, and stop times that add up.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  improveByTwoOpt,
  nearestNeighbourOrder,
  planRoute,
  routeLength,
  type PlanePoint,
} from '@titik-rawan/server/planning/patrol-route';
import { metresPerDegree } from '@titik-rawan/server/geography/point-grid';
import {
  DETOUR_FACTOR,
  PATROL_SPEED_KMH,
  planPatrol,
  STOP_MINUTES,
  type PatrolCandidate,
} from '@titik-rawan/server/planning/patrol';

const pointsArbitrary = (min: number, max: number) =>
  fc.array(fc.record({ x: fc.integer({ min: 0, max: 8000 }), y: fc.integer({ min: 0, max: 8000 }) }), {
    minLength: min,
    maxLength: max,
  });

/** The shortest open route from `first` through every point, by trying every order (small instances only). */
function shortestRoute(points: readonly PlanePoint[], first: number): number {
  const rest = points.map((_, i) => i).filter((i) => i !== first);
  let best = Infinity;
  const extend = (order: number[], left: number[]) => {
    if (left.length === 0) best = Math.min(best, routeLength(points, order));
    for (const next of left)
      extend(
        [...order, next],
        left.filter((i) => i !== next),
      );
  };
  extend([first], rest);
  return best;
}

/** Whether some reversal of a stretch (keeping the first stop) would still shorten the route. */
function twoOptCanImprove(points: readonly PlanePoint[], order: readonly number[]): boolean {
  const length = routeLength(points, order);
  for (let i = 1; i < order.length - 1; i++) {
    for (let j = i + 1; j < order.length; j++) {
      const reversed = [...order.slice(0, i), ...order.slice(i, j + 1).reverse(), ...order.slice(j + 1)];
      if (routeLength(points, reversed) < length - 1e-6) return true;
    }
  }
  return false;
}

describe('patrol route', () => {
  it('visits every stop exactly once, starting at the given one', () => {
    fc.assert(
      fc.property(pointsArbitrary(1, 12), fc.nat(), (points, seed) => {
        const first = seed % points.length;
        const order = planRoute(points, first);
        expect(order[0]).toBe(first);
        expect([...order].sort((a, b) => a - b)).toEqual(points.map((_, i) => i));
      }),
    );
  });

  it('2-opt is never longer than nearest neighbour and leaves no reversal that would shorten it', () => {
    fc.assert(
      fc.property(pointsArbitrary(2, 12), (points) => {
        const greedy = nearestNeighbourOrder(points, 0);
        const improved = improveByTwoOpt(points, greedy);
        expect(routeLength(points, improved)).toBeLessThanOrEqual(routeLength(points, greedy) + 1e-9);
        expect(twoOptCanImprove(points, improved)).toBe(false);
      }),
    );
  });

  it('comes within a few per cent of the shortest route on small instances', () => {
    const gaps: number[] = [];
    fc.assert(
      fc.property(pointsArbitrary(3, 7), (points) => {
        const best = shortestRoute(points, 0);
        const found = routeLength(points, planRoute(points, 0));
        expect(found).toBeGreaterThanOrEqual(best - 1e-6);
        gaps.push(best > 0 ? found / best - 1 : 0);
      }),
      { numRuns: 300 },
    );
    const optimal = gaps.filter((gap) => gap < 1e-9).length / gaps.length;
    const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
    expect(optimal).toBeGreaterThan(0.8);
    expect(mean).toBeLessThan(0.02);
  });

  it('untangles a crossing: a zig-zag through a square becomes its perimeter', () => {
    const square = [
      { x: 0, y: 0 },
      { x: 1000, y: 1000 },
      { x: 1000, y: 0 },
      { x: 0, y: 1000 },
    ];
    expect(routeLength(square, [0, 1, 2, 3])).toBeGreaterThan(3400);
    expect(routeLength(square, improveByTwoOpt(square, [0, 1, 2, 3]))).toBeCloseTo(3000, 6);
  });
});

describe('patrol plan', () => {
  const origin = { lat: -6.25, lon: 106.9 };
  const scale = metresPerDegree(origin.lat);
  /** Twenty candidates on a grid 600 m apart, weighted 1…20. */
  const candidates: PatrolCandidate[] = Array.from({ length: 20 }, (_, i) => ({
    lat: origin.lat + (Math.floor(i / 5) * 600) / scale.lat,
    lon: origin.lon + ((i % 5) * 600) / scale.lon,
    weight: i + 1,
  }));
  const plan = (date: string, shift = 'evening', stops = 5) => planPatrol({ date, shift, stops, candidates });
  const dates = Array.from({ length: 30 }, (_, i) => `2026-12-${String(i + 1).padStart(2, '0')}`);

  it('is the same plan whenever the same date and shift are asked for', () => {
    expect(plan('2026-12-01')).toEqual(plan('2026-12-01'));
  });

  it('changes from shift to shift: places, first stop and stop lengths vary across a month', () => {
    const plans = dates.map((date) => plan(date));
    const routes = new Set(plans.map((p) => p.stops.map((s) => s.candidate).join(',')));
    const firstStops = new Set(plans.map((p) => p.stops[0]?.candidate));
    const lengths = new Set(plans.flatMap((p) => p.stops.map((s) => s.stopMinutes)));
    expect(routes.size).toBeGreaterThan(25);
    expect(firstStops.size).toBeGreaterThan(5);
    expect(lengths.size).toBe(STOP_MINUTES.max - STOP_MINUTES.min + 1);
    expect(
      new Set(
        ['night', 'morning', 'afternoon', 'evening'].map((s) => JSON.stringify(plan(dates[0] ?? '', s))),
      ).size,
    ).toBe(4);
  });

  it('draws only from the highest-weighted candidates, twice as many as stops, favouring the heaviest', () => {
    const visits = new Map<number, number>();
    for (const date of dates) {
      for (const stop of plan(date).stops) visits.set(stop.candidate, (visits.get(stop.candidate) ?? 0) + 1);
    }
    // Stops are drawn from the ten heaviest (weights 11–20, candidates 10–19).
    expect(Math.min(...visits.keys())).toBeGreaterThanOrEqual(10);
    expect(visits.get(19) ?? 0).toBeGreaterThan(visits.get(10) ?? 0);
  });

  it('has distinct stops, 10–15 minute stops and arrival times that add up', () => {
    for (const date of dates) {
      const { stops, totalMinutes, routeMetres } = plan(date, 'night', 6);
      expect(stops).toHaveLength(6);
      expect(new Set(stops.map((s) => s.candidate)).size).toBe(6);
      let clock = 0;
      let metres = 0;
      for (const stop of stops) {
        expect(stop.stopMinutes).toBeGreaterThanOrEqual(STOP_MINUTES.min);
        expect(stop.stopMinutes).toBeLessThanOrEqual(STOP_MINUTES.max);
        const expectedTravel = Math.round(
          (stop.legMetres * DETOUR_FACTOR) / ((PATROL_SPEED_KMH * 1000) / 60),
        );
        expect(stop.travelMinutes).toBe(expectedTravel);
        expect(stop.arriveAfterMinutes).toBe(clock + stop.travelMinutes);
        clock = stop.arriveAfterMinutes + stop.stopMinutes;
        metres += stop.legMetres;
      }
      expect(totalMinutes).toBe(clock);
      expect(routeMetres).toBeCloseTo(metres, 6);
    }
  });

  it('plans fewer stops when there are fewer candidates, and none without any', () => {
    expect(
      planPatrol({ date: '2026-12-01', shift: 'evening', stops: 5, candidates: candidates.slice(0, 3) })
        .stops,
    ).toHaveLength(3);
    expect(planPatrol({ date: '2026-12-01', shift: 'evening', stops: 5, candidates: [] })).toEqual({
      stops: [],
      pool: 0,
      routeMetres: 0,
      totalMinutes: 0,
    });
    expect(() => plan('2026-12-01', 'evening', 0)).toThrow(/whole number ≥ 1/);
  });
});
