// The attacker on the demo data: every tier's release of the 2,400 synthetic incidents, combined with the releases
// of every less privileged tier, leaves no suppressed value, sliver or unlocated part pinned to a number from 1 to
// k − 1, and publishes no zero as suppressed.
import { describe, expect, it } from 'vitest';
import { auditReleases } from '@titik-rawan/server/releases/audit';
import { demoCountRows } from '@titik-rawan/server/demo/demo-counts';
import { buildReleases } from '@titik-rawan/server/releases/suppression';
import { fullGeography } from './fixtures';

describe('audit on the demo data', () => {
  it('finds nothing pinned in any tier', async () => {
    const geography = fullGeography();
    const rows = demoCountRows(geography);
    const releases = await buildReleases(geography, rows);
    const audits = await auditReleases(geography, rows, releases);
    for (const audit of audits) {
      expect(audit.ruleViolations).toEqual([]);
      expect(audit.pinned).toEqual([]);
      expect(audit.suppressedChecked).toBeGreaterThan(1000);
    }
    const figures = audits.map(({ tier, quantities, suppressed, suppressedChecked, partsChecked }) => ({
      tier,
      quantities,
      suppressed,
      suppressedChecked,
      partsChecked,
    }));
    console.log('audit figures (demo data):', JSON.stringify(figures));
  }, 900_000);
});
