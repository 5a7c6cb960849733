// Property-based tests of the release engine over random small incident sets on a small real geography.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TIERS, type H3Index, type KelurahanCode } from '@titik-rawan/shared';
import { auditReleases } from '@titik-rawan/server/releases/audit';
import { buildReleases } from '@titik-rawan/server/releases/suppression';
import { buildTierTable, buildYearTable, type CountRow } from '@titik-rawan/server/releases/table';
import { countRows } from '@titik-rawan/server/releases/incident-counts';
import { smallGeography } from './fixtures';

const geography = smallGeography();
const categories = ['online_solicitation', 'csam'] as const;
const span = { first: '2024-01', last: '2024-06' };
const months = ['2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06'];
// A few base cells, some at kelurahan borders (cells whose res-8 parent straddles two kelurahan) and one unlocated.
const borderCells = geography.cells[8]
  .filter(
    (c) =>
      new Set((geography.baseCellsOfCell.get(c) ?? []).map((b) => geography.kelurahanOfBaseCell.get(b)))
        .size > 1,
  )
  .flatMap((c) => geography.baseCellsOfCell.get(c) ?? [])
  .slice(0, 6);
const places: ({ baseCell: H3Index } | { unlocatedIn: KelurahanCode })[] = [
  ...borderCells.map((baseCell) => ({ baseCell })),
  ...geography.baseCells.slice(0, 3).map((baseCell) => ({ baseCell })),
  { unlocatedIn: geography.kelurahan[0]?.code as KelurahanCode },
  { unlocatedIn: geography.kelurahan[1]?.code as KelurahanCode },
];

const incidentArbitrary = fc.record({
  place: fc.constantFrom(...places),
  month: fc.constantFrom(...months),
  category: fc.constantFrom(...categories),
});
const incidentsArbitrary = fc.array(incidentArbitrary, { minLength: 0, maxLength: 40 });
const options = { span, categories };

async function checkRelease(rows: CountRow[]): Promise<void> {
  const releases = await buildReleases(geography, rows, options);
  for (const tier of TIERS) {
    const release = releases.tiers[tier];
    const k = release.policy.threshold;
    const table = buildTierTable(geography, tier, release.policy, rows, options);
    for (const yearNumber of table.years) {
      const year = buildYearTable(table, yearNumber);
      for (const quantity of year.quantities) {
        const value = release.values.get(quantity.key);
        expect(value).not.toBeUndefined();
        if (value === null || value === undefined) continue;
        expect(value).toBe(quantity.value);
        expect(value === 0 || value >= k).toBe(true);
      }
      for (const relation of year.relations) {
        const members = [relation.parent, ...relation.children];
        const hidden = members.filter((m) => release.values.get(year.quantities[m]?.key ?? '') === null);
        const hiddenNonZero = hidden.filter((m) => (year.quantities[m]?.value ?? 0) > 0);
        // A relation hides no non-zero value, or at least two values.
        expect(hiddenNonZero.length === 0 || hidden.length >= 2).toBe(true);
        // Zeros are always shown; under a shown total, the hidden values are not all ones (each would be pinned).
        expect(hidden.length).toBe(hiddenNonZero.length);
        const parentShown = !hidden.includes(relation.parent);
        const hiddenSum = hidden.reduce((sum, m) => sum + (year.quantities[m]?.value ?? 0), 0);
        expect(!parentShown || hidden.length === 0 || hiddenSum > hidden.length).toBe(true);
      }
    }
  }
  // Releases nest: whatever a less privileged tier shows, every more privileged tier shows too.
  TIERS.forEach((tier, index) => {
    for (const above of TIERS.slice(index + 1)) {
      for (const [key, value] of releases.tiers[tier].values) {
        if (value !== null) expect(releases.tiers[above].values.get(key)).toBe(value);
      }
    }
  });
  const audits = await auditReleases(geography, rows, releases);
  for (const audit of audits) {
    expect(audit.ruleViolations).toEqual([]);
    expect(audit.pinned).toEqual([]);
  }
}

describe('release engine properties', () => {
  it('publishes only true sums outside 1…k−1, never hides a zero, nests tiers and lets nothing be pinned', async () => {
    await fc.assert(
      fc.asyncProperty(incidentsArbitrary, async (incidents) => checkRelease(countRows(incidents))),
      { numRuns: 25, seed: 20241125 },
    );
  }, 600_000);

  it('is deterministic: the same incidents in any order give the same releases', async () => {
    await fc.assert(
      fc.asyncProperty(incidentsArbitrary, fc.integer(), async (incidents, salt) => {
        const rows = countRows(incidents);
        const shuffled = [...rows].sort(
          (a, b) =>
            (((JSON.stringify(a).length * 31) ^ salt) % 7) - (((JSON.stringify(b).length * 31) ^ salt) % 7),
        );
        const first = await buildReleases(geography, rows, options);
        const second = await buildReleases(geography, shuffled.reverse(), options);
        for (const tier of TIERS)
          expect([...second.tiers[tier].values]).toEqual([...first.tiers[tier].values]);
      }),
      { numRuns: 10, seed: 7 },
    );
  }, 600_000);
});
