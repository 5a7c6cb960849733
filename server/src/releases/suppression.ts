// Decides each tier's whole release once: primary suppression of counts from 1 to k − 1, a cheap pass of
// complementary suppression by propagating bounds through every additive relation, then an exact check by linear
// programming that suppresses more until no suppressed value, sliver or unlocated part can be pinned to a number
// from 1 to k − 1 — by an attacker who also knows that every suppressed value is at least 1, since zeros are always
// shown.
// The most privileged tier is decided first; each less privileged tier starts from it and only suppresses more,
// so whatever releases anyone combines, they show nothing the most detailed one does not.
import type { Tier } from '@titik-rawan/shared';
import type { Highs } from 'highs';
import { attackOfYear } from './audit';
import { decisionKey } from './decision-cache';
import type { ReleaseGeography } from './geography';
import { DEFAULT_RELEASE_POLICY, samePolicy, TIER_ORDER, validatePolicy, type ReleasePolicy } from './policy';
import type { DataSpan } from './periods';
import { findPinnedTargets, loadSolver } from './ranges';
import type { ReleaseSet, TierRelease, TierReleaseStats } from './release';
import {
  buildTierTable,
  buildYearTable,
  type CountRow,
  type Relation,
  type TierTable,
  type YearTable,
} from './table';

/** Options of {@link buildReleases}. */
export interface ReleaseOptions {
  /** Policy of every tier; default {@link DEFAULT_RELEASE_POLICY}. */
  policy?: ReleasePolicy;
  /** Months the release covers; default from the first to the last month with data. */
  span?: DataSpan | null;
  /** Category codes; default every incident category. */
  categories?: readonly string[];
  /**
   * Whether to add complementary suppression (default true). False gives primary suppression only: unsafe, and
   * only for tests showing that the audit catches it.
   */
  complementary?: boolean;
  /**
   * Where the decisions of single years are kept and read back (decision-cache.ts in the server). A year depends
   * only on its own counts, so after an import that touches one year the other years are read back, not decided
   * again. Default: nothing kept.
   */
  keptYears?: KeptYears;
}

/** A store of year decisions by key (the hash of everything the decision depends on). */
export interface KeptYears {
  read(key: string): YearDecision | null;
  write(key: string, decision: YearDecision): void;
}

/** One tier's decision for one year: the indices of the suppressed quantities of its year table and the figures. */
export interface YearDecision {
  suppressed: Int32Array;
  stats: Omit<TierReleaseStats, 'quantities' | 'milliseconds'>;
}

const PUBLISHED = 0;
const SUPPRESSED = 1;

/** The decision state of one year: the status of each quantity, with what the bounds propagation reads. */
interface YearState {
  year: YearTable;
  status: Uint8Array;
  /** Indices of the relations each quantity belongs to. */
  relationsOf: readonly number[][];
  /** Sum of the year's true counts: no quantity exceeds it. */
  total: number;
}

function yearState(year: YearTable): YearState {
  const relationsOf: number[][] = year.quantities.map(() => []);
  year.relations.forEach((relation, r) => {
    relationsOf[relation.parent]?.push(r);
    for (const child of relation.children) relationsOf[child]?.push(r);
  });
  let total = 0;
  for (const count of year.truth) total += count;
  return { year, status: new Uint8Array(year.quantities.length), relationsOf, total };
}

function compareQuantities(year: YearTable, a: number, b: number): number {
  const qa = year.quantities[a];
  const qb = year.quantities[b];
  if (!qa || !qb) return 0;
  if (qa.value !== qb.value) return qa.value - qb.value;
  return qa.key < qb.key ? -1 : qa.key > qb.key ? 1 : 0;
}

/** Whether a quantity may be suppressed as a complement: published and not zero (zeros are always shown). */
function suppressible(state: YearState, index: number): boolean {
  return state.status[index] === PUBLISHED && (state.year.quantities[index]?.value ?? 0) > 0;
}

/**
 * The integer bounds an attacker derives for each quantity from the relations alone (interval propagation):
 * published values are exact, suppressed ones at least 1, and each relation `parent = Σ children` narrows its
 * members until nothing changes.
 */
function propagateBounds(state: YearState): { low: Float64Array; high: Float64Array } {
  const { year, status, relationsOf, total } = state;
  const low = new Float64Array(year.quantities.length);
  const high = new Float64Array(year.quantities.length);
  year.quantities.forEach((quantity, i) => {
    const published = status[i] === PUBLISHED;
    low[i] = published ? quantity.value : 1;
    high[i] = published ? quantity.value : total;
  });
  const queue: number[] = year.relations.map((_, r) => r);
  const queued = new Uint8Array(year.relations.length).fill(1);
  const narrow = (q: number, lower: number, upper: number): void => {
    if (lower <= (low[q] as number) && upper >= (high[q] as number)) return;
    low[q] = Math.max(low[q] as number, lower);
    high[q] = Math.min(high[q] as number, upper);
    for (const other of relationsOf[q] ?? []) {
      if (!queued[other]) {
        queued[other] = 1;
        queue.push(other);
      }
    }
  };
  for (let head = 0; head < queue.length; head++) {
    const r = queue[head] as number;
    queued[r] = 0;
    const { parent, children } = year.relations[r] as Relation;
    let sumLow = 0;
    let sumHigh = 0;
    for (const c of children) {
      sumLow += low[c] as number;
      sumHigh += high[c] as number;
    }
    narrow(parent, sumLow, sumHigh);
    const parentLow = low[parent] as number;
    const parentHigh = high[parent] as number;
    for (const c of children) {
      const others = { low: sumLow - (low[c] as number), high: sumHigh - (high[c] as number) };
      narrow(c, parentLow - others.high, parentHigh - others.low);
    }
  }
  return { low, high };
}

/**
 * The cheap pass: derive every quantity's bounds from the relations as an attacker would; for each suppressed value
 * they pin, suppress the smallest non-zero published value of a relation it belongs to (then by key), at most one
 * per relation each round; repeat until nothing is pinned that way. So no relation hides exactly one value, nor only
 * ones under a published total. What needs several relations together to pin is left to the exact check.
 */
function cheapPass(state: YearState): number {
  const { year, status, relationsOf } = state;
  let added = 0;
  for (;;) {
    const { low, high } = propagateBounds(state);
    const touched = new Uint8Array(year.relations.length);
    let round = 0;
    year.quantities.forEach((_, i) => {
      if (status[i] !== SUPPRESSED || low[i] !== high[i]) return;
      const relations = relationsOf[i] ?? [];
      if (relations.some((r) => touched[r])) return;
      const chosen = relations
        .flatMap((r) => {
          const relation = year.relations[r] as Relation;
          return [relation.parent, ...relation.children];
        })
        .filter((m) => suppressible(state, m))
        .sort((a, b) => compareQuantities(year, a, b))[0];
      if (chosen === undefined) return;
      status[chosen] = SUPPRESSED;
      for (const r of [...relations, ...(relationsOf[chosen] ?? [])]) touched[r] = 1;
      round++;
    });
    if (round === 0) return added;
    added += round;
  }
}

/**
 * The bounds an attacker derives for each quantity of a year from a view of it (`null` = suppressed) through the
 * relations alone: published values exact, suppressed ones from 1 up.
 */
export function quantityBounds(
  year: YearTable,
  view: readonly (number | null | undefined)[],
): { low: Float64Array; high: Float64Array } {
  const state = yearState(year);
  view.forEach((value, i) => {
    if (value === null || value === undefined) state.status[i] = SUPPRESSED;
  });
  return propagateBounds(state);
}

function viewOf(state: YearState): (number | null)[] {
  return state.year.quantities.map((q, i) => (state.status[i] === SUPPRESSED ? null : q.value));
}

/**
 * The exact check of one year: find what is pinned and, for each pinned target, suppress the smallest non-zero
 * published sum among those proving the pin, checking it at once, until it is not. One pass is enough: each
 * suppression only widens what the attacker must consider, so nothing cleared before becomes pinned again.
 */
function exactPass(highs: Highs, state: YearState, threshold: number, stats: YearDecision['stats']): void {
  const attack = attackOfYear(state.year, viewOf(state), threshold);
  const quantitiesOf = (group: readonly number[]): number[] =>
    group.map((e) => attack.equalityQuantities[e] as number);
  const { pinned, stats: lp } = findPinnedTargets(
    highs,
    attack.knowledge,
    attack.targets,
    ({ provingEqualities }) => {
      const best = provingEqualities
        .map((group, index) => ({ index, quantities: quantitiesOf(group) }))
        .filter(({ quantities }) => quantities.every((q) => suppressible(state, q)))
        .sort((a, b) => compareQuantities(state.year, a.quantities[0] ?? 0, b.quantities[0] ?? 0))[0];
      for (const q of best?.quantities ?? []) state.status[q] = SUPPRESSED;
      return best?.index;
    },
  );
  stats.solves += lp.solves;
  stats.complementaryExact += lp.repairs;
  if (lp.variables * lp.constraints > stats.largestLp.variables * stats.largestLp.constraints) {
    stats.largestLp = { variables: lp.variables, constraints: lp.constraints };
  }
  const first = pinned[0];
  if (first) throw new Error(`Release: nothing left to suppress to protect ${first.target.key}`);
}

/** Figures of a decision before anything is decided. */
function noStats(): YearDecision['stats'] {
  return {
    inherited: 0,
    primary: 0,
    complementaryCheap: 0,
    complementaryExact: 0,
    solves: 0,
    largestLp: { variables: 0, constraints: 0 },
  };
}

/** Decides one tier's year: primary suppression, what the tier above suppresses, then the complements. */
function decideYear(
  highs: Highs,
  year: YearTable,
  threshold: number,
  detailed: TierRelease | undefined,
  complementary: boolean,
): YearDecision {
  const stats = noStats();
  const state = yearState(year);
  year.quantities.forEach((quantity, i) => {
    if (quantity.value >= 1 && quantity.value < threshold) {
      state.status[i] = SUPPRESSED;
      stats.primary++;
    } else if (detailed?.values.get(quantity.key) === null) {
      state.status[i] = SUPPRESSED;
      stats.inherited++;
    }
  });
  if (complementary) {
    stats.complementaryCheap += cheapPass(state);
    exactPass(highs, state, threshold, stats);
    // What the exact check suppressed may leave a relation hiding one value; hiding more never pins anything.
    stats.complementaryCheap += cheapPass(state);
  }
  const suppressed: number[] = [];
  state.status.forEach((status, i) => {
    if (status === SUPPRESSED) suppressed.push(i);
  });
  return { suppressed: Int32Array.from(suppressed), stats };
}

/** The key of a year's decision: everything it depends on, with the deciding code (decision-cache.ts). */
function yearKey(
  table: TierTable,
  year: YearTable,
  detailed: TierRelease | undefined,
  complementary: boolean,
): string {
  const truth = Buffer.from(year.truth.buffer, year.truth.byteOffset, year.truth.byteLength);
  const inherited = year.quantities.filter((q) => detailed?.values.get(q.key) === null).map((q) => q.key);
  return decisionKey(
    [table.policy, table.span, table.categories, year.year, complementary],
    [truth.toString('base64')],
    inherited,
  );
}

/**
 * Decides one tier's release, starting from the release of the next more privileged tier when there is one: what
 * that suppresses stays suppressed. Each year is decided on its own, or read back from `kept`.
 */
export function decideTierRelease(
  highs: Highs,
  table: TierTable,
  detailed: TierRelease | undefined,
  complementary = true,
  kept?: KeptYears,
): TierRelease {
  const started = performance.now();
  const { policy } = table;
  const stats: TierReleaseStats = { ...noStats(), quantities: 0, milliseconds: 0 };
  const values = new Map<string, number | null>();
  for (const yearNumber of table.years) {
    const year = buildYearTable(table, yearNumber);
    const key = kept ? yearKey(table, year, detailed, complementary) : '';
    let decision = kept?.read(key) ?? null;
    if (!decision) {
      decision = decideYear(highs, year, policy.threshold, detailed, complementary);
      kept?.write(key, decision);
    }
    const suppressed = new Uint8Array(year.quantities.length);
    for (const i of decision.suppressed) suppressed[i] = 1;
    year.quantities.forEach((quantity, i) => {
      values.set(quantity.key, suppressed[i] ? null : quantity.value);
    });
    addStats(stats, decision.stats, year.quantities.length);
  }
  stats.milliseconds = performance.now() - started;
  return { tier: table.tier, policy, span: table.span, categories: table.categories, values, stats };
}

function addStats(total: TierReleaseStats, year: YearDecision['stats'], quantities: number): void {
  total.quantities += quantities;
  total.inherited += year.inherited;
  total.primary += year.primary;
  total.complementaryCheap += year.complementaryCheap;
  total.complementaryExact += year.complementaryExact;
  total.solves += year.solves;
  const { variables, constraints } = year.largestLp;
  if (variables * constraints > total.largestLp.variables * total.largestLp.constraints) {
    total.largestLp = { variables, constraints };
  }
}

/**
 * Decides every tier's release of a data set once, from the most privileged tier down, each starting from the one
 * above it; deterministic: the same rows (in any order) give the same releases.
 */
export async function buildReleases(
  geography: ReleaseGeography,
  rows: readonly CountRow[],
  options: ReleaseOptions = {},
): Promise<ReleaseSet> {
  const policy = options.policy ?? DEFAULT_RELEASE_POLICY;
  validatePolicy(policy);
  const highs = await loadSolver();
  const tiers: Partial<Record<Tier, TierRelease>> = {};
  let detailed: TierRelease | undefined;
  let span: DataSpan | null = null;
  for (const tier of [...TIER_ORDER].reverse()) {
    if (detailed && samePolicy(detailed.policy, policy[tier])) {
      // The same policy gives the same release: take the one above whole.
      detailed = { ...detailed, tier, stats: { ...detailed.stats, inherited: detailed.values.size } };
      tiers[tier] = detailed;
      continue;
    }
    const table = buildTierTable(geography, tier, policy[tier], rows, {
      ...(options.span !== undefined ? { span: options.span } : {}),
      ...(options.categories ? { categories: options.categories } : {}),
    });
    span = table.span;
    detailed = decideTierRelease(highs, table, detailed, options.complementary ?? true, options.keptYears);
    tiers[tier] = detailed;
  }
  return { policy, span, tiers: tiers as Record<Tier, TierRelease> };
}
