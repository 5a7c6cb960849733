// Gi* against an independent reference (R spdep::localG with include.self, fixture in tests/fixtures/gistar)
// and its invariances.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { giStar } from '@titik-rawan/server/analytics/gi-star';

interface GiFixture {
  readonly counts: number[];
  readonly ring1: number[][];
  readonly ring2: number[][];
}
interface GiExpected {
  readonly gi_star_ring1: number[];
  readonly gi_star_ring2: number[];
}
const fixtureDir = new URL('../fixtures/gistar/', import.meta.url);
const input = JSON.parse(readFileSync(new URL('input.json', fixtureDir), 'utf8')) as GiFixture;
const expected = JSON.parse(readFileSync(new URL('expected.json', fixtureDir), 'utf8')) as GiExpected;
const zeroBased = (lists: number[][]): number[][] => lists.map((l) => l.map((j) => j - 1));

function maxAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs((a[i] ?? NaN) - (b[i] ?? NaN)));
  return max;
}

describe('giStar against R spdep::localG (include.self, style "B")', () => {
  const values = Float64Array.from(input.counts);

  it.each([
    ['ring 1', input.ring1, expected.gi_star_ring1],
    ['ring 2', input.ring2, expected.gi_star_ring2],
  ])('matches R to 1e-6 on the %s fixture', (_name, lists, reference) => {
    const z = giStar(values, zeroBased(lists));
    expect(z).toHaveLength(reference.length);
    expect(values.length).toBeGreaterThanOrEqual(40);
    const diff = maxAbsDifference(z, reference);
    console.log(`max |z - z_R| (${_name}): ${diff.toExponential(2)}`);
    expect(diff).toBeLessThan(1e-6);
  });

  it('gives the same answer whether or not the cell lists itself', () => {
    const withSelf = zeroBased(input.ring1);
    const withoutSelf = withSelf.map((l, i) => l.filter((j) => j !== i));
    expect(giStar(values, withoutSelf)).toEqual(giStar(values, withSelf));
  });
});

describe('giStar properties', () => {
  // A small fixed graph: a path of cells, each with its neighbours on either side.
  const pathNeighbours = (n: number): number[][] =>
    Array.from({ length: n }, (_, i) => [i - 1, i, i + 1].filter((j) => j >= 0 && j < n));
  const valuesArb = fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 3, maxLength: 40 });

  it('returns 0, not NaN, when all values are equal', () => {
    expect(Array.from(giStar(new Float64Array(10).fill(4), pathNeighbours(10)))).toEqual(Array(10).fill(0));
    expect(Array.from(giStar(new Float64Array(10), pathNeighbours(10)))).toEqual(Array(10).fill(0));
  });

  it('returns 0 for a neighbourhood covering every cell and for a single cell', () => {
    const all = [0, 1, 2];
    const z = giStar(Float64Array.from([1, 5, 9]), [all, all, all]);
    expect(Array.from(z)).toEqual([0, 0, 0]);
    expect(Array.from(giStar(Float64Array.from([7]), [[0]]))).toEqual([0]);
  });

  it('is invariant to adding a constant and to multiplying by a positive constant', () => {
    fc.assert(
      fc.property(
        valuesArb,
        fc.integer({ min: -100, max: 100 }),
        fc.double({ min: 0.1, max: 10, noNaN: true }),
        (v, shift, scale) => {
          const nb = pathNeighbours(v.length);
          const z = giStar(Float64Array.from(v), nb);
          expect(
            maxAbsDifference(
              giStar(
                Float64Array.from(v, (x) => x + shift),
                nb,
              ),
              z,
            ),
          ).toBeLessThan(1e-9);
          expect(
            maxAbsDifference(
              giStar(
                Float64Array.from(v, (x) => x * scale),
                nb,
              ),
              z,
            ),
          ).toBeLessThan(1e-9);
        },
      ),
    );
  });

  it('flips sign when the values are negated', () => {
    fc.assert(
      fc.property(valuesArb, (v) => {
        const nb = pathNeighbours(v.length);
        const z = giStar(Float64Array.from(v), nb);
        const negated = giStar(
          Float64Array.from(v, (x) => -x),
          nb,
        );
        expect(
          maxAbsDifference(
            negated,
            z.map((x) => -x),
          ),
        ).toBeLessThan(1e-12);
      }),
    );
  });

  it('never returns NaN or infinities', () => {
    fc.assert(
      fc.property(valuesArb, (v) => {
        for (const z of giStar(Float64Array.from(v), pathNeighbours(v.length)))
          expect(Number.isFinite(z)).toBe(true);
      }),
    );
  });

  it('makes the cell of a lone peak a hot spot and its far neighbours cold-leaning', () => {
    const v = new Float64Array(21);
    v[10] = 30;
    v[9] = 20;
    v[11] = 20;
    const z = giStar(v, pathNeighbours(21));
    expect(z[10]).toBeGreaterThan(3);
    expect(z[0]).toBeLessThan(0);
  });

  it('rejects neighbour indices outside the set and mismatched lengths', () => {
    expect(() => giStar(Float64Array.from([1, 2]), [[0, 2], [1]])).toThrow(RangeError);
    expect(() => giStar(Float64Array.from([1, 2]), [[0]])).toThrow(RangeError);
  });
});
