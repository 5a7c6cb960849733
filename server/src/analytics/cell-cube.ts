// True incident counts per published H3 cell × month × category, built once per data version from the count
// rows the release engine reads: the input of every analysis. Incidents known only to their kelurahan have no
// cell and are left out (they count in the period totals used as forecast denominators).
import { INCIDENT_CATEGORIES, type H3Index } from '@titik-rawan/shared';
import type { CellResolution, ReleaseGeography } from '../releases/geography';
import { parentCell } from '../releases/geography';
import { monthIndex, monthsOfPeriod, type DataSpan, type Period } from '../releases/periods';
import { ALL_CATEGORIES, type CountRow } from '../releases/table';

/** Counts of one resolution's cells: dense `counts[(cell · months + month) · categories + category]`. */
export interface CellCube {
  resolution: CellResolution;
  cells: readonly H3Index[];
  span: DataSpan;
  /** Month index (see `monthIndex`) of the span's first month. */
  firstMonth: number;
  months: number;
  counts: Int32Array;
  /** Incidents of every month × category, located or not (the kota total). */
  totals: Int32Array;
}

const CATEGORY_INDEX = new Map<string, number>(INCIDENT_CATEGORIES.map((c, i) => [c, i]));

/** Builds the cube of one resolution over a data span. */
export function buildCellCube(
  geography: ReleaseGeography,
  rows: readonly CountRow[],
  resolution: CellResolution,
  span: DataSpan,
): CellCube {
  const cells = geography.cells[resolution];
  const cellIndex = new Map(cells.map((cell, i) => [cell, i]));
  const firstMonth = monthIndex(span.first);
  const months = monthIndex(span.last) - firstMonth + 1;
  const categories = INCIDENT_CATEGORIES.length;
  const counts = new Int32Array(cells.length * months * categories);
  const totals = new Int32Array(months * categories);
  for (const row of rows) {
    const category = CATEGORY_INDEX.get(row.category);
    const month = monthIndex(row.month) - firstMonth;
    if (category === undefined || month < 0 || month >= months) continue;
    totals[month * categories + category] = (totals[month * categories + category] ?? 0) + row.count;
    if (!('baseCell' in row.place)) continue;
    const cell = cellIndex.get(parentCell(row.place.baseCell, resolution));
    if (cell === undefined) continue;
    const index = (cell * months + month) * categories + category;
    counts[index] = (counts[index] ?? 0) + row.count;
  }
  return { resolution, cells, span, firstMonth, months, counts, totals };
}

function categoryIndices(category: string): number[] {
  if (category === ALL_CATEGORIES) return INCIDENT_CATEGORIES.map((_, i) => i);
  const index = CATEGORY_INDEX.get(category);
  if (index === undefined) throw new RangeError(`unknown category ${category}`);
  return [index];
}

function monthOffsets(cube: CellCube, period: Period): number[] {
  return monthsOfPeriod(period, cube.span).map((m) => m - cube.firstMonth);
}

/** Located incidents per cell (in `cube.cells` order) for a period and category (or `all`). */
export function cellCounts(cube: CellCube, period: Period, category: string): Float64Array {
  const months = monthOffsets(cube, period);
  const categories = categoryIndices(category);
  const width = INCIDENT_CATEGORIES.length;
  const out = new Float64Array(cube.cells.length);
  for (let cell = 0; cell < cube.cells.length; cell++) {
    let sum = 0;
    for (const month of months) {
      const base = (cell * cube.months + month) * width;
      for (const c of categories) sum += cube.counts[base + c] ?? 0;
    }
    out[cell] = sum;
  }
  return out;
}

/** Every incident of a period and category, located or not. */
export function periodTotal(cube: CellCube, period: Period, category: string): number {
  const width = INCIDENT_CATEGORIES.length;
  let sum = 0;
  for (const month of monthOffsets(cube, period)) {
    for (const c of categoryIndices(category)) sum += cube.totals[month * width + c] ?? 0;
  }
  return sum;
}
