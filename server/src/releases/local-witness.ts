// Clearing targets on small programs. The true counts satisfy everything the attacker knows, so fixing every
// variable outside a neighbourhood of a target at its true count and solving the program of the neighbourhood alone
// gives a point of the whole program: where a target's sum there lies at least 1 from its true value, another
// integer is feasible and the target is not pinned. A neighbourhood has at most a few thousand variables whatever
// the size of the table, where one solve of a whole year's program takes seconds from 100,000 incidents on. What is
// not cleared here is left to the whole program, which alone can prove a pin and name the sums that prove it.
import type { Highs } from 'highs';
import { seededRandom, summedObjectiveWeight } from './seeded-random';

/** A constraint of the attacker's program over column indices: lower ≤ Σ cols ≤ upper. */
export interface Constraint {
  cols: readonly number[];
  lower: number;
  upper: number;
}

/** Tries to clear a target on the program around it, removing from `open` every target its solutions clear. */
export type ClearLocally = (seed: number, open: Set<number>) => void;

/** Rows longer than this do not carry a neighbourhood further (a whole kecamatan or month would swallow it). */
const LINKING_ROW_LIMIT = 40;
/** Objectives tried on one neighbourhood at most, and how many in a row may clear nothing. */
const MAX_ROUNDS = 12;
const MAX_IDLE_ROUNDS = 2;

const isFree = (row: Constraint) => row.lower === -Infinity && row.upper === Infinity;

/**
 * The local clearing of one program on neighbourhoods of `size` columns, or undefined when `truth` (one value per
 * column) does not satisfy its constraints and bounds, as when a release under audit publishes a wrong sum: then
 * nothing can be cleared locally. `cleared(sum, value)` says whether a target's sum at a solution frees it from its
 * true value. The constraints are read at each call, so bounds widened since (a sum suppressed, an analysis
 * withheld) are taken into account.
 */
export function localClearing(
  highs: Highs,
  truth: Float64Array,
  upperBound: number,
  rows: readonly Constraint[],
  targets: readonly { cols: readonly number[]; value: number }[],
  cleared: (sum: number, value: number) => boolean,
  tolerance: number,
  size: number,
): ClearLocally | undefined {
  for (const value of truth) if (value < 0 || value > upperBound) return undefined;
  for (const row of rows) {
    let sum = 0;
    for (const c of row.cols) sum += truth[c] ?? 0;
    if (sum < row.lower - tolerance || sum > row.upper + tolerance) return undefined;
  }
  const rowsOf: number[][] = Array.from(truth, () => []);
  rows.forEach((row, r) => {
    for (const c of row.cols) rowsOf[c]?.push(r);
  });
  // Shortest rows first: a neighbourhood grows through the closest relations before the wide ones.
  for (const list of rowsOf) list.sort((a, b) => (rows[a]?.cols.length ?? 0) - (rows[b]?.cols.length ?? 0));
  const targetsOf: number[][] = Array.from(truth, () => []);
  targets.forEach(({ cols }, t) => {
    for (const c of cols) targetsOf[c]?.push(t);
  });
  const random = seededRandom(truth.length * 31 + rows.length);

  /** Columns reached from the target's own through short rows, breadth first, up to `size`: column → local index. */
  const neighbourhood = (start: readonly number[]): Map<number, number> => {
    const inside = new Map<number, number>();
    const order: number[] = [];
    for (const c of start) {
      inside.set(c, inside.size);
      order.push(c);
    }
    for (let head = 0; head < order.length && inside.size < size; head++) {
      for (const r of rowsOf[order[head] as number] ?? []) {
        const row = rows[r] as Constraint;
        if (row.cols.length > LINKING_ROW_LIMIT || isFree(row)) continue;
        for (const other of row.cols) {
          if (inside.has(other) || inside.size >= size) continue;
          inside.set(other, inside.size);
          order.push(other);
        }
      }
    }
    return inside;
  };

  /** The program of a neighbourhood: every constraint touching it, less the true counts outside it. */
  const programOf = (inside: ReadonlyMap<number, number>) => {
    const touched = new Set<number>();
    for (const c of inside.keys()) for (const r of rowsOf[c] ?? []) touched.add(r);
    const starts = [0];
    const indices: number[] = [];
    const rowLower: number[] = [];
    const rowUpper: number[] = [];
    for (const r of touched) {
      const row = rows[r] as Constraint;
      if (isFree(row)) continue;
      let outside = 0;
      for (const c of row.cols) {
        const local = inside.get(c);
        if (local === undefined) outside += truth[c] ?? 0;
        else indices.push(local);
      }
      rowLower.push(row.lower - outside);
      rowUpper.push(row.upper - outside);
      starts.push(indices.length);
    }
    const n = inside.size;
    return highs.createModel({
      numCols: n,
      numRows: rowLower.length,
      sense: highs.constants.objectiveSense.maximize,
      colCost: new Float64Array(n),
      colLower: new Float64Array(n),
      colUpper: new Float64Array(n).fill(upperBound),
      rowLower,
      rowUpper,
      matrix: {
        format: 'csr',
        numRows: rowLower.length,
        numCols: n,
        starts,
        indices,
        values: new Float64Array(indices.length).fill(1),
      },
    });
  };

  return (seed, open) => {
    const start = (targets[seed] as (typeof targets)[number]).cols;
    const inside = neighbourhood(start);
    const nearby = new Set<number>();
    for (const c of inside.keys()) for (const t of targetsOf[c] ?? []) if (open.has(t)) nearby.add(t);
    const model = programOf(inside);
    /** Solves for the objective and clears every nearby target the solution frees; whether any was. */
    const solve = (costs: Float64Array): boolean => {
      model.changeColsCost({ kind: 'range', from: 0, to: inside.size - 1 }, costs);
      model.run();
      if (model.getModelStatus() !== highs.constants.modelStatus.optimal) return false;
      const x = model.getSolution().colValue;
      let any = false;
      for (const t of nearby) {
        if (!open.has(t)) continue;
        const target = targets[t] as (typeof targets)[number];
        let sum = 0;
        for (const c of target.cols) {
          const local = inside.get(c);
          sum += local === undefined ? (truth[c] ?? 0) : (x[local] ?? 0);
        }
        if (cleared(sum, target.value)) {
          open.delete(t);
          any = true;
        }
      }
      return any;
    };
    try {
      // As on the whole program: consecutive solves change only the objective, so primal simplex goes on.
      model.options.set({ output_flag: false, solver: 'simplex', simplex_strategy: 4 });
      // Every nearby open target at once (up, down, then random signed weights), then the seed alone both ways.
      for (let round = 0, idle = 0; round < MAX_ROUNDS && idle < MAX_IDLE_ROUNDS; round++) {
        const costs = new Float64Array(inside.size);
        let weighted = false;
        for (const t of nearby) {
          if (!open.has(t)) continue;
          const weight = summedObjectiveWeight(round, random);
          for (const c of (targets[t] as (typeof targets)[number]).cols) {
            const local = inside.get(c);
            if (local === undefined) continue;
            costs[local] = (costs[local] ?? 0) + weight;
            weighted = true;
          }
        }
        if (!weighted) break;
        idle = solve(costs) ? 0 : idle + 1;
      }
      for (const weight of [1, -1]) {
        if (!open.has(seed)) break;
        const costs = new Float64Array(inside.size);
        for (const c of start) costs[inside.get(c) as number] = weight;
        solve(costs);
      }
    } finally {
      model.dispose();
    }
  };
}
