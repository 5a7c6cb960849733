// Outreach priorities as an NGO scripts them: who may ask, what the parameters allow, and every figure of the
// table checked against what it is built on — the tier's published kelurahan counts, hot spots and trends, and the
// venues and interventions counted directly in the database.
import {
  areaCollectionSchema,
  emergingSchema,
  hotspotsSchema,
  outreachSchema,
  releasedAreasSchema,
  releaseGeographySchema,
  type EmergingClass,
  type H3Index,
  type Outreach,
} from '@titik-rawan/shared';
import { mostPressingTrend } from '@titik-rawan/shared/outreach';
import { beforeAll, describe, expect, it } from 'vitest';
import { parentCell } from '@titik-rawan/server/releases/geography';
import { testApp } from '../support/database';
import { requestsTo } from '../support/requests';

const { app, db } = testApp();
const { signIn, get, json, waitUntilReady } = requestsTo(app);
const cookies = { ngo: '', satgas: '', admin: '' };
const QUERY = 'period=2025&category=all';

async function outreach(query: string, cookie: string): Promise<Outreach> {
  return outreachSchema.parse(await json(`/api/planning/outreach?${query}`, cookie));
}

beforeAll(async () => {
  for (const name of ['ngo', 'satgas', 'admin'] as const) cookies[name] = await signIn(name);
  // The analyses are decided after the release (minutes on a cold cache): wait for them.
  await waitUntilReady(`/api/planning/outreach?${QUERY}`, cookies.ngo);
}, 26 * 60_000);

describe('outreach priorities', () => {
  it('are for signed-in accounts; the public is asked to sign in', async () => {
    const refused = await get(`/api/planning/outreach?${QUERY}`);
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('sign_in_required');
    for (const cookie of [cookies.ngo, cookies.satgas, cookies.admin]) {
      const answer = await outreach(QUERY, cookie);
      expect(answer.kelurahan).toHaveLength(65);
      expect(answer.release.synthetic).toBe(true);
      expect(answer.notice).toMatch(/not places where incidents happened/);
      expect(answer.components.map((c) => c.id)).toEqual([
        'incidents',
        'rate',
        'hotspot',
        'trend',
        'kost',
        'lodging',
        'schools',
        'coverage',
      ]);
    }
  });

  it('are documented in the OpenAPI description with their parameters', async () => {
    const doc = (await json('/api/openapi.json')) as {
      paths: Record<string, { get?: { parameters?: { name: string }[] } }>;
    };
    const names = doc.paths['/planning/outreach']?.get?.parameters?.map((p) => p.name);
    expect(names?.sort()).toEqual(['category', 'period']);
  });

  it('names the parameter that is wrong', async () => {
    for (const [query, parameter] of [
      ['period=2025-13&category=all', 'period'],
      ['period=last-year&category=all', 'period'],
      ['period=2025&category=brothel', 'category'],
      ['category=all', 'period'],
    ] as const) {
      const res = await get(`/api/planning/outreach?${query}`, cookies.ngo);
      expect(res.status, query).toBe(400);
      const body = (await res.json()) as { error: { message: string } };
      expect(body.error.message, query).toContain(`query parameter "${parameter}"`);
    }
    const outside = await get('/api/planning/outreach?period=1999&category=all', cookies.ngo);
    expect(outside.status).toBe(404);
  });

  it('gives each tier its own published kelurahan counts, suppressed ones as null, with rates from them', async () => {
    const areas = areaCollectionSchema.parse(await json('/api/geography/areas?level=kelurahan'));
    const population = new Map(areas.features.map((f) => [f.properties.code, f.properties.population]));
    let suppressedSeen = 0;
    for (const [tier, query] of [
      ['ngo', 'period=2025-03&category=peer_recruitment'],
      ['ngo', QUERY],
      ['satgas', 'period=2025-03&category=peer_recruitment'],
    ] as const) {
      const answer = await outreach(query, cookies[tier]);
      const released = releasedAreasSchema.parse(
        await json(`/api/releases/areas?level=kelurahan&${query}`, cookies[tier]),
      );
      expect(answer.release).toEqual(released.release);
      expect(answer.kelurahan.map((k) => [k.code, k.name, k.count, k.suppressed])).toEqual(
        released.features.map((f) => [
          f.properties.code,
          f.properties.name,
          f.properties.count,
          f.properties.suppressed,
        ]),
      );
      for (const row of answer.kelurahan) {
        expect(row.population).toBe(population.get(row.code));
        if (row.suppressed) {
          suppressedSeen += 1;
          expect(row.count).toBeNull();
          expect(row.ratePer10k).toBeNull();
        } else if (row.population) {
          expect(row.ratePer10k).toBeCloseTo(((row.count ?? 0) / row.population) * 10_000, 9);
        }
      }
    }
    expect(suppressedSeen).toBeGreaterThan(0);
  });

  it('counts kost, lodging and schools as the venues table holds them', async () => {
    const answer = await outreach(QUERY, cookies.ngo);
    const rows = await db.sql<{ code: string; kind: string; n: number }[]>`
      select kelurahan_code as code, kind, count(*)::int as n from venues group by kelurahan_code, kind`;
    const count = (code: string, kinds: string[]) =>
      rows.filter((r) => r.code === code && kinds.includes(r.kind)).reduce((sum, r) => sum + r.n, 0);
    for (const row of answer.kelurahan) {
      expect(row.venues, row.code).toEqual({
        kost: count(row.code, ['kost']),
        lodging: count(row.code, ['hotel', 'guest_house']),
        schools: count(row.code, ['school']),
      });
    }
    expect(answer.kelurahan.reduce((sum, row) => sum + row.venues.kost, 0)).toBeGreaterThan(0);
  });

  it('counts interventions up to the period’s end, without CCTV for NGOs', async () => {
    // Periods before any date other test files record interventions on (they write 2025 dates meanwhile).
    for (const period of ['2024', '2024-Q2']) {
      const ngo = await outreach(`period=${period}&category=all`, cookies.ngo);
      const satgas = await outreach(`period=${period}&category=all`, cookies.satgas);
      expect(ngo.withheldKinds).toEqual(['cctv']);
      expect(satgas.withheldKinds).toEqual([]);
      expect(ngo.interventionsUntil).toBe(period === '2024' ? '2024-12-31' : '2024-06-30');
      const rows = await db.sql<{ code: string; all: number; cctv: number }[]>`
        select kelurahan_code as code, count(*)::int as all, (count(*) filter (where kind = 'cctv'))::int as cctv
        from interventions where started_on <= ${ngo.interventionsUntil}::date group by kelurahan_code`;
      const byCode = new Map(rows.map((r) => [r.code, r]));
      let cctv = 0;
      ngo.kelurahan.forEach((row, i) => {
        const direct = byCode.get(row.code) ?? { all: 0, cctv: 0 };
        expect(row.interventions, row.code).toBe(direct.all - direct.cctv);
        expect(satgas.kelurahan[i]?.interventions, row.code).toBe(direct.all);
        cctv += direct.cctv;
      });
      expect(cctv, `CCTV in the demo data by ${period}`).toBeGreaterThan(0);
    }
  });

  it('takes the strongest hot spot and the most pressing trend of the published cells reaching into each kelurahan', async () => {
    const answer = await outreach(QUERY, cookies.ngo);
    expect(answer.hotspots).toMatchObject({ resolution: 8, period: '2025', withheld: false });
    expect(answer.trend).toMatchObject({ resolution: 8, step: 'quarter', withheld: false });
    const geography = releaseGeographySchema.parse(await json('/api/releases/geography?level=kelurahan'));
    const hot = hotspotsSchema.parse(await json(`/api/hotspots?resolution=8&${QUERY}`, cookies.ngo));
    const emerging = emergingSchema.parse(
      await json('/api/hotspots/emerging?resolution=8&step=quarter&category=all', cookies.ngo),
    );
    const bins = new Map(hot.features.map((f) => [f.properties.cell, f.properties.bin ?? 0]));
    const classes = new Map(emerging.features.map((f) => [f.properties.cell, f.properties.class]));
    const byCode = new Map(answer.kelurahan.map((row) => [row.code, row]));
    const confidences = new Set<number | null>();
    for (const area of geography.features) {
      const cells = new Set(area.properties.baseCells.map((base) => parentCell(base as H3Index, 8)));
      const strongest = Math.max(0, ...[...cells].map((cell) => bins.get(cell) ?? 0));
      const row = byCode.get(area.properties.code);
      expect(row?.hotspotConfidence, area.properties.code).toBe([0, 90, 95, 99][strongest]);
      const trends = [...cells].flatMap((cell) => classes.get(cell) ?? []) as EmergingClass[];
      expect(row?.trend, area.properties.code).toBe(mostPressingTrend(trends) ?? 'no-pattern');
      confidences.add(row?.hotspotConfidence ?? null);
    }
    expect(confidences.has(99) || confidences.has(95)).toBe(true);
    expect(confidences.has(0)).toBe(true);
  });
});
