// The intervention coverage view as the task force and NGOs use it: who may ask, what the parameters allow, which
// cells are listed, whether "covered" agrees with distances worked out here from the interventions the tier sees,
// and whether the before/after figures are exactly the tier's published kelurahan counts.
import {
  coverageSchema,
  hotspotsSchema,
  interventionSchema,
  interventionsSchema,
  releasedAreasSchema,
  releaseMetadataSchema,
  riskTerrainSchema,
  type Coverage,
  type H3Index,
  type InterventionKind,
} from '@titik-rawan/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cellPolygon } from '@titik-rawan/server/releases/features';
import { cellCentre } from '@titik-rawan/server/releases/geography';
import { testApp } from '../support/database';
import { requestsTo } from '../support/requests';

const { app, db } = testApp();
const { signIn, get, send, json, waitUntilReady } = requestsTo(app);
const cookies = { ngo: '', satgas: '', admin: '' };
type Account = keyof typeof cookies;
const QUERY = 'resolution=8&period=2025&category=all';

const coverageOf = async (query: string, account: Account) =>
  coverageSchema.parse(await json(`/api/planning/coverage?${query}`, cookies[account]));

/** Great-circle distance in metres (haversine on a sphere of the WGS84 mean radius). */
function haversine(a: readonly [number, number], b: readonly [number, number]): number {
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLon = (b[0] - a[0]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.sqrt(h));
}

/** Whether a point lies inside a cell's hexagon (ray casting over its corners). */
function insideCell(cell: H3Index, [x, y]: readonly [number, number]): boolean {
  const ring = (cellPolygon(cell).coordinates[0] ?? []) as number[][];
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi = 0, yi = 0] = ring[i] ?? [];
    const [xj = 0, yj = 0] = ring[j] ?? [];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/**
 * A coverage answer with the tier's interventions as they were when it was made: read between two equal answers,
 * as other test files record and delete interventions meanwhile.
 */
async function coverageWithInterventions(query: string, account: Account) {
  for (let attempt = 0; attempt < 10; attempt++) {
    const coverage = await coverageOf(query, account);
    const interventions = interventionsSchema.parse(await json('/api/interventions', cookies[account]));
    const again = await coverageOf(query, account);
    if (JSON.stringify(coverage) === JSON.stringify(again)) return { coverage, interventions };
  }
  throw new Error('the interventions kept changing');
}

/** Checks every listed cell's coverage against the tier's own interventions with direct distances. */
async function expectCoverageFromInterventions(query: string, account: Account): Promise<Coverage> {
  const { coverage, interventions } = await coverageWithInterventions(query, account);
  expect(coverage.interventions).toBe(interventions.features.length);
  expect(coverage.withheldKinds).toEqual(interventions.withheldKinds);
  let checked = 0;
  for (const { properties: cell } of coverage.cells) {
    const centre = cellCentre(cell.cell as H3Index);
    const distances = interventions.features.map((f) => ({
      kind: f.properties.kind,
      metres: haversine(centre, f.geometry.coordinates),
      inside: insideCell(cell.cell as H3Index, f.geometry.coordinates),
    }));
    const nearest = Math.min(...distances.map((d) => d.metres));
    // The server measures on the WGS84 ellipsoid, haversine on a sphere: they differ by up to about 0.6 %
    // (and the server rounds to 10 m).
    const slack = (metres: number) => 0.006 * metres + 1;
    expect(Math.abs((cell.nearestM ?? NaN) - nearest), cell.cell).toBeLessThanOrEqual(5 + slack(nearest));
    // A site that close to the reach could fall either side of it by the method of measuring: skip the cell.
    const reach = coverage.coverageM;
    if (distances.some((d) => Math.abs(d.metres - reach) < slack(reach) && !d.inside)) continue;
    checked++;
    const covering = distances.filter((d) => d.inside || d.metres <= coverage.coverageM);
    expect(cell.covered, cell.cell).toBe(covering.length > 0);
    expect([...cell.coveringKinds].sort(), cell.cell).toEqual(
      [...new Set(covering.map((d) => d.kind))].sort(),
    );
  }
  // Nearly every listed cell is checked, not skipped.
  expect(checked).toBeGreaterThan(0.8 * coverage.cells.length);
  return coverage;
}

beforeAll(async () => {
  for (const name of ['ngo', 'satgas', 'admin'] as const) cookies[name] = await signIn(name);
  // The analyses are decided after the release (minutes on a cold cache): wait for them.
  await waitUntilReady(`/api/hotspots?${QUERY}`, cookies.satgas);
}, 26 * 60_000);

describe('coverage view: access and parameters', () => {
  it('asks the public to sign in, and answers the task force, admins and NGOs', async () => {
    const refused = await get(`/api/planning/coverage?${QUERY}`);
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('sign_in_required');
    for (const account of ['ngo', 'satgas', 'admin'] as const) {
      const coverage = await coverageOf(QUERY, account);
      expect(coverage.release).toMatchObject({ tier: account, period: '2025', synthetic: true });
      expect(coverage.coverageM).toBe(300);
      expect(coverage.beforeAfter.caveat).toMatch(/raises reporting/);
      expect(coverage.beforeAfter.caveat).toMatch(/nothing causal/);
    }
  });

  it('names the parameter that is wrong', async () => {
    for (const [query, parameter] of [
      [`${QUERY}&coverage=10`, 'coverage'],
      [`${QUERY}&coverage=2500`, 'coverage'],
      [`${QUERY}&coverage=far`, 'coverage'],
      ['resolution=9&period=2025&category=all', 'resolution'],
      ['resolution=8&period=2025-13&category=all', 'period'],
      ['resolution=8&period=2025&category=robbery', 'category'],
      ['resolution=8&period=2025-03&category=all', 'period'],
    ] as const) {
      const res = await get(`/api/planning/coverage?${query}`, cookies.satgas);
      expect(res.status, query).toBe(400);
      const body = (await res.json()) as { error: { message: string } };
      expect(body.error.message, query).toContain(`query parameter "${parameter}"`);
    }
  });
});

describe('coverage view: cells', () => {
  it('lists exactly the published hot spots and the highest-risk tenth of cells the tier sees', async () => {
    for (const account of ['satgas', 'ngo'] as const) {
      const coverage = await coverageOf(QUERY, account);
      const hot = hotspotsSchema.parse(await json(`/api/hotspots?${QUERY}`, cookies[account]));
      const risk = riskTerrainSchema.parse(await json(`/api/risk-terrain?${QUERY}`, cookies[account]));
      expect(coverage.hotSpotsWithheld).toBe(hot.analysis.withheld);
      const risks = risk.features.map((f) => f.properties.risk).sort((a, b) => b - a);
      expect(coverage.highRiskFrom).toBe(risks[Math.round(risks.length * 0.1) - 1]);
      const bins = new Map(hot.features.map((f) => [f.properties.cell, f.properties.bin]));
      const riskOf = new Map(risk.features.map((f) => [f.properties.cell, f.properties.risk]));
      const expected = risk.features
        .map((f) => f.properties.cell)
        .filter((cell) => {
          const r = riskOf.get(cell) ?? 1;
          return (bins.get(cell) ?? 0) > 0 || (r > 1 && r >= coverage.highRiskFrom);
        });
      expect(coverage.cells.map((c) => c.id).sort()).toEqual(expected.sort());
      for (const { properties: cell } of coverage.cells) {
        const bin = bins.get(cell.cell) ?? null;
        expect(cell.hotConfidence).toBe(bin !== null && bin > 0 ? { 1: 90, 2: 95, 3: 99 }[bin] : null);
        expect(cell.relativeRisk).toBe(riskOf.get(cell.cell));
      }
      expect(coverage.totals.cells).toBe(coverage.cells.length);
      expect(coverage.totals.covered).toBe(coverage.cells.filter((c) => c.properties.covered).length);
      expect(coverage.totals.share).toBeCloseTo(coverage.totals.covered / coverage.totals.cells, 12);
    }
    const satgas = await coverageOf(QUERY, 'satgas');
    expect(satgas.cells.some((c) => c.properties.hotConfidence !== null)).toBe(true);
  });

  it('counts a cell covered exactly when an intervention the tier sees lies inside it or within the reach', async () => {
    for (const reach of [150, 300, 800]) {
      const satgas = await expectCoverageFromInterventions(`${QUERY}&coverage=${reach}`, 'satgas');
      expect(satgas.coverageM).toBe(reach);
    }
    const covered = (await coverageOf(`${QUERY}&coverage=800`, 'satgas')).totals.covered;
    expect(covered).toBeGreaterThanOrEqual(
      (await coverageOf(`${QUERY}&coverage=150`, 'satgas')).totals.covered,
    );
  });

  it('leaves CCTV out of NGO answers: it neither covers a cell nor shows', async () => {
    const ngo = await expectCoverageFromInterventions(`${QUERY}&coverage=800`, 'ngo');
    expect(ngo.withheldKinds).toEqual(['cctv']);
    expect(ngo.cells.every((c) => !c.properties.coveringKinds.includes('cctv'))).toBe(true);
    const [cameras] = await db.sql<{ n: number }[]>`
      select count(*)::int as n from interventions where kind = 'cctv'`;
    const satgas = await coverageWithInterventions(`${QUERY}&coverage=800`, 'satgas');
    const ngoNow = await coverageWithInterventions(`${QUERY}&coverage=800`, 'ngo');
    expect(satgas.interventions.features.filter((f) => f.properties.kind === 'cctv')).toHaveLength(
      cameras?.n ?? -1,
    );
    expect(satgas.coverage.interventions - ngoNow.coverage.interventions).toBe(cameras?.n);
  });

  describe('a new intervention', () => {
    const created: string[] = [];
    afterAll(async () => {
      if (created.length > 0) await db.sql`delete from interventions where id in ${db.sql(created)}`;
    });

    it('at an uncovered cell’s centre makes it covered, at distance 0', async () => {
      const before = await coverageOf(QUERY, 'satgas');
      const uncovered = before.cells.filter((c) => !c.properties.covered);
      expect(uncovered.length).toBeGreaterThan(0);
      let target: string | null = null;
      for (const cell of uncovered) {
        const [lng, lat] = cellCentre(cell.id as H3Index);
        const res = await send(
          'POST',
          '/api/interventions',
          {
            kind: 'banner',
            startedOn: '2025-06-02',
            organisation: 'demo-upt-pppa',
            location: { lng: Number(lng.toFixed(6)), lat: Number(lat.toFixed(6)) },
          },
          cookies.satgas,
        );
        // A centre just outside the city boundary is refused: try the next cell.
        if (res.status !== 201) continue;
        created.push(interventionSchema.parse(await res.json()).id);
        target = cell.id;
        break;
      }
      if (!target) throw new Error('no uncovered cell has its centre inside East Jakarta');
      const after = await coverageOf(QUERY, 'satgas');
      const cell = after.cells.find((c) => c.id === target)?.properties;
      expect(cell).toMatchObject({ covered: true, nearestM: 0 });
      expect(cell?.coveringKinds).toContain('banner');
      expect(after.totals.covered).toBeGreaterThanOrEqual(before.totals.covered + 1);
      expect(after.interventions).toBe(before.interventions + 1);
    });
  });
});

describe('coverage view: before and after per kelurahan', () => {
  /** The tier's published kelurahan counts of a quarter, by code (fetched once per tier and quarter). */
  const published = new Map<string, Map<string, number | null>>();
  async function areaCount(account: Account, quarter: string, code: string) {
    const key = `${account}|${quarter}`;
    let counts = published.get(key);
    if (!counts) {
      const areas = releasedAreasSchema.parse(
        await json(`/api/releases/areas?level=kelurahan&period=${quarter}&category=all`, cookies[account]),
      );
      counts = new Map(areas.features.map((f) => [f.properties.code, f.properties.count]));
      published.set(key, counts);
    }
    return counts.get(code);
  }

  it('gives each kelurahan with an intervention the tier sees its first date', async () => {
    for (const [account, withheld] of [
      ['satgas', []],
      ['ngo', ['cctv']],
    ] as const) {
      const coverage = await coverageOf(QUERY, account);
      const firsts = await db.sql<{ code: string; first: string; n: number }[]>`
        select kelurahan_code as code, to_char(min(started_on), 'YYYY-MM-DD') as first, count(*)::int as n
        from interventions where kind <> all(${db.sql.array([...withheld] as InterventionKind[])}::text[])
        group by kelurahan_code order by kelurahan_code`;
      expect(
        coverage.beforeAfter.kelurahan.map((k) => ({
          code: k.code,
          first: k.firstIntervention,
          n: k.interventions,
        })),
      ).toEqual(firsts);
    }
  });

  it('shows exactly the tier’s published counts, keeps suppressed ones hidden, and sums only whole sides', async () => {
    const metadata = releaseMetadataSchema.parse(await json('/api/releases/metadata', cookies.ngo));
    const span = metadata.span;
    if (!span) throw new Error('no data span');
    /** First and last month (YYYY-MM) of a quarter YYYY-Qn. */
    const monthsOf = (quarter: string) => {
      const [year, n] = quarter.split('-Q').map(Number);
      const month = (m: number) => `${year}-${String(m).padStart(2, '0')}`;
      return { first: month(((n ?? 1) - 1) * 3 + 1), last: month((n ?? 1) * 3) };
    };
    let suppressedSeen = 0;
    let publishedSeen = 0;
    for (const account of ['ngo', 'satgas'] as const) {
      const coverage = await coverageOf(QUERY, account);
      expect(coverage.beforeAfter.kelurahan.length).toBeGreaterThan(0);
      for (const area of coverage.beforeAfter.kelurahan) {
        expect(area.before).toHaveLength(4);
        expect(area.after).toHaveLength(4);
        expect(area.before.map((q) => q.quarter)).not.toContain(area.quarter);
        expect(area.after.map((q) => q.quarter)).not.toContain(area.quarter);
        for (const q of [...area.before, ...area.after]) {
          if (q.status === 'not_yet') {
            expect(monthsOf(q.quarter).last > span.last, `${area.code} ${q.quarter}`).toBe(true);
            expect(q.count).toBeNull();
            continue;
          }
          if (q.status === 'before_data') {
            expect(monthsOf(q.quarter).first < span.first, `${area.code} ${q.quarter}`).toBe(true);
            expect(q.count).toBeNull();
            continue;
          }
          expect(monthsOf(q.quarter).first >= span.first && monthsOf(q.quarter).last <= span.last).toBe(true);
          const count = await areaCount(account, q.quarter, area.code);
          expect(q.count, `${account} ${area.code} ${q.quarter}`).toBe(count);
          expect(q.status).toBe(count === null ? 'suppressed' : 'published');
          if (count === null) suppressedSeen++;
          else publishedSeen++;
        }
        const sum = (side: typeof area.before) =>
          side.every((q) => q.status === 'published') ? side.reduce((s, q) => s + (q.count ?? 0), 0) : null;
        expect(area.beforeTotal).toBe(sum(area.before));
        expect(area.afterTotal).toBe(sum(area.after));
      }
    }
    expect(publishedSeen).toBeGreaterThan(0);
    expect(suppressedSeen).toBeGreaterThan(0);
  });

  it('follows the chosen category', async () => {
    const coverage = await coverageOf('resolution=8&period=2025&category=online_solicitation', 'satgas');
    expect(coverage.beforeAfter.category).toBe('online_solicitation');
    const area = coverage.beforeAfter.kelurahan.find((k) => k.after.some((q) => q.status !== 'not_yet'));
    const quarter = area?.after.find((q) => q.status === 'published' || q.status === 'suppressed');
    if (!area || !quarter) throw new Error('no kelurahan with a quarter in the data');
    const areas = releasedAreasSchema.parse(
      await json(
        `/api/releases/areas?level=kelurahan&period=${quarter.quarter}&category=online_solicitation`,
        cookies.satgas,
      ),
    );
    expect(quarter.count).toBe(areas.features.find((f) => f.id === area.code)?.properties.count);
  });
});
