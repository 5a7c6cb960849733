// The pure pipeline end to end on the fixture's cells: Gi* per step, FDR bins, then emerging classes.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { H3Index } from '@titik-rawan/shared';
import { classifyEmerging, emergingHotSpots } from '@titik-rawan/server/analytics/emerging';
import { hotSpotBins } from '@titik-rawan/server/analytics/fdr';
import { giStar } from '@titik-rawan/server/analytics/gi-star';
import { cellNeighbourhoods } from '@titik-rawan/server/analytics/h3-neighbours';

const input = JSON.parse(readFileSync(new URL('../fixtures/gistar/input.json', import.meta.url), 'utf8')) as {
  cells: H3Index[];
};

describe('Gi* + FDR + emerging classes over 12 steps', () => {
  const { neighbours, edgeCells } = cellNeighbourhoods(input.cells, 1);
  // Two interior cells far apart: one area grows over time, the other fades.
  const interior = input.cells.map((_, i) => i).filter((i) => !edgeCells.includes(i));
  const growing = interior[0] ?? 0;
  const fading =
    interior.find((i) => !(neighbours[growing] ?? []).some((j) => (neighbours[i] ?? []).includes(j))) ?? 0;
  const steps = 12;
  let state = 7;
  const noise = (): number => {
    state = (state * 16807) % 2147483647;
    return Math.floor((state / 2147483647) * 3);
  };
  const countsByStep = Array.from({ length: steps }, (_, t) =>
    Float64Array.from(input.cells, (_, i) => {
      let count = noise();
      if ((neighbours[growing] ?? []).includes(i)) count += 4 + 2 * t;
      if ((neighbours[fading] ?? []).includes(i)) count += 30 - 1.5 * t; // still hot at the end: a fade below significance in < 90 % of steps is no pattern
      return count;
    }),
  );
  const zByStep = countsByStep.map((counts) => giStar(counts, neighbours));
  const binsByStep = zByStep.map((z) => hotSpotBins(z));
  const results = emergingHotSpots(binsByStep, zByStep);

  it('classes the growing area as intensifying or new (or consecutive)', () => {
    expect(['intensifying-hot-spot', 'new-hot-spot', 'consecutive-hot-spot']).toContain(
      results[growing]?.class,
    );
    expect(results[growing]?.trend.trend).toBe(1);
  });

  it('classes the fading area as diminishing or historical', () => {
    expect(['diminishing-hot-spot', 'historical-hot-spot']).toContain(results[fading]?.class);
    expect(results[fading]?.trend.trend).toBe(-1);
  });

  it('agrees with classifying one cell at a time', () => {
    const i = growing;
    const one = classifyEmerging(
      binsByStep.map((b) => b[i] ?? 0),
      zByStep.map((z) => z[i] ?? 0),
    );
    expect(one.class).toBe(results[i]?.class);
  });
});
