// Intervention coverage, the arithmetic behind `GET /api/planning/coverage`: which listed cells have an
// intervention inside them or within the reach S of their centre (and how far the nearest one is), and the
// quarters before and after a kelurahan's first intervention with the sums a before/after table may show.
// Nothing here reads the database or decides what a tier sees: the route hands in only published figures.
import { INTERVENTION_KINDS, type H3Index, type InterventionKind } from '@titik-rawan/shared';
import { latLngToCell } from 'h3-js';
import { localPlane } from '../geography/point-grid';
import { monthIndex, quarterOfMonth, type DataSpan } from '../releases/periods';

/** An intervention as coverage needs it: its kind and position in degrees. */
export interface CoveringSite {
  readonly kind: InterventionKind;
  readonly lon: number;
  readonly lat: number;
}

/** A cell to cover: its H3 index, resolution and centre in degrees. */
export interface CellToCover {
  readonly cell: H3Index;
  readonly resolution: number;
  readonly lon: number;
  readonly lat: number;
}

/** How one cell is covered. */
export interface CellCoverage {
  /** Whether some intervention lies inside the cell's hexagon or within the reach of its centre. */
  readonly covered: boolean;
  /** Metres from the cell's centre to the nearest intervention (exact), or null when there is none. */
  readonly nearestM: number | null;
  /** Kinds of the interventions that cover it, in the order of INTERVENTION_KINDS. */
  readonly kinds: readonly InterventionKind[];
}

/**
 * The coverage of each cell by the sites: a site covers a cell when it lies inside the cell's hexagon (its H3 cell
 * at the cell's resolution is the cell) or at most `reachM` metres from the cell's centre. Distances are on a
 * local plane at the cell's centre (well under 0.1 % from the geodesic across a city). Time: cells × sites.
 */
export function coverCells(
  cells: readonly CellToCover[],
  sites: readonly CoveringSite[],
  reachM: number,
): CellCoverage[] {
  if (!(reachM > 0) || !Number.isFinite(reachM)) {
    throw new RangeError(`the reach must be a positive number of metres, not ${reachM}`);
  }
  const siteCells = new Map<number, H3Index[]>();
  const siteCell = (resolution: number, index: number): H3Index => {
    let cells = siteCells.get(resolution);
    if (!cells) {
      cells = sites.map((site) => latLngToCell(site.lat, site.lon, resolution) as H3Index);
      siteCells.set(resolution, cells);
    }
    return cells[index] as H3Index;
  };
  return cells.map((cell) => {
    const project = localPlane(cell.lat, cell.lon);
    const kinds = new Set<InterventionKind>();
    let nearestM: number | null = null;
    sites.forEach((site, index) => {
      const [x, y] = project(site.lat, site.lon);
      const distance = Math.hypot(x, y);
      if (nearestM === null || distance < nearestM) nearestM = distance;
      if (distance <= reachM || siteCell(cell.resolution, index) === cell.cell) kinds.add(site.kind);
    });
    return {
      covered: kinds.size > 0,
      nearestM,
      kinds: INTERVENTION_KINDS.filter((kind) => kinds.has(kind)),
    };
  });
}

/**
 * The relative risk from which a cell counts as high risk: that of the last cell in the top `share` of all cells by
 * risk (at least one cell), so that cells tied with it count too. Infinity without scores.
 */
export function highRiskFrom(scores: ArrayLike<number>, share: number): number {
  const sorted = Array.from(scores).sort((a, b) => b - a);
  const count = Math.max(1, Math.round(sorted.length * share));
  const threshold = sorted[count - 1];
  return threshold === undefined ? Infinity : threshold;
}

/** Whether a cell of relative risk `risk` is high risk under the threshold (a cell without factors never is). */
export function isHighRisk(risk: number, threshold: number): boolean {
  return risk > 1 && risk >= threshold;
}

/** Where a quarter lies against the data: wholly inside it, before its first month, or not (wholly) over yet. */
export type QuarterPlace = 'in_data' | 'before_data' | 'not_yet';

/** The quarters around a first intervention: the quarter it fell in, and `count` quarters on either side. */
export interface QuartersAround {
  /** The quarter of the first intervention (`YYYY-Qn`), left out of both sides. */
  readonly quarter: string;
  readonly before: readonly { readonly quarter: string; readonly place: QuarterPlace }[];
  readonly after: readonly { readonly quarter: string; readonly place: QuarterPlace }[];
}

/**
 * The `count` quarters before and after the quarter of `date` (YYYY-MM-DD), oldest first, each placed against the
 * data span. Only a quarter whose three months all lie in the span counts as in the data: a part-quarter at either
 * end of the data would compare a month or two with whole quarters.
 */
export function quartersAround(date: string, span: DataSpan | null, count = 4): QuartersAround {
  const month = monthIndex(date.slice(0, 7));
  const firstOfQuarter = month - (month % 3);
  // Without data every quarter is "not yet".
  const first = span ? monthIndex(span.first) : -Infinity;
  const last = span ? monthIndex(span.last) : -Infinity;
  const placed = (start: number) => ({
    quarter: quarterOfMonth(start),
    place: (start >= first && start + 2 <= last
      ? 'in_data'
      : start < first
        ? 'before_data'
        : 'not_yet') as QuarterPlace,
  });
  const offsets = Array.from({ length: count }, (_, i) => i + 1);
  return {
    quarter: quarterOfMonth(firstOfQuarter),
    before: offsets.toReversed().map((k) => placed(firstOfQuarter - 3 * k)),
    after: offsets.map((k) => placed(firstOfQuarter + 3 * k)),
  };
}

/** The total of a side of the before/after table: the sum when every quarter is a published count, else null. */
export function totalIfPublished(counts: readonly (number | null)[]): number | null {
  let sum = 0;
  for (const count of counts) {
    if (count === null) return null;
    sum += count;
  }
  return sum;
}
