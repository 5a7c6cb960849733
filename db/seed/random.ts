// Seeded pseudo-random numbers for the demo data: sfc32 seeded through splitmix32, using only integer
// arithmetic and basic floating-point operations so every machine produces the same sequence.

/** A seeded source of uniform numbers in [0, 1) with a few sampling helpers. */
export interface Random {
  /** Next uniform number in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Uniform number in [min, max). */
  range(min: number, max: number): number;
  /** Approximately standard-normal number (Irwin–Hall sum of four uniforms, bounded to ±3.46). */
  normal(): number;
  /** True with probability p. */
  chance(p: number): boolean;
}

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** Creates the generator for one named stream of a seed, so that streams (venues, incidents…) stay independent. */
export function createRandom(seed: number, stream: number): Random {
  const mix = splitmix32((seed ^ Math.imul(stream + 1, 0x27d4eb2f)) >>> 0);
  let a = mix();
  let b = mix();
  let c = mix();
  let d = mix();
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  const SQRT3 = 1.7320508075688772;
  return {
    next,
    int: (n) => Math.floor(next() * n),
    range: (min, max) => min + (max - min) * next(),
    normal: () => (next() + next() + next() + next() - 2) * SQRT3,
    chance: (p) => next() < p,
  };
}

/** Cumulative weights over a list of items, sampled by binary search. */
export interface WeightedTable {
  /** Running sums of the weights; the last entry is the total. */
  cumulative: Float64Array;
  /** Sum of all weights. */
  total: number;
}

/** Builds a {@link WeightedTable} from non-negative weights. */
export function weightedTable(weights: ArrayLike<number>): WeightedTable {
  const cumulative = new Float64Array(weights.length);
  let total = 0;
  for (let i = 0; i < weights.length; i++) {
    total += weights[i] ?? 0;
    cumulative[i] = total;
  }
  return { cumulative, total };
}

/** Index drawn from the table with probability proportional to its weight; -1 when the table is empty. */
export function pickWeighted(table: WeightedTable, random: Random): number {
  if (table.total <= 0) return -1;
  const target = random.next() * table.total;
  const c = table.cumulative;
  let lo = 0;
  let hi = c.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((c[mid] ?? 0) > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Keys of a record of weights with their {@link WeightedTable}, for repeated sampling. */
export interface WeightedKeys<K extends string> {
  /** The keys, in the record's insertion order. */
  keys: readonly K[];
  /** Cumulative weights aligned with `keys`. */
  table: WeightedTable;
}

/** Prepares a record of weights for repeated sampling with {@link pickKey}. */
export function weightedKeys<K extends string>(weights: Readonly<Record<K, number>>): WeightedKeys<K> {
  const keys = Object.keys(weights) as K[];
  return { keys, table: weightedTable(keys.map((k) => weights[k])) };
}

/** Draws one key with probability proportional to its weight. */
export function pickKey<K extends string>(weighted: WeightedKeys<K>, random: Random): K {
  return weighted.keys[Math.max(0, pickWeighted(weighted.table, random))] as K;
}
