// Feasible ranges by linear programming (HiGHS): what an attacker can learn about a protected quantity from
// published sums. Shared by the suppression engine's exact check and by the audit.
import loadHighs, { type Highs } from 'highs';
import { localClearing } from './local-witness';
import { seededRandom, summedObjectiveWeight } from './seeded-random';

/** A linear form: sorted variable indices, each with coefficient 1. */
export type Form = Int32Array;

/** What an attacker knows, as linear constraints over non-negative integer count variables. */
export interface AttackerKnowledge {
  /** Number of variables (true counts at the finest level, all ≥ 0). */
  varCount: number;
  /** Published sums: form = value. Zero sums fix their variables to 0. */
  equalities: readonly { form: Form; value: number }[];
  /** Suppressed sums: form ≥ 1, since a zero is always published as zero. */
  atLeastOne: readonly Form[];
  /** The true counts, one per variable: a point where every constraint holds, so targets can be cleared locally. */
  truth: Int32Array;
  /** A bound every variable lies under (at least the largest true count); keeps every LP bounded. */
  upperBound: number;
  /**
   * Bounds implied by published analyses (hot spot bins, forecast hits): lower ≤ form ≤ upper, each owned by the
   * analysis that implies it, so that withholding the analysis takes all its bounds away.
   */
  facts?: readonly { form: Form; lower: number; upper: number; owner: number }[];
}

/** A quantity to protect, with its true value (only values from 1 to k − 1 need checking). */
export interface Target {
  key: string;
  form: Form;
  value: number;
}

/** A target the attacker can pin to its true value (the only integer in its range), with the sums that prove it. */
export interface PinnedTarget {
  target: Target;
  /**
   * The published sums that carry the proof (non-zero LP duals), one group per LP row: indices into
   * `equalities` of every published sum that is that same constraint once published zeros are taken out.
   */
  provingEqualities: number[][];
  /** Owners of the analysis facts that carry the proof. */
  provingOwners: number[];
}

/** Sizes and effort of one range computation. */
export interface RangeStats {
  variables: number;
  constraints: number;
  targets: number;
  solves: number;
  /** Proving sums suppressed by the repair callback. */
  repairs: number;
  /** Analyses withheld by the withhold callback. */
  withheld: number;
  milliseconds: number;
}

let solver: Promise<Highs> | null = null;

/** The HiGHS WebAssembly solver, loaded once per process. */
export function loadSolver(): Promise<Highs> {
  solver ??= loadHighs();
  return solver;
}

const TOLERANCE = 1e-6;
/** Variables of the small program tried around each open target before the whole program is solved for it. */
const NEIGHBOURHOOD_SIZE = 1000;
/** Programs with more than this many times the neighbourhood's variables are cleared locally. */
const LARGE_PROGRAM = 4;
/** A target is cleared once a solution puts it at least this far from its true value: another integer is feasible. */
const CLEARED = 1 - TOLERANCE;

/** A short hash of a column list, to find identical constraints without comparing every pair. */
function signatureOf(cols: readonly number[]): string {
  let h1 = 0x811c9dc5;
  let h2 = 0;
  for (const c of cols) {
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = (h2 * 31 + c) | 0;
  }
  return `${cols.length}:${h1}:${h2}`;
}

function sameColumns(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

/**
 * Chooses, for a pinned target, one group of its proving sums and suppresses it, returning the group's index in
 * `provingEqualities`; or nothing when none may be suppressed.
 */
export type Repair = (pinned: PinnedTarget) => number | undefined;

/** Chooses, for a pinned target, one owner of its proving facts to withhold; or nothing when none may be. */
export type Withhold = (pinned: PinnedTarget) => number | undefined;

/**
 * Finds every target whose feasible range, subject to the attacker's knowledge, holds no integer but its true
 * value. Most targets are cleared on small programs around them, several by each solution (local-witness.ts); the
 * rest one by one on the whole program, which alone proves a pin.
 * With `repair`, a pinned target has proving sums suppressed (one group at a time, each checked at once) until it
 * is no longer pinned; with `withhold`, analyses whose facts carry the proof are withheld first, one at a time.
 * Only targets that can be neither repaired nor cleared by withholding are returned. `neighbourhoodSize` is the
 * number of variables of the small programs.
 */
export function findPinnedTargets(
  highs: Highs,
  knowledge: AttackerKnowledge,
  targets: readonly Target[],
  repair?: Repair,
  withhold?: Withhold,
  neighbourhoodSize = NEIGHBOURHOOD_SIZE,
): { pinned: PinnedTarget[]; stats: RangeStats } {
  const started = performance.now();
  const fixedZero = new Uint8Array(knowledge.varCount);
  for (const { form, value } of knowledge.equalities) if (value === 0) for (const v of form) fixedZero[v] = 1;
  const column = new Int32Array(knowledge.varCount).fill(-1);
  let columns = 0;
  const reduce = (form: Form): number[] => {
    const out: number[] = [];
    for (const v of form) {
      if (fixedZero[v]) continue;
      if (column[v] === -1) column[v] = columns++;
      out.push(column[v] as number);
    }
    return out;
  };
  // Rows are equalities (lower = upper = value) or the lower bounds of suppressed sums (upper = ∞); an identical
  // constraint is kept once, with every published sum that states it.
  const rows: { cols: number[]; lower: number; upper: number; equalities: number[]; owner: number }[] = [];
  const seen = new Map<string, number[]>();
  const rowOf = (cols: number[]): number | undefined => {
    const candidates = seen.get(signatureOf(cols)) ?? [];
    return candidates.find((r) => sameColumns(rows[r]?.cols ?? [], cols));
  };
  const addRow = (cols: number[], lower: number, upper: number, equalities: number[]): void => {
    const signature = signatureOf(cols);
    seen.set(signature, [...(seen.get(signature) ?? []), rows.length]);
    rows.push({ cols, lower, upper, equalities, owner: -1 });
  };
  knowledge.equalities.forEach(({ form, value }, equality) => {
    if (value === 0) return;
    const cols = reduce(form);
    const existing = rowOf(cols);
    if (existing === undefined) addRow(cols, value, value, [equality]);
    else rows[existing]?.equalities.push(equality);
  });
  for (const form of knowledge.atLeastOne) {
    const cols = reduce(form);
    if (cols.length > 0 && rowOf(cols) === undefined) addRow(cols, 1, Infinity, []);
  }
  // Facts are kept as rows of their own (not merged), so each can be taken away with its analysis.
  for (const { form, lower, upper, owner } of knowledge.facts ?? []) {
    const cols = reduce(form);
    if (cols.length > 0) rows.push({ cols, lower, upper, equalities: [], owner });
  }
  const live: { target: Target; cols: number[]; same: Target[] }[] = [];
  const liveBySignature = new Map<string, number[]>();
  for (const target of targets) {
    const cols = reduce(target.form);
    if (cols.length === 0 || target.value <= 0) continue;
    const signature = signatureOf(cols);
    const candidates = liveBySignature.get(signature) ?? [];
    const existing = candidates.map((i) => live[i]).find((l) => l && sameColumns(l.cols, cols));
    if (existing) {
      existing.same.push(target);
      continue;
    }
    liveBySignature.set(signature, [...candidates, live.length]);
    live.push({ target, cols, same: [] });
  }
  const stats: RangeStats = {
    variables: columns,
    constraints: rows.length,
    targets: live.length,
    solves: 0,
    repairs: 0,
    withheld: 0,
    milliseconds: 0,
  };
  if (live.length === 0)
    return { pinned: [], stats: { ...stats, milliseconds: performance.now() - started } };

  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const row of rows) {
    const sorted = [...row.cols].sort((a, b) => a - b);
    for (const c of sorted) {
      indices.push(c);
      values.push(1);
    }
    starts.push(indices.length);
  }
  const model = highs.createModel({
    numCols: columns,
    numRows: rows.length,
    colCost: new Float64Array(columns),
    colLower: new Float64Array(columns),
    colUpper: new Float64Array(columns).fill(knowledge.upperBound),
    rowLower: rows.map((r) => r.lower),
    rowUpper: rows.map((r) => r.upper),
    matrix: { format: 'csr', numRows: rows.length, numCols: columns, starts, indices, values },
  });
  try {
    // The first solve starts from nothing: interior point with crossover finds an optimal basis about 3 times as
    // fast as simplex (12 s against 36 s on a year of 100,000 incidents). Later solves change only the objective,
    // so the last basis stays primal feasible: primal simplex (strategy 4) goes on from it, where dual simplex
    // starts nearly afresh (2.2 times the time at 3,000 incidents).
    model.options.set({ output_flag: false, solver: 'ipm' });
    const allColumns = { kind: 'range' as const, from: 0, to: columns - 1 };
    const solve = (costs: Float64Array, maximise: boolean): { x: Float64Array; duals: Float64Array } => {
      model.changeColsCost(allColumns, costs);
      model.changeObjectiveSense(
        maximise ? highs.constants.objectiveSense.maximize : highs.constants.objectiveSense.minimize,
      );
      model.run();
      if (stats.solves === 0) model.options.set({ solver: 'simplex', simplex_strategy: 4 });
      if (model.getModelStatus() !== highs.constants.modelStatus.optimal) {
        // Crossover or a warm start can stop short of an optimal basis on a large, degenerate program: solve
        // again from nothing with dual simplex, then go on warm as before.
        model.clearSolver();
        model.options.set({ simplex_strategy: 1 });
        model.run();
        model.options.set({ simplex_strategy: 4 });
      }
      stats.solves++;
      const status = model.getModelStatus();
      if (status !== highs.constants.modelStatus.optimal) {
        throw new Error(`Release audit: LP ended with status ${status}; published sums are inconsistent`);
      }
      const solution = model.getSolution();
      return { x: solution.colValue, duals: solution.rowDual ?? new Float64Array(rows.length) };
    };
    const open = new Set(live.map((_, i) => i));
    const clear = (x: Float64Array): void => {
      for (const i of open) {
        const { target, cols } = live[i] as (typeof live)[number];
        let sum = 0;
        for (const c of cols) sum += x[c] ?? 0;
        if (Math.abs(sum - target.value) >= CLEARED) open.delete(i);
      }
    };
    // A large program: each open target is tried first on a small program around it (local-witness.ts), which
    // clears it and many of its neighbours at once; a year of 100,000 incidents took 373 s with summed objectives
    // on the whole program, 34 s this way. A small one: summed objectives on the whole program (all +1, all −1,
    // then deterministic random signed weights, while they clear any) are cheaper, 1.7 times at 800 incidents.
    // What is left goes to the whole program one by one: every solution also clears what it can, and only the
    // whole program proves a pin.
    const truth = new Float64Array(columns);
    column.forEach((c, v) => {
      if (c >= 0) truth[c] = knowledge.truth[v] ?? 0;
    });
    const clearLocally =
      columns > LARGE_PROGRAM * neighbourhoodSize
        ? localClearing(
            highs,
            truth,
            knowledge.upperBound,
            rows,
            live.map(({ target, cols }) => ({ cols, value: target.value })),
            (sum, value) => Math.abs(sum - value) >= CLEARED,
            TOLERANCE,
            neighbourhoodSize,
          )
        : undefined;
    // (Without a consistent truth, as when the audit is given a release with a wrong sum, there is no local
    // clearing either.)
    const random = seededRandom(columns * 7919 + rows.length);
    for (let round = 0, idle = 0; !clearLocally && open.size > 0 && idle < 3 && round < 60; round++) {
      const before = open.size;
      const costs = new Float64Array(columns);
      for (const i of open) {
        const weight = summedObjectiveWeight(round, random);
        for (const c of (live[i] as (typeof live)[number]).cols) costs[c] = (costs[c] ?? 0) + weight;
      }
      clear(solve(costs, true).x);
      idle = open.size === before ? idle + 1 : 0;
    }
    const pinned: PinnedTarget[] = [];
    for (const i of [...open].sort((a, b) => a - b)) {
      if (open.has(i)) clearLocally?.(i, open);
      const { target, cols, same } = live[i] as (typeof live)[number];
      const costs = new Float64Array(columns);
      for (const c of cols) costs[c] = 1;
      while (open.has(i)) {
        const proving = new Set<number>();
        for (const maximise of [true, false]) {
          const { x, duals } = solve(costs, maximise);
          clear(x);
          if (!open.has(i)) break;
          duals.forEach((d, r) => {
            const row = rows[r];
            if (Math.abs(d) > TOLERANCE && row && (row.equalities.length > 0 || row.owner >= 0))
              proving.add(r);
          });
        }
        if (!open.has(i)) break;
        const provingRows = [...proving].sort((a, b) => a - b);
        const owners = [...new Set(provingRows.map((r) => rows[r]?.owner ?? -1).filter((o) => o >= 0))];
        const groups = provingRows.filter((r) => rows[r]?.owner === -1).map((r) => rows[r]?.equalities ?? []);
        const proof: PinnedTarget = {
          target,
          provingEqualities: groups,
          provingOwners: owners.sort((a, b) => a - b),
        };
        const withheld = owners.length > 0 ? withhold?.(proof) : undefined;
        if (withheld !== undefined) {
          // The analysis is withheld: none of its facts is known any more.
          rows.forEach((r, index) => {
            if (r.owner !== withheld) return;
            model.changeRowBounds(index, -Infinity, Infinity);
            Object.assign(r, { lower: -Infinity, upper: Infinity, owner: -1 });
          });
          stats.withheld++;
          continue;
        }
        const released = repair?.(proof);
        const row =
          released === undefined ? undefined : provingRows.filter((r) => rows[r]?.owner === -1)[released];
        if (row === undefined) {
          for (const t of [target, ...same]) pinned.push({ ...proof, target: t });
          open.delete(i);
          break;
        }
        // The released sums are suppressed now: the attacker only knows they are at least 1.
        model.changeRowBounds(row, 1, Infinity);
        Object.assign(rows[row] as (typeof rows)[number], { lower: 1, upper: Infinity, equalities: [] });
        stats.repairs++;
      }
    }
    stats.milliseconds = performance.now() - started;
    return { pinned, stats };
  } finally {
    model.dispose();
  }
}
