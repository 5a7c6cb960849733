// The maximal covering location problem (Church & ReVelle 1974) as banner and CCTV placement needs it: choose p
// of the candidate sites so that the most demand weight lies within the coverage distance S of a chosen or an
// existing site. `coverGreedily` adds, p times, the site that covers the most still-uncovered weight (at least
// 1 − 1/e of the optimum, as coverage is submodular; usually optimal or close); `coverExactly` searches every
// combination, for checking the greedy answer on small instances.
import { localPlane, PointGrid } from '../geography/point-grid';

/** A point of demand: a position in degrees and the weight of the risk there (≥ 0). */
export interface Demand {
  readonly lat: number;
  readonly lon: number;
  readonly weight: number;
}

/** A site: a position in degrees. */
export interface Site {
  readonly lat: number;
  readonly lon: number;
}

/** One placement problem. */
export interface CoveringProblem {
  readonly demand: readonly Demand[];
  /** Sites that may be chosen. */
  readonly candidates: readonly Site[];
  /** Sites already in place: the demand they cover counts as covered, whatever is chosen. */
  readonly existing: readonly Site[];
  /** Coverage distance S in metres: a site covers demand at most this far away. */
  readonly coverageM: number;
  /** How many sites to choose (p). */
  readonly sites: number;
}

/** A placement: the chosen candidates in the order chosen, each with the weight it added, and the totals. */
export interface CoveringPlan {
  readonly chosen: readonly { readonly candidate: number; readonly addedWeight: number }[];
  /** Weight covered by the existing sites alone. */
  readonly existingWeight: number;
  /** Weight covered by the existing and the chosen sites together. */
  readonly coveredWeight: number;
  /** All demand weight. */
  readonly totalWeight: number;
}

/** What a problem reduces to: per candidate the demand it covers, and the demand the existing sites cover. */
export interface CoverageSets {
  readonly byCandidate: readonly Int32Array[];
  readonly coveredByExisting: Uint8Array;
}

/** Most combinations {@link coverExactly} will try. */
export const EXACT_SEARCH_LIMIT = 5_000_000;

/** Checks a problem's numbers, naming the first that is wrong. */
function checkProblem(problem: CoveringProblem): void {
  if (!(problem.coverageM > 0) || !Number.isFinite(problem.coverageM)) {
    throw new RangeError(`coverage distance must be a positive number of metres, not ${problem.coverageM}`);
  }
  if (!Number.isInteger(problem.sites) || problem.sites < 0) {
    throw new RangeError(`the number of sites must be a whole number ≥ 0, not ${problem.sites}`);
  }
  const bad = problem.demand.findIndex((d) => !(d.weight >= 0) || !Number.isFinite(d.weight));
  if (bad >= 0)
    throw new RangeError(`demand ${bad} has weight ${problem.demand[bad]?.weight}; weights must be ≥ 0`);
}

/** The demand each candidate covers and the demand the existing sites cover, found through a grid. */
export function coverageSets(problem: CoveringProblem): CoverageSets {
  checkProblem(problem);
  const { demand, coverageM } = problem;
  const origin = demand[0] ?? problem.candidates[0] ?? { lat: 0, lon: 0 };
  const project = localPlane(origin.lat, origin.lon);
  const grid = new PointGrid(coverageM);
  demand.forEach((point, index) => {
    const [x, y] = project(point.lat, point.lon);
    grid.add(x, y, index);
  });
  const covered = (site: Site): Int32Array => {
    const found: number[] = [];
    const [x, y] = project(site.lat, site.lon);
    grid.forEachNear(x, y, (index) => found.push(index));
    return Int32Array.from(found.sort((a, b) => a - b));
  };
  const coveredByExisting = new Uint8Array(demand.length);
  for (const site of problem.existing) for (const index of covered(site)) coveredByExisting[index] = 1;
  return { byCandidate: problem.candidates.map(covered), coveredByExisting };
}

function weightOf(demand: readonly Demand[], covered: Uint8Array): number {
  return demand.reduce((sum, d, index) => sum + (covered[index] ? d.weight : 0), 0);
}

/**
 * The greedy placement: p times, the candidate adding the most uncovered weight (the lowest index among equals);
 * it stops early when no candidate adds anything. Time: p × (total size of the coverage sets).
 */
export function coverGreedily(
  problem: CoveringProblem,
  sets: CoverageSets = coverageSets(problem),
): CoveringPlan {
  const { demand } = problem;
  const covered = Uint8Array.from(sets.coveredByExisting);
  const taken = new Uint8Array(problem.candidates.length);
  const chosen: { candidate: number; addedWeight: number }[] = [];
  for (let round = 0; round < problem.sites; round++) {
    let best = -1;
    let bestGain = 0;
    sets.byCandidate.forEach((set, candidate) => {
      if (taken[candidate]) return;
      let gain = 0;
      for (const index of set) if (!covered[index]) gain += demand[index]?.weight ?? 0;
      if (gain > bestGain) {
        best = candidate;
        bestGain = gain;
      }
    });
    if (best < 0) break;
    taken[best] = 1;
    for (const index of sets.byCandidate[best] ?? []) covered[index] = 1;
    chosen.push({ candidate: best, addedWeight: bestGain });
  }
  const existingWeight = weightOf(demand, sets.coveredByExisting);
  return {
    chosen,
    existingWeight,
    coveredWeight: weightOf(demand, covered),
    totalWeight: demand.reduce((sum, d) => sum + d.weight, 0),
  };
}

function combinations(n: number, k: number): number {
  let count = 1;
  for (let i = 0; i < k; i++) count = (count * (n - i)) / (i + 1);
  return Math.round(count);
}

/**
 * The optimal placement, by trying every combination of p candidates (only those covering some uncovered
 * demand); throws when that would be more than {@link EXACT_SEARCH_LIMIT} combinations. The chosen sites are
 * listed in the order the greedy rule would add them, each with the weight it adds.
 */
export function coverExactly(
  problem: CoveringProblem,
  sets: CoverageSets = coverageSets(problem),
): CoveringPlan {
  const { demand } = problem;
  const useful = sets.byCandidate
    .map((set, candidate) => ({ set, candidate }))
    .filter(({ set }) =>
      set.some((index) => !sets.coveredByExisting[index] && (demand[index]?.weight ?? 0) > 0),
    );
  const k = Math.min(problem.sites, useful.length);
  if (combinations(useful.length, k) > EXACT_SEARCH_LIMIT) {
    throw new RangeError(`exact search over C(${useful.length}, ${k}) combinations is too large`);
  }
  let bestWeight = -1;
  let best: number[] = [];
  const pick: number[] = [];
  const count = new Int32Array(demand.length);
  let weight = 0;
  const search = (from: number): void => {
    if (pick.length === k) {
      if (weight > bestWeight) {
        bestWeight = weight;
        best = [...pick];
      }
      return;
    }
    for (let i = from; i <= useful.length - (k - pick.length); i++) {
      const set = useful[i]?.set ?? new Int32Array();
      for (const index of set) {
        const before = count[index] ?? 0;
        count[index] = before + 1;
        if (before === 0 && !sets.coveredByExisting[index]) weight += demand[index]?.weight ?? 0;
      }
      pick.push(i);
      search(i + 1);
      pick.pop();
      for (const index of set) {
        const after = (count[index] ?? 1) - 1;
        count[index] = after;
        if (after === 0 && !sets.coveredByExisting[index]) weight -= demand[index]?.weight ?? 0;
      }
    }
  };
  search(0);
  // Order the optimal sites as the greedy rule would add them, so each carries the weight it adds.
  const restricted = best.map((i) => useful[i]?.set ?? new Int32Array());
  const order = coverGreedily(
    { ...problem, candidates: best.map(() => ({ lat: 0, lon: 0 })), sites: best.length },
    {
      byCandidate: restricted,
      coveredByExisting: sets.coveredByExisting,
    },
  );
  return {
    ...order,
    chosen: order.chosen.map(({ candidate, addedWeight }) => ({
      candidate: useful[best[candidate] ?? 0]?.candidate ?? -1,
      addedWeight,
    })),
  };
}
