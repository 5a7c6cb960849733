import { INCIDENT_CATEGORIES, type H3Index, type KelurahanCode } from '@titik-rawan/shared';
import type { Sql } from '../db/database';
import { dataVersion } from '../db/meta';
import type { IncidentPlace, ReleaseGeography } from './geography';
import { monthIndex, monthKey } from './periods';
import type { CountRow } from './table';

/** The data version of the incidents: changes with every write to them. */
export const incidentsVersion = (sql: Sql): Promise<string> => dataVersion(sql, 'incidents');

/**
 * Months of incidents read per statement. The embedded database runs one statement at a time, so any request that
 * arrives while a release is read (a signed-in one reads its session) waits for the statement running: counting
 * 1,000,000 incidents in one statement took 3.4 s there; a quarter of three years of them is a twelfth of that.
 */
export const MONTHS_PER_READ = 3;

/**
 * Runs `read` once for each run of {@link MONTHS_PER_READ} months from the first incident's month to the last one's,
 * oldest first, with the run's first day and the day after it (`YYYY-MM-DD`); returns every row read.
 */
export async function readByMonths<T>(
  sql: Sql,
  read: (from: string, until: string) => Promise<readonly T[]>,
): Promise<T[]> {
  const [span] = await sql<{ first: string | null; last: string | null }[]>`
    select to_char(min(occurred_on), 'YYYY-MM') as first, to_char(max(occurred_on), 'YYYY-MM') as last
    from incidents`;
  if (!span?.first || !span.last) return [];
  const rows: T[] = [];
  for (let month = monthIndex(span.first); month <= monthIndex(span.last); month += MONTHS_PER_READ) {
    rows.push(...(await read(`${monthKey(month)}-01`, `${monthKey(month + MONTHS_PER_READ)}-01`)));
  }
  return rows;
}

/** The same incident data read in several statements, and the data version they all belong to. */
export interface ReadAtOneVersion<T> {
  version: string;
  data: T;
}

/** How many times {@link readAtOneVersion} reads before giving up on data that keep changing. */
const READ_ATTEMPTS = 5;

/**
 * Runs `read` (any number of statements on incidents) and checks that no write to incidents committed meanwhile: the
 * data version must be `version` after it, as before. When it is not, reads again at the new version, up to
 * {@link READ_ATTEMPTS} times in all.
 */
export async function readAtOneVersion<T>(
  sql: Sql,
  version: string,
  read: () => Promise<T>,
): Promise<ReadAtOneVersion<T>> {
  let expected = version;
  for (let attempt = 1; attempt <= READ_ATTEMPTS; attempt++) {
    const data = await read();
    const after = await incidentsVersion(sql);
    if (after === expected) return { version: expected, data };
    expected = after;
  }
  throw new Error(
    `incidents changed during each of ${READ_ATTEMPTS} reads; the next request reads them again`,
  );
}

/**
 * True incident counts per place, month and category, read inside the server only ({@link MONTHS_PER_READ} months
 * per statement; {@link readAtOneVersion} makes the statements one view of the data): a stored base cell
 * counts there when it belongs to the release geography, otherwise (no point, or a point whose cell lies
 * outside the city's base cells) the incident counts as unlocated in its kelurahan.
 */
export async function readIncidentCounts(sql: Sql, geography: ReleaseGeography): Promise<CountRow[]> {
  const rows = await readByMonths(
    sql,
    (from, until) => sql<
      { base_cell: string | null; kelurahan: string; month: string; category: string; n: number }[]
    >`
      select base_cell, kelurahan_code as kelurahan, to_char(occurred_on, 'YYYY-MM') as month, category,
        count(*)::int as n
      from incidents
      where occurred_on >= ${from} and occurred_on < ${until} and category in ${sql(INCIDENT_CATEGORIES)}
      group by base_cell, kelurahan_code, to_char(occurred_on, 'YYYY-MM'), category`,
  );
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
