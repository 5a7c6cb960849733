/** A small deterministic pseudo-random generator (mulberry32) giving numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The weight of each open target in round `round` of summed objectives: all +1, then all −1, then a deterministic
 * random signed weight of magnitude 0.5 to 1.5 each, so that successive solutions push the targets different ways.
 */
export function summedObjectiveWeight(round: number, random: () => number): number {
  return round === 0 ? 1 : round === 1 ? -1 : (random() < 0.5 ? -1 : 1) * (0.5 + random());
}
