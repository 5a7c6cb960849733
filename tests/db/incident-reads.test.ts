// The reads a release is decided from: a few months of incidents per statement, so that the embedded database (one
// statement at a time) keeps answering other requests in between, and together one view of the data.
import { describe, expect, it } from 'vitest';
import { INCIDENT_CATEGORIES } from '@titik-rawan/shared';
import { readTimeProfiles } from '@titik-rawan/server/planning/time-profile';
import { loadReleaseGeography } from '@titik-rawan/server/releases/geography';
import { monthIndex } from '@titik-rawan/server/releases/periods';
import {
  incidentsVersion,
  MONTHS_PER_READ,
  readAtOneVersion,
  readByMonths,
  readIncidentCounts,
} from '@titik-rawan/server/releases/incident-counts';
import { testDatabase } from '../support/database';
import { withIncidentBatch } from '../support/incidents';

const { sql } = testDatabase();
const geography = loadReleaseGeography();

describe('reading incidents a few months per statement', () => {
  it('reads runs of months from the first incident’s month to the last one’s, each once', async () => {
    const runs: [string, string][] = [];
    await readByMonths(sql, async (from, until) => {
      runs.push([from, until]);
      return [];
    });
    const [span] = await sql<{ first: string; last: string }[]>`
      select min(occurred_on)::text as first, max(occurred_on)::text as last from incidents`;
    expect(runs.length).toBeGreaterThan(1);
    expect(runs[0]?.[0]).toBe(`${span?.first.slice(0, 7)}-01`);
    expect((runs.at(-1)?.[1] ?? '') > (span?.last ?? '')).toBe(true);
    for (const [index, [from, until]] of runs.entries()) {
      if (index > 0) expect(from).toBe(runs[index - 1]?.[1]);
      expect(monthIndex(until.slice(0, 7)) - monthIndex(from.slice(0, 7))).toBe(MONTHS_PER_READ);
    }
  });

  it('counts every incident once, as one statement over all of them would', async () => {
    const { data } = await readAtOneVersion(sql, await incidentsVersion(sql), async () => ({
      counts: await readIncidentCounts(sql, geography),
      whole: await sql<{ month: string; category: string; n: number }[]>`
        select to_char(occurred_on, 'YYYY-MM') as month, category, count(*)::int as n
        from incidents where category in ${sql(INCIDENT_CATEGORIES)}
        group by 1, 2`,
    }));
    const byMonthAndCategory = new Map<string, number>();
    for (const { month, category, count } of data.counts) {
      byMonthAndCategory.set(
        `${month}|${category}`,
        (byMonthAndCategory.get(`${month}|${category}`) ?? 0) + count,
      );
    }
    expect(data.whole.length).toBeGreaterThan(MONTHS_PER_READ);
    expect(byMonthAndCategory).toEqual(
      new Map(data.whole.map((row) => [`${row.month}|${row.category}`, row.n])),
    );
  });

  it('gives each year’s time-of-week profile the counts of all its months', async () => {
    const { data } = await readAtOneVersion(sql, await incidentsVersion(sql), async () => ({
      profiles: await readTimeProfiles(sql),
      years: await sql<{ year: number; n: number }[]>`
        select extract(year from occurred_on)::int as year, count(*)::int as n from incidents group by 1`,
    }));
    expect(data.years.length).toBeGreaterThan(1);
    for (const { year, n } of data.years) {
      const profile = data.profiles.get(year);
      expect(profile?.flat().reduce((sum, count) => sum + count, 0)).toBe(n);
    }
  });
});

describe('one view of the data across statements', () => {
  it('reads again when an import commits during the read, and gives the version that includes it', async () => {
    await withIncidentBatch(sql, 'incident reads test', async (addIncident, batchId) => {
      const before = await incidentsVersion(sql);
      let reads = 0;
      const read = await readAtOneVersion(sql, before, async () => {
        reads++;
        const [row] = await sql<{ n: number }[]>`
          select count(*)::int as n from incidents where batch_id = ${batchId}`;
        // An import commits between this read's statements (inside the demo data's span).
        if (reads === 1) await addIncident('2024-03-15');
        return row?.n;
      });
      expect(reads).toBeGreaterThanOrEqual(2);
      expect(read.data).toBe(1);
      expect(BigInt(read.version)).toBeGreaterThan(BigInt(before));
    });
  });

  it('gives up with an error naming the incidents when they change during every read', async () => {
    let reads = 0;
    const reading = readAtOneVersion(sql, await incidentsVersion(sql), async () => {
      reads++;
      // A statement on incidents that changes no row still counts as a write: the version moves.
      await sql`delete from incidents where false`;
    });
    await expect(reading).rejects.toThrow(/incidents changed during each of \d+ reads/);
    expect(reads).toBeGreaterThan(1);
  });
});
