// Incremental decisions: each year of each tier's release is kept, and after a change to one year's counts only
// that year is decided again; the release is the one a fresh decision gives, and the attacker still pins nothing.
import { describe, expect, it } from 'vitest';
import { TIERS } from '@titik-rawan/shared';
import { auditReleases } from '@titik-rawan/server/releases/audit';
import { countRows } from '@titik-rawan/server/releases/incident-counts';
import { seededRandom } from '@titik-rawan/server/releases/seeded-random';
import type { ReleaseSet } from '@titik-rawan/server/releases/release';
import { buildReleases, type KeptYears, type YearDecision } from '@titik-rawan/server/releases/suppression';
import { smallGeography } from './fixtures';

const geography = smallGeography();
const categories = ['online_solicitation', 'csam'] as const;
const span = { first: '2023-01', last: '2024-12' };

/** Incidents of one year at random base cells, months and categories (seeded). */
function incidentsOf(year: number, count: number, seed: number) {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  return Array.from({ length: count }, () => ({
    place: { baseCell: pick(geography.baseCells) },
    month: `${year}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}`,
    category: pick(categories),
  }));
}

/** A store of year decisions in memory that counts what is decided anew. */
function memoryStore(): KeptYears & { decided: number } {
  const kept = new Map<string, YearDecision>();
  const store = {
    decided: 0,
    read: (key: string) => kept.get(key) ?? null,
    write: (key: string, decision: YearDecision) => {
      store.decided++;
      kept.set(key, decision);
    },
  };
  return store;
}

function valuesOf(set: ReleaseSet) {
  return Object.fromEntries(TIERS.map((tier) => [tier, [...set.tiers[tier].values].sort()]));
}

describe('year decisions kept between data versions', () => {
  it('decides only the changed year again and gives the release a fresh decision gives', async () => {
    const kept = memoryStore();
    const y2023 = incidentsOf(2023, 60, 1);
    const y2024 = incidentsOf(2024, 60, 2);
    const options = { span, categories, keptYears: kept };
    await buildReleases(geography, countRows([...y2023, ...y2024]), options);
    // admin (satgas shares its policy and so its release), ngo and public, for each of the two years.
    expect(kept.decided).toBe(6);

    const changed = countRows([...y2023, ...y2024, ...incidentsOf(2024, 15, 3)]);
    kept.decided = 0;
    const incremental = await buildReleases(geography, changed, options);
    expect(kept.decided).toBe(3);

    const fresh = await buildReleases(geography, changed, { span, categories });
    expect(valuesOf(incremental)).toEqual(valuesOf(fresh));
    for (const audit of await auditReleases(geography, changed, incremental)) {
      expect(audit.ruleViolations).toEqual([]);
      expect(audit.pinned).toEqual([]);
    }
  }, 300_000);

  it('decides again only the tier whose policy changed', async () => {
    const kept = memoryStore();
    const rows = countRows([...incidentsOf(2023, 40, 4), ...incidentsOf(2024, 40, 5)]);
    await buildReleases(geography, rows, { span, categories, keptYears: kept });
    kept.decided = 0;
    // A stricter public threshold: the public years are decided again, the others read back.
    const policy = {
      public: { threshold: 12, finestResolution: 7, finestPeriod: 'quarter' },
      ngo: { threshold: 5, finestResolution: 8, finestPeriod: 'month' },
      satgas: { threshold: 3, finestResolution: 8, finestPeriod: 'month' },
      admin: { threshold: 3, finestResolution: 8, finestPeriod: 'month' },
    } as const;
    await buildReleases(geography, rows, { span, categories, policy, keptYears: kept });
    expect(kept.decided).toBe(2);
  }, 300_000);
});
