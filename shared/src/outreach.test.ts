// The outreach score worked by hand: three kelurahan whose figures make every division easy to check.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_OUTREACH_WEIGHTS,
  mostPressingTrend,
  OUTREACH_COMPONENTS,
  rankOutreach,
  type OutreachFacts,
  type OutreachWeights,
} from './outreach';

/** A kelurahan with nothing in it, to be overridden field by field. */
function kelurahan(code: string, facts: Partial<OutreachFacts> = {}): OutreachFacts {
  return {
    code,
    population: 10_000,
    count: 0,
    suppressed: false,
    hotspotConfidence: 0,
    trend: 'no-pattern',
    venues: { kost: 0, lodging: 0, schools: 0 },
    interventions: 0,
    ...facts,
  };
}

/** Weights with only the named components on. */
function only(weights: Partial<OutreachWeights>): OutreachWeights {
  return { ...Object.fromEntries(OUTREACH_COMPONENTS.map((c) => [c, 0])), ...weights } as OutreachWeights;
}

const A = kelurahan('A', {
  count: 20,
  population: 40_000,
  hotspotConfidence: 99,
  trend: 'intensifying-hot-spot',
  venues: { kost: 10, lodging: 2, schools: 4 },
  interventions: 4,
});
const B = kelurahan('B', {
  count: 10,
  population: 10_000,
  hotspotConfidence: 90,
  trend: 'diminishing-hot-spot',
  venues: { kost: 5, lodging: 4, schools: 1 },
  interventions: 0,
});
const C = kelurahan('C', { count: null, suppressed: true, population: null, hotspotConfidence: 0 });

describe('outreach score', () => {
  it('normalises each component as a person would by hand', () => {
    const [a, b, c] = ['A', 'B', 'C'].map((code) =>
      rankOutreach([A, B, C], DEFAULT_OUTREACH_WEIGHTS, 4).find((row) => row.facts.code === code),
    );
    // Counts 20, 10 and the assumed 4 ÷ 2 = 2, each ÷ 20.
    expect(a?.components.incidents).toEqual({ input: 20, value: 1 });
    expect(b?.components.incidents).toEqual({ input: 10, value: 0.5 });
    expect(c?.components.incidents).toEqual({ input: 2, value: 0.1 });
    expect(c?.assumedCount).toBe(true);
    expect(c?.countUsed).toBe(2);
    // Rates 5 and 10 per 10,000, ÷ 10; C has no population, so no rate.
    expect(a?.components.rate).toEqual({ input: 5, value: 0.5 });
    expect(b?.components.rate).toEqual({ input: 10, value: 1 });
    expect(c?.components.rate).toEqual({ input: null, value: null });
    // Hot spot 99 % = 3/3, 90 % = 1/3; trend intensifying = 4/4, diminishing = 1/4.
    expect(a?.components.hotspot.value).toBe(1);
    expect(b?.components.hotspot.value).toBeCloseTo(1 / 3, 15);
    expect(a?.components.trend.value).toBe(1);
    expect(b?.components.trend.value).toBe(0.25);
    expect(c?.components.trend.value).toBe(0);
    // Venues ÷ the largest of each kind; coverage counts against: 1 − interventions ÷ 4.
    expect(b?.components.kost.value).toBe(0.5);
    expect(a?.components.lodging.value).toBe(0.5);
    expect(b?.components.schools.value).toBe(0.25);
    expect(a?.components.coverage).toEqual({ input: 4, value: 0 });
    expect(b?.components.coverage).toEqual({ input: 0, value: 1 });
  });

  it('takes the weighted mean of the known components and ranks highest first', () => {
    const ranked = rankOutreach([A, B, C], DEFAULT_OUTREACH_WEIGHTS, 4);
    // A: (2·1 + 1·0.5 + 2·1 + 1·1 + 1·1 + 1·0.5 + 1·1 + 1·0) ÷ 10 = 8 ÷ 10.
    // B: (2·0.5 + 1·1 + 2·(1/3) + 1·0.25 + 1·0.5 + 1·1 + 1·0.25 + 1·1) ÷ 10 = (5 + 2/3) ÷ 10.
    // C: rate unknown, so ÷ 9: (2·0.1 + 0 + 0 + 0 + 0 + 0 + 1·1) ÷ 9 = 1.2 ÷ 9.
    expect(ranked.map((row) => row.facts.code)).toEqual(['A', 'B', 'C']);
    expect(ranked.map((row) => row.rank)).toEqual([1, 2, 3]);
    expect(ranked[0]?.score).toBeCloseTo(0.8, 12);
    expect(ranked[1]?.score).toBeCloseTo((5 + 2 / 3) / 10, 12);
    expect(ranked[2]?.score).toBeCloseTo(1.2 / 9, 12);
  });

  it('leaves out a component weighted 0, and changes the order when weights change', () => {
    const byCoverage = rankOutreach([A, B, C], only({ coverage: 1 }), 4);
    // B and C have no interventions (1 each), A has the most (0): B and C tie, in the order given.
    expect(byCoverage.map((row) => [row.facts.code, row.rank, row.score])).toEqual([
      ['B', 1, 1],
      ['C', 1, 1],
      ['A', 3, 0],
    ]);
    const byRate = rankOutreach([A, B, C], only({ rate: 2, kost: 0 }), 4);
    expect(byRate.map((row) => row.facts.code)).toEqual(['B', 'A', 'C']);
    // C's only weighted component is unknown: nothing is known of it, so its score is 0.
    expect(byRate[2]?.score).toBe(0);
  });

  it('scores every kelurahan 0 when every weight is 0, keeping the order given', () => {
    const ranked = rankOutreach([C, B, A], only({}), 4);
    expect(ranked.map((row) => [row.facts.code, row.rank, row.score])).toEqual([
      ['C', 1, 0],
      ['B', 1, 0],
      ['A', 1, 0],
    ]);
  });

  it('enters a suppressed count as half the threshold of the tier, and the rate from it', () => {
    const suppressed = kelurahan('S', { count: null, suppressed: true, population: 5_000 });
    const published = kelurahan('P', { count: 6 });
    const [s] = rankOutreach([suppressed, published], only({ incidents: 1 }), 5).filter(
      (row) => row.facts.code === 'S',
    );
    expect(s?.countUsed).toBe(2.5);
    expect(s?.components.incidents.value).toBeCloseTo(2.5 / 6, 15);
    // 2.5 per 5,000 = 5 per 10,000.
    expect(s?.components.rate.input).toBe(5);
  });

  it('treats a withheld hot spot map or trend as unknown, not as none', () => {
    const ranked = rankOutreach(
      [kelurahan('X', { hotspotConfidence: null, trend: null, count: 1 })],
      only({ hotspot: 3, trend: 3, incidents: 1 }),
      3,
    );
    expect(ranked[0]?.components.hotspot).toEqual({ input: null, value: null });
    expect(ranked[0]?.score).toBe(1);
  });

  it('makes every value 0 (coverage 1) when no kelurahan has any of a thing', () => {
    const ranked = rankOutreach([kelurahan('Y'), kelurahan('Z')], DEFAULT_OUTREACH_WEIGHTS, 3);
    for (const row of ranked) {
      expect(row.components.incidents.value).toBe(0);
      expect(row.components.coverage.value).toBe(1);
    }
  });
});

describe('most pressing trend', () => {
  it('puts growing and new hot spots before lasting, irregular and fading ones', () => {
    expect(
      mostPressingTrend(['no-pattern', 'historical-hot-spot', 'new-hot-spot', 'persistent-hot-spot']),
    ).toBe('new-hot-spot');
    expect(mostPressingTrend(['new-cold-spot', 'diminishing-hot-spot'])).toBe('diminishing-hot-spot');
    expect(mostPressingTrend([])).toBeNull();
  });
});
