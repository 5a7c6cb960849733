// The analytics endpoints as partners script against them: Gi* hot spots, emerging hot spots, risk terrain and
// forecast checks, on the demo data in the run's database, for each tier.
import {
  emergingSchema,
  forecastChecksSchema,
  hotspotsSchema,
  releasedCellsSchema,
  riskTerrainSchema,
  type Emerging,
  type Hotspots,
} from '@titik-rawan/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SCENARIO } from '@titik-rawan/db/seed/demo.ts';
import { hotSpotBins } from '@titik-rawan/server/analytics/fdr';
import { giStar } from '@titik-rawan/server/analytics/gi-star';
import { cellNeighbourhoods } from '@titik-rawan/server/analytics/h3-neighbours';
import {
  baseCellAt,
  cellCentre,
  loadReleaseGeography,
  parentCell,
} from '@titik-rawan/server/releases/geography';
import { testApp } from '../support/database';
import { requestsTo } from '../support/requests';

const { app, db } = testApp();
const { signIn, get, waitUntilReady } = requestsTo(app);
const geography = loadReleaseGeography();
const cookies: Record<'ngo' | 'satgas' | 'admin', string> = { ngo: '', satgas: '', admin: '' };

async function body<T>(path: string, parse: (json: unknown) => T, cookie?: string): Promise<T> {
  const res = await get(path, cookie);
  expect(res.status, `${path}: ${await res.clone().text()}`).toBe(200);
  return parse(await res.json());
}
const hotspots = (query: string, cookie?: string): Promise<Hotspots> =>
  body(`/api/hotspots?${query}`, (j) => hotspotsSchema.parse(j), cookie);
const emerging = (query: string, cookie?: string): Promise<Emerging> =>
  body(`/api/hotspots/emerging?${query}`, (j) => emergingSchema.parse(j), cookie);

beforeAll(async () => {
  for (const name of Object.keys(cookies) as (keyof typeof cookies)[]) cookies[name] = await signIn(name);
  // The analyses are decided after the release (minutes on a cold cache): wait for them.
  await waitUntilReady('/api/hotspots?resolution=7&period=2025&category=all');
}, 26 * 60_000);

/** Located incidents per resolution-8 cell in a year and category, straight from the database. */
async function trueCounts(year: string): Promise<Float64Array> {
  const rows = await db.sql<{ base_cell: string; n: number }[]>`
    select base_cell, count(*)::int as n from incidents
    where base_cell is not null and to_char(occurred_on, 'YYYY') = ${year}
    group by base_cell`;
  const cells = geography.cells[8];
  const index = new Map(cells.map((c, i) => [c, i]));
  const counts = new Float64Array(cells.length);
  for (const row of rows) {
    if (!geography.kelurahanOfBaseCell.has(row.base_cell as never)) continue;
    const i = index.get(parentCell(row.base_cell as never, 8));
    if (i !== undefined) counts[i] = (counts[i] ?? 0) + row.n;
  }
  return counts;
}

function distanceM(cell: string, centre: readonly [number, number]): number {
  const [lon, lat] = cellCentre(cell as never);
  const dx = (lon - centre[0]) * 111_320 * Math.cos((lat * Math.PI) / 180);
  const dy = (lat - centre[1]) * 110_540;
  return Math.hypot(dx, dy);
}

describe('GET /api/hotspots', () => {
  it('gives every cell of the city a bin, with the release metadata and the released counts', async () => {
    const map = await hotspots('resolution=7&period=2025&category=all');
    const released = await body('/api/releases/cells?resolution=7&period=2025&category=all', (j) =>
      releasedCellsSchema.parse(j),
    );
    expect(map.release).toEqual(released.release);
    expect(map.features.map((f) => f.id)).toEqual(released.features.map((f) => f.id));
    map.features.forEach((f, i) => {
      expect(f.properties.count).toBe(released.features[i]?.properties.count);
      expect(f.properties.neighbours).toBeGreaterThanOrEqual(1);
      expect(f.properties.neighbours).toBeLessThanOrEqual(7);
      expect(f.properties.edge).toBe(f.properties.neighbours < 7);
    });
    expect(map.analysis).toMatchObject({ method: 'getis-ord-gi*', ringDistance: 1, fdr: true, cells: 57 });
    expect(map.analysis.edgeCells).toBe(map.features.filter((f) => f.properties.edge).length);
  });

  it('bins are Gi* with FDR of the true counts, recomputed here from the database', async () => {
    const map = await hotspots('resolution=8&period=2025&category=all', cookies.satgas);
    expect(map.analysis.withheld).toBe(false);
    const counts = await trueCounts('2025');
    const bins = hotSpotBins(giStar(counts, cellNeighbourhoods(geography.cells[8], 1).neighbours));
    expect(map.features.map((f) => f.properties.bin)).toEqual(Array.from(bins));
    expect(bins.filter((b) => b === 3).length).toBeGreaterThan(3);
  });

  it('finds the planted clusters: Kampung Melayu is a 99 % hot spot', async () => {
    const map = await hotspots('resolution=8&period=2025&category=all', cookies.satgas);
    const area = DEMO_SCENARIO.areas.find((a) => a.id === 'kampung-melayu');
    const base = baseCellAt(geography, area?.centre[0] ?? 0, area?.centre[1] ?? 0);
    const centre = base && parentCell(base, 8);
    expect(map.features.find((f) => f.id === centre)?.properties.bin).toBe(3);
  });

  it('withholds maps resting on too few cells with data, saying why', async () => {
    const map = await hotspots('resolution=8&period=2025-03&category=csam', cookies.satgas);
    expect(map.analysis.withheld).toBe(true);
    expect(map.analysis.withheldCode).toBe('too_few_cells');
    expect(map.analysis.withheldReason).toMatch(/cells have incidents/);
    expect(map.analysis.warnings.map((w) => w.code)).toContain('few_cells_with_data');
    expect(map.features.every((f) => f.properties.bin === null)).toBe(true);
  });

  it('refuses what the tier may not see and malformed parameters, naming them', async () => {
    const cases: [string, number, string, string?][] = [
      ['/api/hotspots?resolution=8&period=2025&category=all', 403, 'resolution'],
      ['/api/hotspots?resolution=7&period=2025-03&category=all', 403, 'period'],
      ['/api/hotspots?resolution=9&period=2025&category=all', 400, 'resolution'],
      ['/api/hotspots?resolution=7&period=2025-W1&category=all', 400, 'period'],
      ['/api/hotspots?resolution=7&period=2019&category=all', 404, 'period'],
      ['/api/hotspots/emerging?resolution=7&step=month&category=all', 403, 'step'],
      ['/api/hotspots/emerging?resolution=7&step=week&category=all', 400, 'step'],
      ['/api/risk-terrain?resolution=8&period=2025-03&category=all', 400, 'period', cookies.satgas],
      ['/api/forecast-checks?resolution=8&period=2025-03&category=all', 400, 'period', cookies.satgas],
      ['/api/forecast-checks?resolution=8&period=2025-Q2&category=csam', 400, 'category', cookies.satgas],
      ['/api/forecast-checks?resolution=8&period=2023-Q4&category=all', 404, 'period', cookies.satgas],
    ];
    for (const [path, status, parameter, cookie] of cases) {
      const res = await get(path, cookie);
      expect(res.status, path).toBe(status);
      expect(((await res.json()) as { error: { message: string } }).error.message, path).toContain(parameter);
    }
  });
});

describe('GET /api/hotspots/emerging', () => {
  it('classes the growing area as intensifying or new and the fading one as diminishing or historical', async () => {
    const map = await emerging('resolution=8&step=quarter&category=all', cookies.satgas);
    expect(map.analysis.withheld).toBe(false);
    expect(map.analysis.steps).toHaveLength(11);
    for (const area of DEMO_SCENARIO.areas.filter((a) => a.trend !== 'stable')) {
      const inside = map.features.filter((f) => distanceM(f.properties.cell, area.centre) <= area.radiusM);
      expect(inside.length, area.id).toBeGreaterThan(0);
      const expected =
        area.trend === 'growing'
          ? ['intensifying-hot-spot', 'new-hot-spot']
          : ['diminishing-hot-spot', 'historical-hot-spot'];
      for (const f of inside) expect(expected, `${area.id} ${f.id}`).toContain(f.properties.class);
    }
    const counts = Object.values(map.analysis.classCounts).reduce((a, b) => a + b, 0);
    expect(counts).toBe(map.features.length);
  });

  it('audits each signed-in request, without the data', async () => {
    await emerging('resolution=8&step=quarter&category=csam', cookies.ngo);
    const [row] = await db.sql<{ target: string }[]>`
      select target from audit_log where actor = 'ngo' and action = 'release.read'
        and target like '/hotspots/emerging?%'
      order by id desc limit 1`;
    expect(row?.target).toBe('/hotspots/emerging?resolution=8&step=quarter&category=csam');
  });

  it('gives the public tier quarterly classes at resolution 7 only', async () => {
    const map = await emerging('resolution=7&step=quarter&category=all');
    expect(map.release.tier).toBe('public');
    expect(map.features).toHaveLength(57);
    expect((await get('/api/hotspots/emerging?resolution=8&step=quarter&category=all')).status).toBe(403);
  });
});

describe('GET /api/risk-terrain', () => {
  it('reports the fitted model and scores cells without reported incidents too', async () => {
    const terrain = await body(
      '/api/risk-terrain?resolution=8&period=2025&category=all',
      (j) => riskTerrainSchema.parse(j),
      cookies.satgas,
    );
    expect(terrain.model.method).toBe('poisson');
    expect(terrain.model.factors.length).toBeGreaterThan(0);
    for (const factor of terrain.model.factors) {
      expect(factor.rrv).toBeCloseTo(Math.exp(factor.coefficient), 10);
      expect(factor.rrv).toBeGreaterThan(1);
    }
    const counts = await trueCounts('2025');
    const quietButRisky = terrain.features.filter(
      (f, i) => counts[i] === 0 && f.properties.risk > 1 && f.properties.factors.length > 0,
    );
    expect(quietButRisky.length).toBeGreaterThan(0);
    const top = terrain.features.filter((f) => f.properties.riskClass === 5);
    const bottom = terrain.features.filter((f) => f.properties.riskClass === 1);
    const mean = (list: typeof top, of: (i: number) => number) =>
      list.reduce((s, f) => s + of(terrain.features.indexOf(f)), 0) / Math.max(1, list.length);
    expect(mean(top, (i) => counts[i] ?? 0)).toBeGreaterThan(mean(bottom, (i) => counts[i] ?? 0));
  });
});

describe('GET /api/forecast-checks', () => {
  it('tells how well last year’s hot spots and risk terrain found this year’s incidents', async () => {
    const checks = await body(
      '/api/forecast-checks?resolution=8&period=2025&category=all',
      (j) => forecastChecksSchema.parse(j),
      cookies.satgas,
    );
    expect(checks.previousPeriod).toBe('2024');
    for (const figure of [checks.hotspots, checks.riskTerrain]) {
      expect(figure.areaShare).toBeCloseTo(figure.cells / 310, 10);
      if (figure.withheld) continue;
      expect(figure.hitRate).toBeGreaterThan(0);
      expect(figure.hitRate).toBeLessThanOrEqual(1);
      expect(figure.pai).toBeCloseTo((figure.hitRate ?? 0) / figure.areaShare, 10);
    }
    // The planted clusters persist from year to year: both maps do far better than chance.
    expect(checks.hotspots.withheld).toBe(false);
    expect(checks.hotspots.pai).toBeGreaterThan(2);
    expect(checks.riskTerrain.withheld).toBe(false);
    expect(checks.riskTerrain.pai).toBeGreaterThan(2);
  });
});

describe('the OpenAPI document', () => {
  it('documents every analytics endpoint', async () => {
    const doc = (await (await get('/api/openapi.json')).json()) as { paths: Record<string, unknown> };
    for (const path of ['/hotspots', '/hotspots/emerging', '/risk-terrain', '/forecast-checks']) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
  });
});
