// The figures of the outreach table that come from places and the published cell analyses: venues and
// interventions counted per kelurahan, and which published H3 cells reach into each kelurahan, so that a
// kelurahan's hot spot and trend class are those of its cells. Only published values go in; nothing is inferred.
import type { EmergingClass, InterventionKind } from '@titik-rawan/shared';
import { mostPressingTrend, type HotspotConfidence } from '@titik-rawan/shared/outreach';
import type { Sql } from '../db/database';
import type { CellResolution, ReleaseGeography } from '../releases/geography';
import type { Period } from '../releases/periods';

/** How the cells of a kelurahan are chosen, in words (the API says it with every answer). */
export const CELLS_OF_KELURAHAN =
  'A published H3 cell counts for every kelurahan it reaches into: each cell is made of resolution-9 base cells, each base cell belongs to one kelurahan (see /api/releases/geography), and a cell with a base cell in a kelurahan counts for it. A hot spot at a kelurahan’s edge therefore counts for its neighbours too.';

/**
 * Indices (into the resolution's cells) of the published cells reaching into each kelurahan, by kelurahan code:
 * those with at least one base cell in it.
 */
export function cellsOfKelurahan(
  geography: ReleaseGeography,
  resolution: CellResolution,
): ReadonlyMap<string, readonly number[]> {
  const cells = new Map<string, number[]>();
  geography.cells[resolution].forEach((cell, index) => {
    const codes = new Set(
      (geography.baseCellsOfCell.get(cell) ?? []).map((base) => geography.kelurahanOfBaseCell.get(base)),
    );
    for (const code of codes) {
      if (code === undefined) continue;
      const list = cells.get(code) ?? [];
      list.push(index);
      cells.set(code, list);
    }
  });
  return cells;
}

const CONFIDENCE_OF_BIN: readonly HotspotConfidence[] = [0, 90, 95, 99];

/** The strongest hot spot confidence among some cells' Gi* bins (1/2/3 = 90/95/99 %); 0 when none is hot. */
export function strongestHotspot(bins: ArrayLike<number>, cells: readonly number[]): HotspotConfidence {
  let strongest = 0;
  for (const i of cells) strongest = Math.max(strongest, bins[i] ?? 0);
  return CONFIDENCE_OF_BIN[Math.min(strongest, 3)] ?? 0;
}

/** The most pressing emerging hot spot class among some cells ('no-pattern' when there are none). */
export function pressingTrendOf(classes: readonly EmergingClass[], cells: readonly number[]): EmergingClass {
  return mostPressingTrend(cells.flatMap((i) => classes[i] ?? [])) ?? 'no-pattern';
}

/** The last day of a period as `YYYY-MM-DD`. */
export function lastDayOf(period: Period): string {
  const lastMonth =
    period.kind === 'year'
      ? 12
      : period.kind === 'quarter'
        ? (period.quarter ?? 4) * 3
        : (period.month ?? 12);
  // Day 0 of the following month is the last day of this one.
  return new Date(Date.UTC(period.year, lastMonth, 0)).toISOString().slice(0, 10);
}

/** A kelurahan's population and the places outreach looks at. */
export interface KelurahanPlaces {
  code: string;
  population: number | null;
  venues: { kost: number; lodging: number; schools: number };
  interventions: number;
}

/**
 * Every kelurahan's population, its kost, hotels and guest houses, and schools, and the interventions recorded
 * in it that started on or before `until` (`YYYY-MM-DD`), except the withheld kinds; in code order.
 */
export async function kelurahanPlaces(
  sql: Sql,
  until: string,
  withheld: readonly InterventionKind[],
): Promise<KelurahanPlaces[]> {
  const rows = await sql<
    {
      code: string;
      population: number | null;
      kost: number;
      lodging: number;
      schools: number;
      interventions: number;
    }[]
  >`
    with venue_counts as (
      -- venues of the kinds outreach looks at, by kelurahan
      select kelurahan_code as code,
        count(*) filter (where kind = 'kost')::int as kost,
        count(*) filter (where kind in ('hotel', 'guest_house'))::int as lodging,
        count(*) filter (where kind = 'school')::int as schools
      from venues
      group by kelurahan_code
    ),
    intervention_counts as (
      -- interventions started by the period's end, of the kinds the tier may see
      select kelurahan_code as code, count(*)::int as n
      from interventions
      where started_on <= ${until}::date and kind <> all(${sql.array(withheld as string[])}::text[])
      group by kelurahan_code
    )
    select a.code, a.population,
      coalesce(v.kost, 0) as kost, coalesce(v.lodging, 0) as lodging, coalesce(v.schools, 0) as schools,
      coalesce(i.n, 0) as interventions
    from admin_areas a
    left join venue_counts v on v.code = a.code
    left join intervention_counts i on i.code = a.code
    where a.level = 'kelurahan'
    order by a.code`;
  return rows.map(({ code, population, kost, lodging, schools, interventions }) => ({
    code,
    population,
    venues: { kost, lodging, schools },
    interventions,
  }));
}
