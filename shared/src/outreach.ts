// The outreach priority score of a kelurahan, as arithmetic a person can redo by hand: each component is turned
// into a number from 0 to 1 (a count divided by the largest count of any kelurahan; a class by the strongest
// class), interventions already made count against priority (1 − their share), and the score is the weighted mean
// of the components known for the kelurahan. Pure: no zod, no I/O, so the dashboard can re-rank as weights move.
import type { EmergingClass } from './api';

/** Components of the score, in the order tables show them. */
export const OUTREACH_COMPONENTS = [
  'incidents',
  'rate',
  'hotspot',
  'trend',
  'kost',
  'lodging',
  'schools',
  'coverage',
] as const;
/** One component of the score. */
export type OutreachComponent = (typeof OUTREACH_COMPONENTS)[number];

/** A weight of each component. */
export type OutreachWeights = Readonly<Record<OutreachComponent, number>>;

/** Weights the dashboard starts with: released incidents and hot spots count double. */
export const DEFAULT_OUTREACH_WEIGHTS: OutreachWeights = {
  incidents: 2,
  rate: 1,
  hotspot: 2,
  trend: 1,
  kost: 1,
  lodging: 1,
  schools: 1,
  coverage: 1,
};

/** What each component measures and how it becomes a number from 0 to 1, in plain words. */
export const OUTREACH_COMPONENT_DESCRIPTIONS: Readonly<Record<OutreachComponent, string>> = {
  incidents:
    'Released incident count of the period ÷ the largest count of any kelurahan. A suppressed count enters as half the threshold k and is marked as assumed.',
  rate: 'Incidents per 10,000 residents ÷ the largest rate of any kelurahan (left out where the population is not known).',
  hotspot:
    'Strongest published hot spot among the H3 cells reaching into the kelurahan: 99 % = 1, 95 % = 2/3, 90 % = 1/3, none = 0 (left out when the map is withheld).',
  trend:
    'Most pressing published emerging hot spot class among those cells: intensifying or new = 1, consecutive or persistent = 3/4, sporadic or oscillating = 1/2, diminishing or historical = 1/4, cold or no pattern = 0 (left out when withheld).',
  kost: 'Kost (boarding houses) in the kelurahan ÷ the largest number in any kelurahan.',
  lodging: 'Hotels and guest houses in the kelurahan ÷ the largest number in any kelurahan.',
  schools: 'Schools in the kelurahan ÷ the largest number in any kelurahan.',
  coverage:
    'Interventions recorded in the kelurahan up to the end of the period: 1 − (number ÷ the largest number), so work already done lowers the priority.',
};

/** Largest weight a person can give a component (the smallest is 0, which leaves it out). */
export const MAX_OUTREACH_WEIGHT = 3;

/** Share of the threshold k a suppressed count enters the score as (the true count is not known). */
export const SUPPRESSED_COUNT_SHARE = 0.5;

/** Hot spot confidence levels as the outreach table gives them: 0 when no published hot spot cell reaches it. */
export type HotspotConfidence = 0 | 90 | 95 | 99;

const HOTSPOT_LEVEL: Readonly<Record<HotspotConfidence, number>> = { 0: 0, 90: 1, 95: 2, 99: 3 };

/**
 * Emerging hot spot classes from the most pressing for outreach to the least: growing or new hot spots first, then
 * lasting ones, then irregular ones, then fading ones; cold spots and no pattern last.
 */
export const TREND_PRESSURE: readonly EmergingClass[] = [
  'intensifying-hot-spot',
  'new-hot-spot',
  'consecutive-hot-spot',
  'persistent-hot-spot',
  'sporadic-hot-spot',
  'oscillating-hot-spot',
  'diminishing-hot-spot',
  'historical-hot-spot',
  'new-cold-spot',
  'consecutive-cold-spot',
  'intensifying-cold-spot',
  'persistent-cold-spot',
  'diminishing-cold-spot',
  'sporadic-cold-spot',
  'oscillating-cold-spot',
  'historical-cold-spot',
  'no-pattern',
];

/** Level of each trend class from 4 (intensifying or new hot spot) to 0 (a cold spot or no pattern). */
export function trendLevel(trend: EmergingClass): number {
  switch (trend) {
    case 'intensifying-hot-spot':
    case 'new-hot-spot':
      return 4;
    case 'consecutive-hot-spot':
    case 'persistent-hot-spot':
      return 3;
    case 'sporadic-hot-spot':
    case 'oscillating-hot-spot':
      return 2;
    case 'diminishing-hot-spot':
    case 'historical-hot-spot':
      return 1;
    default:
      return 0;
  }
}

/** The most pressing of some trend classes (see {@link TREND_PRESSURE}), or null when there are none. */
export function mostPressingTrend(trends: Iterable<EmergingClass>): EmergingClass | null {
  let best: EmergingClass | null = null;
  for (const trend of trends)
    if (best === null || TREND_PRESSURE.indexOf(trend) < TREND_PRESSURE.indexOf(best)) best = trend;
  return best;
}

/** What the outreach API says about one kelurahan: the figures the score is made of. */
export interface OutreachFacts {
  code: string;
  /** Registered residents, or null when not known. */
  population: number | null;
  /** The released incident count, or null when suppressed. */
  count: number | null;
  suppressed: boolean;
  /** Strongest published hot spot confidence of its cells; null when the hot spot map is withheld. */
  hotspotConfidence: HotspotConfidence | null;
  /** Most pressing published trend class of its cells; null when the trends are withheld. */
  trend: EmergingClass | null;
  venues: { kost: number; lodging: number; schools: number };
  /** Interventions recorded in the kelurahan up to the period's end (of the kinds the tier sees). */
  interventions: number;
}

/** A component's figure for one kelurahan: what went in, and its value from 0 to 1 (null when unknown). */
export interface ComponentFigure {
  /** The figure before normalising (a count, a rate, a level), or null when unknown. */
  input: number | null;
  /** The figure from 0 to 1 that enters the score, or null when unknown (then it is left out, with its weight). */
  value: number | null;
}

/** One kelurahan of the ranking, with the facts it was scored from. */
export interface RankedKelurahan<F extends OutreachFacts = OutreachFacts> {
  facts: F;
  /** Rank from 1; kelurahan with the same score share a rank. */
  rank: number;
  /** Weighted mean of the known components, from 0 to 1. */
  score: number;
  /** Whether its count is suppressed and entered as the assumed count. */
  assumedCount: boolean;
  /** The count the score used: the released count, or k × {@link SUPPRESSED_COUNT_SHARE} when suppressed. */
  countUsed: number;
  components: Readonly<Record<OutreachComponent, ComponentFigure>>;
}

/** Incidents per 10,000 residents, or null without a population. */
export function ratePer10k(count: number, population: number | null): number | null {
  return population !== null && population > 0 ? (count / population) * 10_000 : null;
}

/** Each input divided by the largest input (0 when every input is 0); unknown inputs stay unknown. */
function shareOfLargest(inputs: readonly (number | null)[]): (number | null)[] {
  const largest = Math.max(0, ...inputs.map((input) => input ?? 0));
  return inputs.map((input) => (input === null ? null : largest > 0 ? input / largest : 0));
}

/** Scores are compared to 9 decimals, so that scores equal on paper tie despite floating-point rounding. */
const tieKey = (score: number) => Math.round(score * 1e9);

/**
 * Scores and ranks kelurahan: normalises each component across them, takes the weighted mean of the known ones
 * (a weight of 0 leaves a component out; with every weight 0 each score is 0), and ranks by score, highest first.
 * Ties keep the order given (the API gives code order) and share a rank. `threshold` is the tier's k.
 */
export function rankOutreach<F extends OutreachFacts>(
  rows: readonly F[],
  weights: OutreachWeights,
  threshold: number,
): RankedKelurahan<F>[] {
  const counts = rows.map((row) => row.count ?? threshold * SUPPRESSED_COUNT_SHARE);
  const inputs: Record<OutreachComponent, (number | null)[]> = {
    incidents: counts,
    rate: rows.map((row, i) => ratePer10k(counts[i] ?? 0, row.population)),
    hotspot: rows.map((row) =>
      row.hotspotConfidence === null ? null : HOTSPOT_LEVEL[row.hotspotConfidence],
    ),
    trend: rows.map((row) => (row.trend === null ? null : trendLevel(row.trend))),
    kost: rows.map((row) => row.venues.kost),
    lodging: rows.map((row) => row.venues.lodging),
    schools: rows.map((row) => row.venues.schools),
    coverage: rows.map((row) => row.interventions),
  };
  const values: Record<OutreachComponent, (number | null)[]> = {
    incidents: shareOfLargest(inputs.incidents),
    rate: shareOfLargest(inputs.rate),
    hotspot: inputs.hotspot.map((level) => (level === null ? null : level / 3)),
    trend: inputs.trend.map((level) => (level === null ? null : level / 4)),
    kost: shareOfLargest(inputs.kost),
    lodging: shareOfLargest(inputs.lodging),
    schools: shareOfLargest(inputs.schools),
    coverage: shareOfLargest(inputs.coverage).map((share) => (share === null ? null : 1 - share)),
  };
  const scored = rows.map((facts, i): RankedKelurahan<F> => {
    let weighted = 0;
    let weightSum = 0;
    const components = {} as Record<OutreachComponent, ComponentFigure>;
    for (const component of OUTREACH_COMPONENTS) {
      const value = values[component][i] ?? null;
      components[component] = { input: inputs[component][i] ?? null, value };
      if (value === null) continue;
      weighted += weights[component] * value;
      weightSum += weights[component];
    }
    return {
      facts,
      rank: 0,
      score: weightSum > 0 ? weighted / weightSum : 0,
      assumedCount: facts.count === null,
      countUsed: counts[i] ?? 0,
      components,
    };
  });
  // Array.prototype.sort is stable: equal scores keep the order given.
  const ranked = scored.sort((a, b) => tieKey(b.score) - tieKey(a.score));
  ranked.forEach((row, i) => {
    const previous = ranked[i - 1];
    row.rank = previous && tieKey(previous.score) === tieKey(row.score) ? previous.rank : i + 1;
  });
  return ranked;
}
