// The patrol briefing's time-of-week profile as an attacker sees it: they know the year's total (published in the
// releases) and that every withheld cell holds at least one incident (zeros are shown). Whatever the table, they
// must not be able to tell that any withheld cell holds fewer than k.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  busiestTimes,
  PROFILE_BANDS,
  protectProfile,
  WEEKDAYS,
  type ProfileCounts,
} from '@titik-rawan/server/planning/time-profile';

/** A day × band table from a flat list of counts. */
function table(flat: readonly number[]): ProfileCounts {
  return WEEKDAYS.map((_, d) => PROFILE_BANDS.map((_, b) => flat[d * PROFILE_BANDS.length + b] ?? 0));
}

const CELLS = WEEKDAYS.length * PROFILE_BANDS.length;

/** Sparse tables: mostly zeros, some small counts, some larger ones — the hard case for suppression. */
const sparseCounts = fc.array(
  fc.oneof(
    { arbitrary: fc.constant(0), weight: 8 },
    { arbitrary: fc.integer({ min: 1, max: 4 }), weight: 1 },
    { arbitrary: fc.integer({ min: 3, max: 25 }), weight: 2 },
  ),
  { minLength: CELLS, maxLength: CELLS },
);

/**
 * The attacker: every way of filling the withheld cells with values ≥ 1 that add up to what the total leaves,
 * searched exhaustively; the largest value each withheld cell can take (null when the search would be too long).
 */
function largestPossible(values: readonly (number | null)[], total: number): number[] | null {
  const withheld = values.flatMap((value, i) => (value === null ? [i] : []));
  const left = total - values.reduce<number>((sum, value) => sum + (value ?? 0), 0);
  const largest = withheld.map(() => 0);
  const fill = (position: number, remaining: number, chosen: number[]) => {
    if (position === withheld.length) {
      if (remaining === 0) chosen.forEach((value, i) => (largest[i] = Math.max(largest[i] ?? 0, value)));
      return;
    }
    const still = withheld.length - position - 1;
    for (let value = 1; value <= remaining - still; value++)
      fill(position + 1, remaining - value, [...chosen, value]);
  };
  if (withheld.length > 6 || left > 60) return null;
  fill(0, left, []);
  return largest;
}

describe('time-of-week profile', () => {
  it('publishes true counts and zeros, withholds every count from 1 to k − 1 (or the whole profile)', () => {
    fc.assert(
      fc.property(sparseCounts, fc.integer({ min: 2, max: 6 }), (flat, k) => {
        const published = protectProfile(table(flat), k);
        if (published.withheld) {
          // No safe way to show part of it: nothing is shown, zeros included.
          expect(published.values.flat().every((value) => value === null)).toBe(true);
          return;
        }
        published.values.flat().forEach((value, i) => {
          const truth = flat[i] ?? 0;
          if (truth === 0) expect(value).toBe(0);
          else if (truth < k) expect(value).toBeNull();
          else if (value !== null) expect(value).toBe(truth);
        });
      }),
    );
  });

  it('leaves no withheld cell that the total pins below k, by exhaustive search', () => {
    let searched = 0;
    fc.assert(
      fc.property(sparseCounts, fc.integer({ min: 2, max: 6 }), (flat, k) => {
        const published = protectProfile(table(flat), k);
        if (published.withheld) return;
        const total = flat.reduce((a, b) => a + b, 0);
        const values = published.values.flat();
        const withheld = values.filter((value) => value === null).length;
        expect(withheld).not.toBe(1);
        const largest = largestPossible(values, total);
        if (largest === null) return;
        searched += 1;
        for (const value of largest) expect(value).toBeGreaterThanOrEqual(k);
      }),
      { numRuns: 500 },
    );
    expect(searched).toBeGreaterThan(250);
  });

  it('withholds the whole table when nothing can protect a lone small count', () => {
    const flat = Array.from({ length: CELLS }, () => 0);
    flat[3] = 1;
    const published = protectProfile(table(flat), 3);
    expect(published.withheld).toBe(true);
    expect(published.values.flat().every((value) => value === null)).toBe(true);
    expect(busiestTimes(published)).toEqual([]);
  });

  it('names the busiest day and band among published counts, never the unrecorded column', () => {
    const flat = Array.from({ length: CELLS }, () => 10);
    flat[PROFILE_BANDS.length * 4 + 3] = 40; // Friday evening
    flat[PROFILE_BANDS.length * 5 + 4] = 90; // Saturday, time not recorded
    expect(busiestTimes(protectProfile(table(flat), 3))).toEqual([{ day: 'fri', band: 'evening' }]);
  });

  it('refuses a threshold below 2', () => {
    expect(() => protectProfile(table([]), 1)).toThrow(/threshold/);
  });
});
