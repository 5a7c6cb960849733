// The attacker's range computation against an independent one: on random small programs, findPinnedTargets (which
// clears most targets on small programs around them, local-witness.ts) must report exactly the targets whose
// feasible range, computed here by minimising and maximising each one over the whole program, holds no integer but
// the true value. A local solution that was not a solution of the whole program would clear a pinned target.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  findPinnedTargets,
  loadSolver,
  type AttackerKnowledge,
  type Target,
} from '@titik-rawan/server/releases/ranges';

// HiGHS itself, loaded once: the reference solves each target's range directly on the whole program.
const highs = await loadSolver();

/** A random attacker's knowledge over `n` true counts: published sums, suppressed sums (≥ 1) and targets. */
const programs = fc
  .record({
    truth: fc.array(fc.nat({ max: 4 }), { minLength: 6, maxLength: 40 }),
    sums: fc.array(fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), { minLength: 3, maxLength: 40 }),
    suppressed: fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
  })
  .map(({ truth, sums, suppressed }) => {
    const n = truth.length;
    const forms = sums.map((members) => Int32Array.from(new Set(members.map((m) => m % n))).sort());
    const valueOf = (form: Int32Array) => form.reduce((total, v) => total + (truth[v] ?? 0), 0);
    const knowledge: AttackerKnowledge = {
      varCount: n,
      truth: Int32Array.from(truth),
      equalities: [],
      atLeastOne: [],
      upperBound: truth.reduce((a, b) => a + b, 0) + 1,
    };
    const equalities: { form: Int32Array; value: number }[] = [];
    const atLeastOne: Int32Array[] = [];
    const targets: Target[] = [];
    forms.forEach((form, i) => {
      const value = valueOf(form);
      if (suppressed[i] && value > 0) {
        atLeastOne.push(form);
        if (value < 5) targets.push({ key: `sum ${i}`, form, value });
      } else equalities.push({ form, value });
    });
    truth.forEach((value, v) => {
      if (value >= 1 && value < 5) targets.push({ key: `var ${v}`, form: Int32Array.of(v), value });
    });
    return { knowledge: { ...knowledge, equalities, atLeastOne }, targets };
  });

/** Whether the target's range over the whole program holds no integer but its true value. */
function pinnedOnTheWholeProgram(knowledge: AttackerKnowledge, target: Target): boolean {
  const n = knowledge.varCount;
  const rows = [
    ...knowledge.equalities.map(({ form, value }) => ({ form, lower: value, upper: value })),
    ...knowledge.atLeastOne.map((form) => ({ form, lower: 1, upper: Infinity })),
  ];
  const starts = [0];
  const indices: number[] = [];
  for (const { form } of rows) {
    indices.push(...form);
    starts.push(indices.length);
  }
  const cost = new Float64Array(n);
  for (const v of target.form) cost[v] = 1;
  const extremes = [highs.constants.objectiveSense.minimize, highs.constants.objectiveSense.maximize].map(
    (sense) =>
      highs.withModel(
        {
          numCols: n,
          numRows: rows.length,
          sense,
          colCost: cost,
          colLower: new Float64Array(n),
          colUpper: new Float64Array(n).fill(knowledge.upperBound),
          rowLower: rows.map((r) => r.lower),
          rowUpper: rows.map((r) => r.upper),
          matrix: {
            format: 'csr',
            numRows: rows.length,
            numCols: n,
            starts,
            indices,
            values: indices.map(() => 1),
          },
        },
        (model) => {
          model.options.set({ output_flag: false });
          model.run();
          return model.getObjectiveValue();
        },
      ),
  );
  const [low, high] = extremes as [number, number];
  return target.value - low < 1 - 1e-6 && high - target.value < 1 - 1e-6;
}

describe('findPinnedTargets', () => {
  it('pins exactly what minimising and maximising over the whole program pins', async () => {
    let pinnedSeen = 0;
    let clearedSeen = 0;
    fc.assert(
      fc.property(programs, ({ knowledge, targets }) => {
        // Neighbourhoods of 3 variables: programs of more than 12 are cleared locally, most of them held at the truth.
        const { pinned } = findPinnedTargets(highs, knowledge, targets, undefined, undefined, 3);
        const found = new Set(pinned.map((p) => p.target.key));
        for (const target of targets) {
          const pinned = pinnedOnTheWholeProgram(knowledge, target);
          if (pinned) pinnedSeen++;
          else clearedSeen++;
          expect(found.has(target.key), target.key).toBe(pinned);
        }
      }),
      { numRuns: 150, seed: 20261129 },
    );
    // The programs drawn must have tried both answers many times.
    expect(pinnedSeen).toBeGreaterThan(50);
    expect(clearedSeen).toBeGreaterThan(50);
  }, 120_000);
});
