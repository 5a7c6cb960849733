// Decides each tier's whole release once: primary suppression of counts from 1 to k − 1, a cheap pass of
// complementary suppression over every additive relation, then an exact check by linear programming, repeated
// until no suppressed value, sliver or unlocated part can be pinned to a number from 1 to k − 1.
import type { Tier } from '@titik-rawan/shared';
import type { Highs } from 'highs';
import { attackOfYear } from './audit';
import type { ReleaseGeography } from './geography';
import { DEFAULT_RELEASE_POLICY, TIER_ORDER, validatePolicy, type ReleasePolicy } from './policy';
import type { DataSpan } from './periods';
import { findPinnedTargets, loadSolver } from './ranges';
import type { ReleaseSet, TierRelease, TierReleaseStats } from './release';
import { buildTierTable, buildYearTable, type CountRow, type TierTable, type YearTable } from './table';

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
}

/** Thrown when a release cannot be made safe (only published values of a less privileged tier remain). */
export class UnprotectableReleaseError extends Error {
  override name = 'UnprotectableReleaseError';
}

const PUBLISHED = 0;
const SUPPRESSED = 1;

/** The decision state of one year: status of each quantity and which were inherited from a lower tier. */
interface YearState {
  year: YearTable;
  status: Uint8Array;
  inherited: Uint8Array;
}

function compareQuantities(year: YearTable, a: number, b: number): number {
  const qa = year.quantities[a];
  const qb = year.quantities[b];
  if (!qa || !qb) return 0;
  if (qa.value !== qb.value) return qa.value - qb.value;
  return qa.key < qb.key ? -1 : qa.key > qb.key ? 1 : 0;
}

/** Whether a quantity may be suppressed as a complement by the cheap pass: published, not inherited, not zero. */
function suppressible(state: YearState, index: number): boolean {
  return (
    state.status[index] === PUBLISHED &&
    !state.inherited[index] &&
    (state.year.quantities[index]?.value ?? 0) > 0
  );
}

/**
 * The cheap pass: while some relation hides exactly one value, suppress one more of its members, the smallest
 * non-zero published one (then by key). Zeros are left to the exact check: a relation whose one hidden value has
 * only published zeros beside it hides a value the relation cannot pin to anything but what the LP finds.
 */
function cheapPass(state: YearState): number {
  const { year, status } = state;
  const relationsOf: number[][] = year.quantities.map(() => []);
  year.relations.forEach((relation, r) => {
    relationsOf[relation.parent]?.push(r);
    for (const child of relation.children) relationsOf[child]?.push(r);
  });
  const queue: number[] = year.relations.map((_, r) => r);
  const queued = new Uint8Array(year.relations.length).fill(1);
  let added = 0;
  for (let head = 0; head < queue.length; head++) {
    const r = queue[head] as number;
    queued[r] = 0;
    const relation = year.relations[r];
    if (!relation) continue;
    const members = [relation.parent, ...relation.children];
    if (members.filter((m) => status[m] === SUPPRESSED).length !== 1) continue;
    const candidates = members
      .filter((m) => suppressible(state, m))
      .sort((a, b) => compareQuantities(year, a, b));
    const chosen = candidates[0];
    if (chosen === undefined) continue;
    status[chosen] = SUPPRESSED;
    added++;
    for (const other of relationsOf[chosen] ?? []) {
      if (!queued[other]) {
        queued[other] = 1;
        queue.push(other);
      }
    }
  }
  return added;
}

/**
 * When every published sum proving a pin is inherited, what pins it is the zeros published beside them. Takes the
 * smallest proving sum that overlaps a published zero of this tier outside the target, and suppresses the zero
 * that overlaps it most (then the one with fewest variables, then by key), so freeing the most of it.
 */
function publishedZeroUnder(
  state: YearState,
  target: Int32Array,
  groups: readonly (readonly number[])[],
): number[] | undefined {
  const { year } = state;
  const inTarget = new Uint8Array(year.varCount);
  for (const v of target) inTarget[v] = 1;
  const rows = groups
    .map((group) => year.quantities[group[0] as number]?.vars ?? new Int32Array(0))
    .sort((a, b) => a.length - b.length);
  for (const row of rows) {
    const inRow = new Uint8Array(year.varCount);
    for (const v of row) if (!inTarget[v]) inRow[v] = 1;
    let best: { index: number; overlap: number } | undefined;
    year.quantities.forEach((quantity, index) => {
      if (state.status[index] !== PUBLISHED || state.inherited[index] || quantity.value !== 0) return;
      let overlap = 0;
      for (const v of quantity.vars) overlap += inRow[v] ?? 0;
      if (overlap === 0) return;
      const current = best ? year.quantities[best.index] : undefined;
      if (
        !best ||
        !current ||
        overlap > best.overlap ||
        (overlap === best.overlap &&
          (quantity.vars.length < current.vars.length ||
            (quantity.vars.length === current.vars.length && quantity.key < current.key)))
      ) {
        best = { index, overlap };
      }
    });
    if (best) return [best.index];
  }
  return undefined;
}

function viewOf(state: YearState): (number | null)[] {
  return state.year.quantities.map((q, i) => (state.status[i] === SUPPRESSED ? null : q.value));
}

/**
 * The exact check of one year: find what is pinned; for each pinned target not already helped this round,
 * suppress the smallest removable published sum among those proving the pin (or, when all of them are inherited,
 * a published zero beside them); then the cheap pass again.
 */
function exactPass(highs: Highs, state: YearState, threshold: number, stats: TierReleaseStats): boolean {
  const attack = attackOfYear(state.year, viewOf(state), threshold);
  const { pinned, stats: lp } = findPinnedTargets(highs, attack.knowledge, attack.targets);
  stats.solves += lp.solves;
  if (lp.variables * lp.constraints > stats.largestLp.variables * stats.largestLp.constraints) {
    stats.largestLp = { variables: lp.variables, constraints: lp.constraints };
  }
  if (pinned.length === 0) return false;
  stats.exactRounds++;
  const chosenRows = new Set<string>();
  for (const { target, provingEqualities } of pinned) {
    const groups = provingEqualities.map((group) => group.map((e) => attack.equalityQuantities[e] as number));
    if (groups.some((group) => chosenRows.has(group.join(',')))) continue;
    const removable = groups
      .filter((group) => group.every((q) => suppressible(state, q)))
      .sort((a, b) => compareQuantities(state.year, a[0] as number, b[0] as number));
    const best = removable[0] ?? publishedZeroUnder(state, target.form, groups);
    if (!best) {
      throw new UnprotectableReleaseError(
        `Release: ${target.key} is pinned by values a less privileged tier already publishes`,
      );
    }
    chosenRows.add(best.join(','));
    for (const q of best) state.status[q] = SUPPRESSED;
    stats.complementaryExact += best.length;
  }
  stats.complementaryCheap += cheapPass(state);
  return true;
}

/**
 * Decides one tier's release given the releases of the less privileged tiers its users can also see (least
 * privileged first): what they publish is published here too; when the tier just below sees the same cells and
 * periods, what it suppresses stays suppressed, so a smaller threshold alone never opens a differencing path.
 */
export function decideTierRelease(
  highs: Highs,
  table: TierTable,
  lower: readonly TierRelease[],
  complementary = true,
): TierRelease {
  const started = performance.now();
  const threshold = table.policy.threshold;
  const below = lower[lower.length - 1];
  const sameView =
    below &&
    below.policy.finestResolution === table.policy.finestResolution &&
    below.policy.finestPeriod === table.policy.finestPeriod
      ? below
      : undefined;
  const values = new Map<string, number | null>();
  const stats: TierReleaseStats = {
    quantities: 0,
    inherited: 0,
    primary: 0,
    complementaryCheap: 0,
    complementaryExact: 0,
    exactRounds: 0,
    solves: 0,
    largestLp: { variables: 0, constraints: 0 },
    milliseconds: 0,
  };
  for (const yearNumber of table.years) {
    const year = buildYearTable(table, yearNumber);
    const state: YearState = {
      year,
      status: new Uint8Array(year.quantities.length),
      inherited: new Uint8Array(year.quantities.length),
    };
    year.quantities.forEach((quantity, i) => {
      stats.quantities++;
      if (lower.some((release) => typeof release.values.get(quantity.key) === 'number')) {
        state.inherited[i] = 1;
        stats.inherited++;
      } else if (quantity.value >= 1 && quantity.value < threshold) {
        state.status[i] = SUPPRESSED;
        stats.primary++;
      } else if (sameView && sameView.values.get(quantity.key) === null) {
        state.status[i] = SUPPRESSED;
        stats.inherited++;
      }
    });
    if (complementary) {
      stats.complementaryCheap += cheapPass(state);
      while (exactPass(highs, state, threshold, stats)) {
        // each pass suppresses at least one more value, so this ends
      }
    }
    year.quantities.forEach((quantity, i) => {
      values.set(quantity.key, state.status[i] === SUPPRESSED ? null : quantity.value);
    });
  }
  stats.milliseconds = performance.now() - started;
  return {
    tier: table.tier,
    policy: table.policy,
    span: table.span,
    categories: table.categories,
    values,
    stats,
  };
}

/**
 * Decides every tier's release of a data set once, from the least privileged tier up, each tier inheriting
 * what the tiers below it publish; deterministic: the same rows (in any order) give the same releases.
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
  const lower: TierRelease[] = [];
  let span: DataSpan | null = null;
  for (const tier of TIER_ORDER) {
    const table = buildTierTable(geography, tier, policy[tier], rows, {
      ...(options.span !== undefined ? { span: options.span } : {}),
      ...(options.categories ? { categories: options.categories } : {}),
    });
    span = table.span;
    const release = decideTierRelease(highs, table, lower, options.complementary ?? true);
    tiers[tier] = release;
    lower.push(release);
  }
  return { policy, span, tiers: tiers as Record<Tier, TierRelease> };
}
