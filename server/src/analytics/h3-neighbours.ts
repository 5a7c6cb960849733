// Binary contiguity for Gi* on H3 cells: each cell's neighbourhood is its H3 disk of `ringDistance`
// (h3-js `gridDisk`, the cell itself included) restricted to the cells of the study area, so cells on the
// city's edge have fewer neighbours than a full disk. Neighbour lists are indices into the input order.
import type { H3Index } from '@titik-rawan/shared';
import { getResolution, gridDisk, isValidCell } from 'h3-js';

/** Neighbourhoods of a set of H3 cells, in the order the cells were given. */
export interface CellNeighbourhoods {
  /** Ring distance used (1 = the cell and its six adjacent cells). */
  readonly ringDistance: number;
  /** Number of cells in a full disk of that ring distance, the cell included: 1 + 3k(k + 1). */
  readonly fullDiskSize: number;
  /** For each cell, the indices of the cells in its disk that are in the set, itself included, ascending. */
  readonly neighbours: readonly (readonly number[])[];
  /** Indices of the cells whose disk is not wholly inside the set (edge of the study area), ascending. */
  readonly edgeCells: readonly number[];
}

/** Number of cells in a full H3 disk of `ringDistance` (the centre included), ignoring pentagons. */
export function fullDiskSize(ringDistance: number): number {
  return 1 + 3 * ringDistance * (ringDistance + 1);
}

/**
 * Neighbour lists for Gi* over `cells` (one H3 resolution, no duplicates): each cell with the cells of its
 * `gridDisk(cell, ringDistance)` that belong to the set, itself included; `ringDistance` defaults to 1.
 */
export function cellNeighbourhoods(cells: readonly H3Index[], ringDistance = 1): CellNeighbourhoods {
  if (!Number.isInteger(ringDistance) || ringDistance < 0) {
    throw new RangeError(`cellNeighbourhoods: ring distance must be a whole number ≥ 0, got ${ringDistance}`);
  }
  const indexOf = new Map<string, number>();
  let resolution: number | undefined;
  cells.forEach((cell, i) => {
    if (!isValidCell(cell)) throw new RangeError(`cellNeighbourhoods: ${cell} is not an H3 cell`);
    const r = getResolution(cell);
    resolution ??= r;
    if (r !== resolution) {
      throw new RangeError(`cellNeighbourhoods: mixed resolutions ${resolution} and ${r} (${cell})`);
    }
    if (indexOf.has(cell)) throw new RangeError(`cellNeighbourhoods: ${cell} is listed twice`);
    indexOf.set(cell, i);
  });

  const full = fullDiskSize(ringDistance);
  const neighbours: number[][] = [];
  const edgeCells: number[] = [];
  cells.forEach((cell, i) => {
    const disk = gridDisk(cell, ringDistance);
    const inSet: number[] = [];
    for (const other of disk) {
      const j = indexOf.get(other);
      if (j !== undefined) inSet.push(j);
    }
    inSet.sort((a, b) => a - b);
    neighbours.push(inSet);
    if (inSet.length < full) edgeCells.push(i);
  });
  return { ringDistance, fullDiskSize: full, neighbours, edgeCells };
}
