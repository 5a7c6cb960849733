import { INCIDENT_CATEGORIES, type H3Index, type KelurahanCode } from '@titik-rawan/shared';
import type { Sql } from '../db/database';
import { dataVersion } from '../db/meta';
import type { IncidentPlace, ReleaseGeography } from './geography';
import type { CountRow } from './table';

/** The data version of the incidents: changes with every write to them. */
export const incidentsVersion = (sql: Sql): Promise<string> => dataVersion(sql, 'incidents');

/**
 * True incident counts per place, month and category, read inside the server only: a stored base cell
 * counts there when it belongs to the release geography, otherwise (no point, or a point whose cell lies
 * outside the city's base cells) the incident counts as unlocated in its kelurahan.
 */
export async function readIncidentCounts(sql: Sql, geography: ReleaseGeography): Promise<CountRow[]> {
  const rows = await sql<
    { base_cell: string | null; kelurahan: string; month: string; category: string; n: number }[]
  >`
    select base_cell, kelurahan_code as kelurahan, to_char(occurred_on, 'YYYY-MM') as month, category,
      count(*)::int as n
    from incidents
    where category in ${sql(INCIDENT_CATEGORIES)}
    group by base_cell, kelurahan_code, to_char(occurred_on, 'YYYY-MM'), category`;
  return rows.map((row) => {
    const cell = row.base_cell as H3Index | null;
    const place =
      cell && geography.kelurahanOfBaseCell.has(cell)
        ? { baseCell: cell }
        : { unlocatedIn: row.kelurahan as KelurahanCode };
    return { place, month: row.month, category: row.category, count: row.n };
  });
}

/** Count rows of a list of placed incidents: one row per place, month and category. */
export function countRows(
  incidents: Iterable<{ place: IncidentPlace; month: string; category: string }>,
): CountRow[] {
  const rows = new Map<string, CountRow>();
  for (const { place, month, category } of incidents) {
    const key = JSON.stringify([place, month, category]);
    const row = rows.get(key);
    if (row) row.count++;
    else rows.set(key, { place, month, category, count: 1 });
  }
  return [...rows.values()];
}
