// The coarse time-of-week profile a patrol briefing shows: incidents of one whole year in all of East Jakarta, by
// day of the week and time band (plus "time not recorded"), for every category together. The geography, period
// and category are fixed so that no two profiles can be subtracted from each other; the table is protected like
// a release: a count from 1 to k − 1 is suppressed, and more cells are suppressed until even someone who knows
// the year's total (published elsewhere) cannot tell that a suppressed cell holds fewer than k.
import { TIME_BANDS } from '@titik-rawan/shared/codes';
import type { Sql } from '../db/database';
import { readByMonths } from '../releases/incident-counts';

/** Days of the week in ISO order (Monday first). */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** Columns of the profile: the time bands, then incidents without a time band. */
export const PROFILE_BANDS = [...TIME_BANDS, 'unrecorded'] as const;

/** Counts by day (rows, {@link WEEKDAYS}) and band (columns, {@link PROFILE_BANDS}). */
export type ProfileCounts = number[][];

/** A profile as published: a count or null (suppressed) per day and band. */
export interface ProtectedProfile {
  readonly values: (number | null)[][];
  /** Suppressed cells. */
  readonly suppressed: number;
  /** True when the table could not be protected and nothing of it is shown. */
  readonly withheld: boolean;
}

/** An empty profile: every count 0. */
export function emptyProfile(): ProfileCounts {
  return WEEKDAYS.map(() => PROFILE_BANDS.map(() => 0));
}

/**
 * Incidents of every calendar year by ISO day of the week and time band, all categories: read with the counts of
 * a release, so that a profile changes only when a new release is decided (a few months per statement, like them).
 */
export async function readTimeProfiles(sql: Sql): Promise<Map<number, ProfileCounts>> {
  const rows = await readByMonths(
    sql,
    (from, until) => sql<{ year: number; day: number; band: string | null; count: number }[]>`
      select extract(year from occurred_on)::int as year, extract(isodow from occurred_on)::int as day,
        time_band as band, count(*)::int as count
      from incidents
      where occurred_on >= ${from} and occurred_on < ${until}
      group by 1, 2, 3`,
  );
  const profiles = new Map<number, ProfileCounts>();
  for (const { year, day, band, count } of rows) {
    let counts = profiles.get(year);
    if (!counts) profiles.set(year, (counts = emptyProfile()));
    const column = PROFILE_BANDS.indexOf((band ?? 'unrecorded') as (typeof PROFILE_BANDS)[number]);
    const row = counts[day - 1];
    if (row && column >= 0) row[column] = (row[column] ?? 0) + count;
  }
  return profiles;
}

/**
 * Whether suppressed values are safe against someone who knows their sum and that each is at least 1 (zeros are
 * shown): none suppressed, or at least two and every one of them could be k or more.
 */
function safe(suppressedValues: readonly number[], threshold: number): boolean {
  const n = suppressedValues.length;
  if (n === 0) return true;
  const sum = suppressedValues.reduce((a, b) => a + b, 0);
  return n >= 2 && sum - (n - 1) >= threshold;
}

/**
 * Protects a profile with threshold k: primary suppression of counts from 1 to k − 1, then complementary
 * suppression of the smallest published counts until the suppressed cells are {@link safe}; withheld as a whole
 * when even that cannot make it safe.
 */
export function protectProfile(counts: ProfileCounts, threshold: number): ProtectedProfile {
  if (!Number.isInteger(threshold) || threshold < 2) {
    throw new RangeError(`threshold must be a whole number ≥ 2, not ${threshold}`);
  }
  const flat = counts.flat();
  const hidden = new Set(flat.flatMap((count, i) => (count >= 1 && count < threshold ? [i] : [])));
  const valuesOf = () => [...hidden].map((i) => flat[i] ?? 0);
  // Smallest non-zero published counts first (ties: the earlier cell), as the least informative to give up.
  const spare = flat
    .map((count, i) => ({ count, i }))
    .filter(({ count, i }) => count > 0 && !hidden.has(i))
    .sort((a, b) => a.count - b.count || a.i - b.i);
  while (!safe(valuesOf(), threshold)) {
    const next = spare.shift();
    if (!next) {
      return { values: counts.map((row) => row.map(() => null)), suppressed: flat.length, withheld: true };
    }
    hidden.add(next.i);
  }
  const width = PROFILE_BANDS.length;
  return {
    values: counts.map((row, d) => row.map((count, b) => (hidden.has(d * width + b) ? null : count))),
    suppressed: hidden.size,
    withheld: false,
  };
}

/** The published day-and-band cells with the highest count (none when no band has a published count above 0). */
export function busiestTimes(profile: ProtectedProfile): { day: string; band: string }[] {
  const cells = profile.values.flatMap((row, d) =>
    TIME_BANDS.map((band, b) => ({ day: WEEKDAYS[d] ?? '', band, count: row[b] ?? 0 })),
  );
  const highest = Math.max(0, ...cells.map((cell) => cell.count));
  return highest === 0
    ? []
    : cells.filter((cell) => cell.count === highest).map(({ day, band }) => ({ day, band }));
}
