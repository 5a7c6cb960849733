// Published analyses must not give away what the release hides. On a small real geography with random incident
// sets, every hot spot map, emerging class and forecast figure is offered (the guard rail lowered to 3 cells), the
// publication is decided, and an attacker who knows the release and every published result plays against it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { H3Index } from '@titik-rawan/shared';
import {
  buildAnalytics,
  DEFAULT_ANALYTICS_OPTIONS,
  type AnalyticsOptions,
} from '@titik-rawan/server/analytics/analytics-set';
import { auditPublication, decidePublication } from '@titik-rawan/server/analytics/publication';
import { countRows } from '@titik-rawan/server/releases/incident-counts';
import { buildReleases } from '@titik-rawan/server/releases/suppression';
import type { CountRow } from '@titik-rawan/server/releases/table';
import { smallGeography } from './fixtures';

const geography = smallGeography();
const categories = ['online_solicitation', 'csam'] as const;
const span = { first: '2024-01', last: '2024-12' };
const months = Array.from({ length: 12 }, (_, m) => `2024-${String(m + 1).padStart(2, '0')}`);
const options: AnalyticsOptions = {
  ...DEFAULT_ANALYTICS_OPTIONS,
  minCellsWithData: 3,
  categories,
};
// Clusters on a few base cells, so that hot spots are found and counts are small.
const hotCells = geography.baseCells.filter((_, i) => i % 7 === 0).slice(0, 8) as H3Index[];

const incidentsArbitrary = fc.array(
  fc.record({
    place: fc.constantFrom(...hotCells.map((baseCell) => ({ baseCell }))),
    month: fc.constantFrom(...months),
    category: fc.constantFrom(...categories),
  }),
  { minLength: 10, maxLength: 80 },
);

async function decide(rows: CountRow[]) {
  const releases = await buildReleases(geography, rows, { span, categories });
  const analytics = buildAnalytics(geography, rows, [], releases.span, options);
  const publication = await decidePublication(geography, rows, releases, analytics);
  return { releases, analytics, publication };
}

describe('publishing analyses', () => {
  it('leaves nothing an attacker can pin, and publishes no count from 1 to k − 1', async () => {
    let withheldByAudit = 0;
    await fc.assert(
      fc.asyncProperty(incidentsArbitrary, async (incidents) => {
        const rows = countRows(incidents);
        const { releases, analytics, publication } = await decide(rows);
        withheldByAudit += Object.values(publication.stats).reduce((s, t) => s + t.withheldByAudit, 0);
        const audits = await auditPublication(geography, rows, releases, analytics, publication);
        for (const audit of audits) {
          expect(audit.pinned, audit.tier).toEqual([]);
          expect(audit.ruleViolations, audit.tier).toEqual([]);
        }
        // Each tier sees no more than the tier above it.
        expect([...publication.withheld.admin.keys()].every((k) => publication.withheld.ngo.has(k))).toBe(
          true,
        );
      }),
      { numRuns: 12, seed: 20241125 },
    );
    // The check had work to do: some results had to be withheld.
    expect(withheldByAudit).toBeGreaterThan(0);
  });

  it('is needed: publishing every result lets the attacker pin suppressed counts', async () => {
    let pinned = 0;
    await fc.assert(
      fc.asyncProperty(incidentsArbitrary, async (incidents) => {
        const rows = countRows(incidents);
        const { releases, analytics, publication } = await decide(rows);
        const everything = {
          ...publication,
          withheld: Object.fromEntries(
            Object.keys(publication.withheld).map((tier) => [tier, new Map()]),
          ) as unknown as typeof publication.withheld,
        };
        const audits = await auditPublication(geography, rows, releases, analytics, everything, ['admin']);
        pinned += audits.reduce((s, a) => s + a.pinned.length + a.ruleViolations.length, 0);
      }),
      { numRuns: 12, seed: 20241125 },
    );
    expect(pinned).toBeGreaterThan(0);
  });
});
