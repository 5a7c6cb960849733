// H3 neighbourhoods within a set of cells, checked against h3-js gridDistance.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { H3Index } from '@titik-rawan/shared';
import { cellNeighbourhoods, fullDiskSize } from '@titik-rawan/server/analytics/h3-neighbours';

// h3-js is a dependency of the server package, not of tests/: load the server's copy.
const { cellToParent, gridDistance } = createRequire(new URL('../../server/package.json', import.meta.url))(
  'h3-js',
) as {
  cellToParent(cell: string, resolution: number): string;
  gridDistance(a: string, b: string): number;
};
const input = JSON.parse(readFileSync(new URL('../fixtures/gistar/input.json', import.meta.url), 'utf8')) as {
  cells: H3Index[];
  ring1: number[][];
};
const cells = input.cells;

describe('cellNeighbourhoods', () => {
  it.each([1, 2, 3])('lists, for ring %i, exactly the cells of the set within that grid distance', (ring) => {
    const { neighbours, edgeCells, fullDiskSize: full } = cellNeighbourhoods(cells, ring);
    expect(full).toBe(fullDiskSize(ring));
    cells.forEach((a, i) => {
      const expected = cells.flatMap((b, j) => (gridDistance(a, b) <= ring ? [j] : []));
      expect(neighbours[i]).toEqual(expected);
      expect(edgeCells.includes(i)).toBe(expected.length < full);
    });
  });

  it('includes the cell itself and is symmetric', () => {
    const { neighbours } = cellNeighbourhoods(cells);
    neighbours.forEach((list, i) => {
      expect(list).toContain(i);
      for (const j of list) expect(neighbours[j]).toContain(i);
    });
  });

  it('matches the neighbour lists stored in the Gi* fixture', () => {
    const { neighbours } = cellNeighbourhoods(cells, 1);
    expect(neighbours.map((l) => l.map((j) => j + 1))).toEqual(input.ring1);
  });

  it('marks the outer ring of a disk as edge cells and the interior as full', () => {
    const { edgeCells, neighbours } = cellNeighbourhoods(cells, 1);
    expect(edgeCells.length).toBeGreaterThan(0);
    expect(edgeCells.length).toBeLessThan(cells.length);
    neighbours.forEach((l, i) => {
      if (!edgeCells.includes(i)) expect(l).toHaveLength(7);
    });
  });

  it('ring 0 gives each cell alone, and a full disk size of 1', () => {
    const { neighbours, edgeCells } = cellNeighbourhoods(cells.slice(0, 5), 0);
    expect(neighbours).toEqual([[0], [1], [2], [3], [4]]);
    expect(edgeCells).toEqual([]);
  });

  it('rejects invalid cells, duplicates, mixed resolutions and bad ring distances', () => {
    const first = cells[0] as H3Index;
    expect(() => cellNeighbourhoods(['nope' as H3Index])).toThrow(RangeError);
    expect(() => cellNeighbourhoods([first, first])).toThrow(RangeError);
    expect(() => cellNeighbourhoods([first, cellToParent(first, 7) as H3Index])).toThrow(/mixed resolutions/);
    expect(() => cellNeighbourhoods([first], -1)).toThrow(RangeError);
    expect(() => cellNeighbourhoods([first], 1.5)).toThrow(RangeError);
  });
});
