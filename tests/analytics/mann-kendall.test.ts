// Mann-Kendall against R's cor.test (Kendall, normal approximation, continuity correction) and by hand.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mannKendall } from '@titik-rawan/server/analytics/mann-kendall';

interface MkFixture {
  readonly mannKendallSeries: number[][];
}
interface MkExpected {
  readonly mann_kendall: { s: number; z: number; p: number; tau: number }[];
}
const fixtureDir = new URL('../fixtures/gistar/', import.meta.url);
const input = JSON.parse(readFileSync(new URL('input.json', fixtureDir), 'utf8')) as MkFixture;
const expected = JSON.parse(readFileSync(new URL('expected.json', fixtureDir), 'utf8')) as MkExpected;

describe('mannKendall', () => {
  it.each(input.mannKendallSeries.map((series, i) => [i, series] as const))(
    'matches R on fixture series %i',
    (i, series) => {
      const reference = expected.mann_kendall[i];
      const result = mannKendall(series);
      expect(result.s).toBe(reference?.s);
      expect(result.z).toBeCloseTo(reference?.z ?? NaN, 10);
      expect(result.p).toBeCloseTo(reference?.p ?? NaN, 12);
      expect(result.tau).toBeCloseTo(reference?.tau ?? NaN, 12);
    },
  );

  it('computes a hand-worked example with ties', () => {
    // 1, 2, 2, 3: pairs (1,2)+ (1,2)+ (1,3)+ (2,2)0 (2,3)+ (2,3)+ → S = 5; one tie group of 2:
    // Var = (4·3·13 − 2·1·9)/18 = (156 − 18)/18 = 7.6667; z = (5 − 1)/√7.6667 = 1.4446.
    const r = mannKendall([1, 2, 2, 3]);
    expect(r.s).toBe(5);
    expect(r.varianceS).toBeCloseTo(138 / 18, 12);
    expect(r.z).toBeCloseTo(4 / Math.sqrt(138 / 18), 12);
    expect(r.trend).toBe(1);
  });

  it('has no trend for constant, single-value and empty series', () => {
    for (const series of [[3, 3, 3, 3], [1], []]) {
      const r = mannKendall(series);
      expect([r.s, r.z, r.p, r.trend]).toEqual([0, 0, 1, 0]);
    }
  });

  it('is antisymmetric under reversal of time', () => {
    const series = [0.3, 1.2, -0.4, 2.5, 2.4, 3.1, 0.9, 4.2];
    const forward = mannKendall(series);
    const backward = mannKendall([...series].reverse());
    expect(backward.s).toBe(-forward.s);
    expect(backward.z).toBeCloseTo(-forward.z, 14);
    expect(backward.p).toBeCloseTo(forward.p, 14);
  });
});
