// The attacker: for adversarial and realistic data sets, every tier's release (with the public one) leaves no
// suppressed value, sliver or unlocated part pinned to a number from 1 to k − 1; and the audit does catch a
// release made with primary suppression only.
import { describe, expect, it } from 'vitest';
import type { H3Index, KelurahanCode } from '@titik-rawan/shared';
import { auditReleases, type TierAudit } from '@titik-rawan/server/releases/audit';
import { parentCell } from '@titik-rawan/server/releases/geography';
import { buildReleases } from '@titik-rawan/server/releases/suppression';
import type { CountRow } from '@titik-rawan/server/releases/table';
import { seededRandom } from '@titik-rawan/server/releases/seeded-random';
import { countRows } from '@titik-rawan/server/releases/incident-counts';
import { fullGeography } from './fixtures';

const geography = fullGeography();
const span = { first: '2024-01', last: '2024-12' };
const kampungMelayu = geography.kelurahan.find((k) => k.code === '31.75.03.1001');
const at = (baseCell: H3Index, month = '2024-03', category = 'online_solicitation') => ({
  place: { baseCell },
  month,
  category,
});

async function audit(rows: CountRow[], complementary = true): Promise<TierAudit[]> {
  const releases = await buildReleases(geography, rows, { span, complementary });
  return auditReleases(geography, rows, releases);
}

function expectSafe(audits: TierAudit[]): void {
  for (const tierAudit of audits) {
    expect(tierAudit.ruleViolations).toEqual([]);
    expect(tierAudit.pinned).toEqual([]);
  }
}

describe('audit on adversarial data sets', () => {
  const cell = kampungMelayu?.baseCells[0] as H3Index;

  it('a single incident', async () => {
    expectSafe(await audit(countRows([at(cell)])));
  }, 300_000);

  it('two incidents in neighbouring cells', async () => {
    const neighbour = geography.cells[8]
      .filter((c) => c !== parentCell(cell, 8))
      .flatMap((c) => geography.baseCellsOfCell.get(c) ?? [])
      .find((b) => geography.kelurahanOfBaseCell.get(b) === kampungMelayu?.code) as H3Index;
    expectSafe(await audit(countRows([at(cell), at(neighbour)])));
  }, 300_000);

  it('one incident in a sliver at a kelurahan border', async () => {
    const straddling = geography.cells[8].find(
      (c) =>
        new Set((geography.baseCellsOfCell.get(c) ?? []).map((b) => geography.kelurahanOfBaseCell.get(b)))
          .size > 1,
    ) as H3Index;
    const members = geography.baseCellsOfCell.get(straddling) ?? [];
    const counts = new Map<string, number>();
    for (const b of members) {
      const code = geography.kelurahanOfBaseCell.get(b) ?? '';
      counts.set(code, (counts.get(code) ?? 0) + 1);
    }
    const minority = [...counts].sort((a, b) => a[1] - b[1])[0]?.[0];
    const sliverCell = members.find((b) => geography.kelurahanOfBaseCell.get(b) === minority) as H3Index;
    // Ten more incidents elsewhere in the cell make the cell itself publishable to the public.
    const others = members.filter((b) => geography.kelurahanOfBaseCell.get(b) !== minority);
    const rows = countRows([
      at(sliverCell),
      ...Array.from({ length: 12 }, (_, i) => at(others[i % others.length] as H3Index)),
    ]);
    expectSafe(await audit(rows));
  }, 300_000);

  it('one unlocated incident', async () => {
    const rows = countRows([
      { place: { unlocatedIn: '31.75.03.1003' as KelurahanCode }, month: '2024-07', category: 'csam' },
      ...Array.from({ length: 15 }, () =>
        at(
          geography.kelurahan.find((k) => k.code === '31.75.03.1003')?.baseCells[0] as H3Index,
          '2024-07',
          'csam',
        ),
      ),
    ]);
    expectSafe(await audit(rows));
  }, 300_000);

  it('a realistic clustered set of 800 incidents over a year', async () => {
    const random = seededRandom(42);
    const hubs = [0, 400, 900, 1400].map((i) => geography.baseCells[i] as H3Index);
    const categories = ['online_solicitation', 'peer_recruitment', 'csam', 'venue_exploitation', 'other'];
    const incidents = Array.from({ length: 800 }, () => {
      const hub = hubs[Math.floor(random() * hubs.length)] as H3Index;
      const spread = Math.floor(random() * random() * 400);
      const index = Math.min(geography.baseCells.length - 1, geography.baseCells.indexOf(hub) + spread);
      const month = `2024-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}`;
      const category = categories[Math.floor(random() * random() * categories.length)] as string;
      if (random() < 0.15) {
        const kelurahan = geography.kelurahan[Math.floor(random() * 8)]?.code as KelurahanCode;
        return { place: { unlocatedIn: kelurahan }, month, category };
      }
      return { place: { baseCell: geography.baseCells[index] as H3Index }, month, category };
    });
    const audits = await audit(countRows(incidents));
    expectSafe(audits);
    const figures = audits.map((a) => ({
      tier: a.tier,
      quantities: a.quantities,
      suppressed: a.suppressed,
      suppressedChecked: a.suppressedChecked,
      partsChecked: a.partsChecked,
    }));
    console.log('audit figures (clustered set):', JSON.stringify(figures));
  }, 600_000);
});

describe('the audit can fail', () => {
  it('finds a pinned value in a release with primary suppression only', async () => {
    const a = geography.kecamatan[0]?.baseCells[0] as H3Index;
    const b = geography.kecamatan[1]?.baseCells[0] as H3Index;
    // Quarter: kota 12 (published to the public), kecamatan A 11 (published), kecamatan B 1 (suppressed, but 12 − 11).
    const rows = countRows([...Array.from({ length: 11 }, () => at(a)), at(b)]);
    const audits = await audit(rows, false);
    const publicAudit = audits.find((x) => x.tier === 'public');
    expect(publicAudit?.pinned.length).toBeGreaterThan(0);
    expect(
      publicAudit?.pinned.some((p) => p.key.startsWith(`kec:${geography.kecamatan[1]?.code}|2024-Q1|`)),
    ).toBe(true);
    expectSafe(await audit(rows, true));
  }, 300_000);
});
