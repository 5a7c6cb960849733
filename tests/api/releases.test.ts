import { gunzipSync } from 'node:zlib';
import {
  releasedAreasSchema,
  releasedCellsSchema,
  releaseMetadataSchema,
  type ReleasedAreas,
  type ReleasedCells,
} from '@titik-rawan/shared';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RELEASE_POLICY } from '@titik-rawan/server/releases/policy';
import { testApp } from '../support/database';
import { withIncidentBatch } from '../support/incidents';
import { requestsTo } from '../support/requests';

const { app, db, releases } = testApp();
const { signIn, get } = requestsTo(app);

async function cells(query: string, cookie?: string): Promise<ReleasedCells> {
  const res = await get(`/api/releases/cells?${query}`, cookie);
  expect(res.status, await res.clone().text()).toBe(200);
  return releasedCellsSchema.parse(await res.json());
}

async function areas(query: string, cookie?: string): Promise<ReleasedAreas> {
  const res = await get(`/api/releases/areas?${query}`, cookie);
  expect(res.status, await res.clone().text()).toBe(200);
  return releasedAreasSchema.parse(await res.json());
}

function publishedCounts(collection: ReleasedCells | ReleasedAreas): number[] {
  return collection.features.flatMap((f) => (f.properties.count === null ? [] : [f.properties.count]));
}

describe('the first release after a start', () => {
  it('is answered with 503 release_pending and Retry-After while it is decided, then with the figures', async () => {
    // A new server on the same data: its first release must be decided (or read back) before anything is shown.
    const fresh = testApp({ firstReleaseWaitSeconds: 0 });
    const query = '/api/releases/areas?level=kota&period=2025&category=all';
    const pending = await fresh.app.request(query);
    expect(pending.status).toBe(503);
    expect(pending.headers.get('Retry-After')).toBe('10');
    expect(((await pending.json()) as { error: { code: string } }).error.code).toBe('release_pending');
    const metadata = await fresh.app.request('/api/releases/metadata');
    expect(metadata.status).toBe(503);
    await fresh.releases.refresh();
    const answered = await fresh.app.request(query);
    expect(answered.status).toBe(200);
    expect(releasedAreasSchema.parse(await answered.json()).features[0]?.properties.count).toBeGreaterThan(0);
  });
});

describe('GET /api/releases/cells and /areas', () => {
  it('gives the public tier resolution-7 cells per quarter with the release metadata', async () => {
    const body = await cells('resolution=7&period=2025-Q2&category=all');
    expect(body.release).toEqual({
      tier: 'public',
      period: '2025-Q2',
      category: 'all',
      threshold: 10,
      synthetic: true,
    });
    expect(body.features.length).toBeGreaterThan(30);
    for (const feature of body.features) {
      expect(feature.id).toBe(feature.properties.cell);
      expect(feature.properties.suppressed).toBe(feature.properties.count === null);
    }
  });

  it('never publishes a count from 1 to k − 1, for any tier', async () => {
    const cookies = { public: undefined, ngo: await signIn('ngo'), satgas: await signIn('satgas') };
    for (const [tier, cookie] of Object.entries(cookies)) {
      const k = DEFAULT_RELEASE_POLICY[tier as keyof typeof cookies].threshold;
      const resolution = tier === 'public' ? 7 : 8;
      const period = tier === 'public' ? '2025-Q3' : '2025-08';
      for (const category of ['all', 'online_solicitation', 'csam']) {
        const released = [
          await cells(`resolution=${resolution}&period=${period}&category=${category}`, cookie),
          await areas(`level=kelurahan&period=${period}&category=${category}`, cookie),
          await areas(`level=kecamatan&period=${period}&category=${category}`, cookie),
        ];
        for (const collection of released) {
          expect(collection.release.threshold).toBe(k);
          for (const count of publishedCounts(collection)) expect(count === 0 || count >= k).toBe(true);
        }
      }
    }
  });

  it('shows where the risk is: Bali Mester and Kampung Melayu are counted for the year', async () => {
    const body = await areas('level=kelurahan&period=2025&category=all');
    const byName = new Map(body.features.map((f) => [f.properties.name, f.properties.count]));
    expect(byName.get('Bali Mester')).toBeGreaterThanOrEqual(10);
    const kota = await areas('level=kota&period=2025&category=all');
    expect(kota.features[0]?.properties.count).toBeGreaterThan(500);
  });

  it('refuses finer views than the tier may see with 403 saying why', async () => {
    const byResolution = await get('/api/releases/cells?resolution=8&period=2025&category=all');
    expect(byResolution.status).toBe(403);
    expect(((await byResolution.json()) as { error: { message: string } }).error.message).toContain(
      'resolution',
    );
    const byMonth = await get('/api/releases/areas?level=kelurahan&period=2025-03&category=all');
    expect(byMonth.status).toBe(403);
    expect(((await byMonth.json()) as { error: { message: string } }).error.message).toContain('period');
    const ngo = await signIn('ngo');
    expect((await get('/api/releases/cells?resolution=8&period=2025-03&category=all', ngo)).status).toBe(200);
  });

  it('answers malformed parameters with 400 naming each one, and periods without data with 404', async () => {
    const cases: [string, string][] = [
      ['/api/releases/cells?resolution=9&period=2025&category=all', 'resolution'],
      ['/api/releases/cells?resolution=7&period=2025-13&category=all', 'period'],
      ['/api/releases/cells?resolution=7&period=2025-W01&category=all', 'period'],
      ['/api/releases/cells?resolution=7&period=2025&category=rape', 'category'],
      ['/api/releases/areas?level=provinsi&period=2025&category=all', 'level'],
      ['/api/releases/areas?period=2025&category=all', 'level'],
    ];
    for (const [path, parameter] of cases) {
      const res = await get(path);
      expect(res.status, path).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message).toContain(parameter);
    }
    expect((await get('/api/releases/cells?resolution=7&period=2019&category=all')).status).toBe(404);
  });

  it('supports conditional requests with an ETag', async () => {
    const first = await get('/api/releases/cells?resolution=7&period=2025&category=all');
    const tag = first.headers.get('etag');
    expect(tag).toBeTruthy();
    const again = await app.request('/api/releases/cells?resolution=7&period=2025&category=all', {
      headers: { 'If-None-Match': tag ?? '' },
    });
    expect(again.status).toBe(304);
  });

  it('audits every request for tier-restricted data, without the data', async () => {
    const satgas = await signIn('satgas');
    await cells('resolution=8&period=2024-12&category=csam', satgas);
    const target = '/releases/cells?resolution=8&period=2024-12&category=csam';
    const [row] = await db.sql<{ target: string; details: unknown }[]>`
      select target, details from audit_log where actor = 'satgas' and action = 'release.read'
        and target = ${target}
      order by id desc limit 1`;
    expect(row).toEqual({ target, details: { status: 200 } });
  });
});

describe('what never leaves the server', () => {
  it('carries no incident coordinates or exact dates in any release response', async () => {
    const incidents = await db.sql<{ id: string; lon: number; lat: number; day: string }[]>`
      select id::text, ST_X(geom) as lon, ST_Y(geom) as lat, to_char(occurred_on, 'YYYY-MM-DD') as day
      from incidents where geom is not null`;
    const satgas = await signIn('satgas');
    const bodies = [
      await (await get('/api/releases/cells?resolution=8&period=2025-06&category=all', satgas)).text(),
      await (await get('/api/releases/areas?level=kelurahan&period=2025-06&category=all', satgas)).text(),
      await (await get('/api/releases/metadata', satgas)).text(),
    ].join('\n');
    expect(bodies).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    for (const incident of incidents) {
      expect(bodies).not.toContain(`${incident.lon.toFixed(6)},${incident.lat.toFixed(6)}`);
    }
  });
});

describe('GET /api/releases/metadata and /geography', () => {
  it('tells each tier its policy, span and the periods it may ask for', async () => {
    const body = releaseMetadataSchema.parse(await (await get('/api/releases/metadata')).json());
    expect(body.tier).toBe('public');
    expect(body.span).toEqual({ first: '2023-11', last: '2026-10' });
    expect(body.periods).toContain('2024-Q3');
    expect(body.periods.some((p) => /^\d{4}-\d{2}$/.test(p))).toBe(false);
    expect(body.resolutions).toEqual([7]);
  });

  it('publishes each kelurahan’s base cells: every kelurahan has at least 4, the cells partition the city', async () => {
    const res = await get('/api/releases/geography?level=kelurahan');
    const body = (await res.json()) as { features: { properties: { name: string; baseCells: string[] } }[] };
    expect(body.features).toHaveLength(65);
    const all = body.features.flatMap((f) => f.properties.baseCells);
    expect(new Set(all).size).toBe(all.length);
    for (const feature of body.features)
      expect(feature.properties.baseCells.length).toBeGreaterThanOrEqual(4);
    const kota = (await (await get('/api/releases/geography?level=kota')).json()) as typeof body;
    expect(kota.features[0]?.properties.baseCells.length).toBe(all.length);
  });
});

describe('kept answers', () => {
  it('answers the same figures gzipped or plain, from the first request to the next', async () => {
    const path = '/api/releases/cells?resolution=7&period=2024-Q2&category=all';
    const gzipped = [
      await app.request(path, { headers: { 'accept-encoding': 'gzip, deflate' } }),
      await app.request(path, { headers: { 'accept-encoding': 'gzip, deflate' } }),
    ];
    const plain = await app.request(path, { headers: { 'accept-encoding': 'identity' } });
    const bodies: unknown[] = [];
    for (const answer of gzipped) {
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-encoding')).toBe('gzip');
      expect(answer.headers.get('vary')).toContain('Accept-Encoding');
      bodies.push(JSON.parse(gunzipSync(Buffer.from(await answer.arrayBuffer())).toString('utf8')));
    }
    expect(plain.headers.get('content-encoding')).toBeNull();
    bodies.push(await plain.json());
    expect(bodies[1]).toEqual(bodies[0]);
    expect(bodies[2]).toEqual(bodies[0]);
    expect(releasedCellsSchema.parse(bodies[0]).release.tier).toBe('public');
  });

  it('never gives one tier the answer kept for another', async () => {
    const path = '/api/releases/cells?resolution=7&period=2024-Q2&category=all';
    const publicCells = releasedCellsSchema.parse(await (await get(path)).json());
    const satgasCells = releasedCellsSchema.parse(await (await get(path, await signIn('satgas'))).json());
    expect(publicCells.release.tier).toBe('public');
    expect(satgasCells.release.tier).toBe('satgas');
    expect(satgasCells.release.threshold).toBeLessThan(publicCells.release.threshold);
  });
});

describe('one release per data version', () => {
  it('keeps answering while a release is decided, and decides the same whatever the order of requests', async () => {
    // A second app has its own, empty release store: its first request starts deciding the release.
    const other = testApp();
    let decided = false;
    const areasFirst = Promise.resolve(
      other.app.request('/api/releases/areas?level=kelurahan&period=2024-Q4&category=all'),
    );
    void areasFirst.then(() => (decided = true));
    const health = await other.app.request('/api/health');
    expect(health.status).toBe(200);
    expect(decided).toBe(false);

    const otherAreas = releasedAreasSchema.parse(await (await areasFirst).json());
    const otherCells = releasedCellsSchema.parse(
      await (await other.app.request('/api/releases/cells?resolution=7&period=2024-Q4&category=all')).json(),
    );
    expect(otherCells).toEqual(await cells('resolution=7&period=2024-Q4&category=all'));
    expect(otherAreas).toEqual(await areas('level=kelurahan&period=2024-Q4&category=all'));
  });

  // Two releases are decided here (after the insert and after the delete), ~1 minute each on 2 cores.
  it(
    'serves the last release, marked updating, until the new data are decided',
    { timeout: 300_000 },
    async () => {
      const kotaCount = async () =>
        (await areas('level=kota&period=2025&category=all')).features[0]?.properties.count ?? null;
      const updating = async () =>
        releaseMetadataSchema.parse(await (await get('/api/releases/metadata')).json()).updating;
      // Other test files write to the same database: decide what is there now before changing it.
      await releases.refresh();
      const before = await kotaCount();
      expect(before).not.toBeNull();
      expect(await updating()).toBe(false);
      await withIncidentBatch(db.sql, 'release rebuild test', async (addIncident) => {
        await addIncident('2025-06-15');
        // The decision of the new data has just started: the answer is immediate, with the figures made safe before.
        expect(await kotaCount()).toBe(before);
        expect(await updating()).toBe(true);
        await releases.refresh();
        expect(await kotaCount()).toBe((before ?? 0) + 1);
        expect(await updating()).toBe(false);
      });
      await releases.refresh();
      expect(await kotaCount()).toBe(before);
    },
  );
});
