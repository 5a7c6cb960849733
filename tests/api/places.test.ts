// Venues, interventions, a place's counts by kind and a place's released series, as the dashboard's layers and
// side panel use them, on the demo data in the run's database.
import {
  interventionSchema,
  interventionsSchema,
  placeSummarySchema,
  releasedAreasSchema,
  releasedCellsSchema,
  releaseMetadataSchema,
  releaseSeriesSchema,
  VENUE_KINDS,
  venuesSchema,
  type H3Index,
  type Venues,
} from '@titik-rawan/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseCellAt, loadReleaseGeography, parentCell } from '@titik-rawan/server/releases/geography';
import { testApp } from '../support/database';
import { requestsTo } from '../support/requests';

const { app, db } = testApp();
const { signIn, get, send: request, json, waitUntilReady } = requestsTo(app);
const geography = loadReleaseGeography();
const cookies = { ngo: '', satgas: '', admin: '' };

async function errorOf(
  path: string,
  cookie?: string,
): Promise<{ status: number; code: string; message: string }> {
  const res = await get(path, cookie);
  const body = (await res.json()) as { error: { code: string; message: string } };
  return { status: res.status, ...body.error };
}

let venues: Venues;
beforeAll(async () => {
  for (const name of ['ngo', 'satgas', 'admin'] as const) cookies[name] = await signIn(name);
  venues = venuesSchema.parse(await json('/api/venues', cookies.ngo));
  // The releases are decided after the start (a minute or so on a cold cache): wait for them.
  await waitUntilReady('/api/releases/metadata', undefined, 10);
}, 11 * 60_000);

describe('venues', () => {
  it('are refused to the public with a reason, and given to signed-in accounts with the planning notice', async () => {
    const refused = await errorOf('/api/venues');
    expect(refused.status).toBe(401);
    expect(refused.code).toBe('sign_in_required');
    expect(refused.message).toMatch(/signed-in/);
    expect(venues.notice).toMatch(/not places where incidents happened/);
    expect(venues.synthetic).toBe(true);
    const [row] = await db.sql<{ n: number }[]>`select count(*)::int as n from venues`;
    expect(venues.features).toHaveLength(row?.n ?? -1);
  });

  it('filter by kind, and name the parameter when the kind is unknown', async () => {
    const hotels = venuesSchema.parse(await json('/api/venues?kind=hotel', cookies.satgas));
    const [row] = await db.sql<{ n: number }[]>`select count(*)::int as n from venues where kind = 'hotel'`;
    expect(hotels.features).toHaveLength(row?.n ?? -1);
    expect(hotels.features.every((f) => f.properties.kind === 'hotel')).toBe(true);
    const bad = await errorOf('/api/venues?kind=brothel', cookies.satgas);
    expect(bad.status).toBe(400);
    expect(bad.message).toMatch(/query parameter "kind"/);
  });

  it('write who read them to the audit log, not the data', async () => {
    await json('/api/venues?kind=kost', cookies.admin);
    const [entry] = await db.sql<{ actor: string; target: string; details: unknown }[]>`
      select actor, target, details from audit_log where action = 'places.read' and actor = 'admin'
        and target = '/venues?kind=kost'
      order by id desc limit 1`;
    expect(entry).toEqual({ actor: 'admin', target: '/venues?kind=kost', details: { status: 200 } });
  });
});

describe('interventions', () => {
  it('show CCTV positions to the task force but not to NGOs, and say so', async () => {
    const forNgo = interventionsSchema.parse(await json('/api/interventions', cookies.ngo));
    const forSatgas = interventionsSchema.parse(await json('/api/interventions', cookies.satgas));
    expect(forNgo.withheldKinds).toEqual(['cctv']);
    expect(forNgo.features.some((f) => f.properties.kind === 'cctv')).toBe(false);
    expect(forSatgas.withheldKinds).toEqual([]);
    const [row] = await db.sql<{ located: number; cctv: number }[]>`
      select count(*)::int as located, (count(*) filter (where i.kind = 'cctv'))::int as cctv
      from interventions i left join venues v on v.id = i.venue_id
      where coalesce(i.geom, v.geom) is not null`;
    const { located, cctv } = row ?? { located: -1, cctv: -1 };
    expect(cctv).toBeGreaterThan(0);
    expect(forSatgas.features).toHaveLength(located);
    expect(forNgo.features).toHaveLength(located - cctv);
    expect((await errorOf('/api/interventions')).status).toBe(401);
  });
});

/** Venues of each kind whose point falls in a published cell or area, counted through H3 base cells. */
function venuesIn(inPlace: (base: H3Index) => boolean): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(VENUE_KINDS.map((kind) => [kind, 0]));
  for (const feature of venues.features) {
    const [lng, lat] = feature.geometry.coordinates;
    const base = baseCellAt(geography, lng, lat);
    if (base && inPlace(base)) counts[feature.properties.kind] = (counts[feature.properties.kind] ?? 0) + 1;
  }
  return counts;
}

describe('a place’s venues and interventions', () => {
  it('count the venues inside the busiest resolution-8 cell and inside a kelurahan, kind by kind', async () => {
    const perCell = new Map<H3Index, number>();
    for (const feature of venues.features) {
      const [lng, lat] = feature.geometry.coordinates;
      const base = baseCellAt(geography, lng, lat);
      if (base) perCell.set(parentCell(base, 8), (perCell.get(parentCell(base, 8)) ?? 0) + 1);
    }
    const [busiest] = [...perCell].sort((a, b) => b[1] - a[1])[0] ?? [];
    if (!busiest) throw new Error('no venue lies in a published cell');
    const cell = placeSummarySchema.parse(await json(`/api/places/summary?place=${busiest}`, cookies.ngo));
    expect(cell.venues).toEqual(venuesIn((base) => parentCell(base, 8) === busiest));

    const kelurahan = geography.kelurahan[0];
    if (!kelurahan) throw new Error('no kelurahan');
    const members = new Set(kelurahan.baseCells);
    const area = placeSummarySchema.parse(
      await json(`/api/places/summary?place=${kelurahan.code}`, cookies.ngo),
    );
    expect(area.venues).toEqual(venuesIn((base) => members.has(base)));
    expect(Object.values(area.venues).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });

  it('count interventions inside the kota as the map has them, CCTV only for the task force', async () => {
    const forSatgas = placeSummarySchema.parse(await json('/api/places/summary?place=31.75', cookies.satgas));
    const forNgo = placeSummarySchema.parse(await json('/api/places/summary?place=31.75', cookies.ngo));
    const layer = interventionsSchema.parse(await json('/api/interventions', cookies.satgas));
    const inKota = layer.features.filter((f) => baseCellAt(geography, ...f.geometry.coordinates) !== null);
    expect(Object.values(forSatgas.interventions).reduce((a, b) => a + b, 0)).toBe(inKota.length);
    expect(forSatgas.interventions.cctv).toBeGreaterThan(0);
    expect(forNgo.interventions.cctv).toBe(0);
    expect(forNgo.withheldKinds).toEqual(['cctv']);
  });

  it('name what is wrong with an unknown or malformed place', async () => {
    const malformed = await errorOf('/api/places/summary?place=Jatinegara', cookies.ngo);
    expect(malformed.status).toBe(400);
    expect(malformed.message).toMatch(/query parameter "place"/);
    for (const place of ['31.75.99.9999', '87000000000000f']) {
      const unknown = await errorOf(`/api/places/summary?place=${place}`, cookies.ngo);
      expect(unknown).toMatchObject({ status: 404, code: 'unknown_place' });
    }
    expect((await errorOf('/api/places/summary?place=31.75')).status).toBe(401);
  });
});

describe('a place’s released series', () => {
  it('gives a kelurahan’s yearly counts exactly as the area releases give them, to the public', async () => {
    const kelurahan = geography.kelurahan[3];
    if (!kelurahan) throw new Error('no kelurahan');
    const series = releaseSeriesSchema.parse(
      await json(`/api/releases/series?place=${kelurahan.code}&step=year&category=all`),
    );
    expect(series.release).toMatchObject({ tier: 'public', step: 'year', synthetic: true });
    expect(series.series.length).toBeGreaterThanOrEqual(2);
    for (const point of series.series) {
      const areas = releasedAreasSchema.parse(
        await json(`/api/releases/areas?level=kelurahan&period=${point.period}&category=all`),
      );
      const released = areas.features.find((f) => f.properties.code === kelurahan.code)?.properties;
      expect({ period: point.period, count: released?.count, suppressed: released?.suppressed }).toEqual(
        point,
      );
    }
  });

  it('gives the task force a resolution-8 cell quarter by quarter, suppressed quarters as null', async () => {
    const metadata = releaseMetadataSchema.parse(await json('/api/releases/metadata', cookies.satgas));
    const quarters = metadata.periods.filter((period) => /Q/.test(period));
    let checked = 0;
    for (const quarter of quarters) {
      const cells = releasedCellsSchema.parse(
        await json(`/api/releases/cells?resolution=8&period=${quarter}&category=all`, cookies.satgas),
      );
      const suppressed = cells.features.find((f) => f.properties.suppressed);
      const counted = cells.features.find((f) => (f.properties.count ?? 0) > 0);
      if (!suppressed || !counted) continue;
      for (const feature of [suppressed, counted]) {
        const series = releaseSeriesSchema.parse(
          await json(
            `/api/releases/series?place=${feature.properties.cell}&step=quarter&category=all`,
            cookies.satgas,
          ),
        );
        expect(series.series.map((point) => point.period)).toEqual(quarters.toSorted());
        expect(series.series.find((point) => point.period === quarter)).toEqual({
          period: quarter,
          count: feature.properties.count,
          suppressed: feature.properties.suppressed,
        });
        checked += 1;
      }
      break;
    }
    expect(checked, 'a quarter with both suppressed and counted cells').toBe(2);
  });

  it('refuses the public months and resolution-8 cells, naming the parameter', async () => {
    const months = await errorOf('/api/releases/series?place=31.75&step=month&category=all');
    expect(months).toMatchObject({ status: 403, code: 'not_for_this_tier' });
    expect(months.message).toMatch(/query parameter "step"/);
    const fine = geography.cells[8][0];
    const cell = await errorOf(`/api/releases/series?place=${fine}&step=year&category=all`);
    expect(cell).toMatchObject({ status: 403, code: 'not_for_this_tier' });
    expect(cell.message).toMatch(/query parameter "place"/);
    expect((await errorOf('/api/releases/series?place=31.75&step=week&category=all')).status).toBe(400);
  });
});

describe('recording and changing interventions', () => {
  const created: string[] = [];
  afterAll(async () => {
    if (created.length > 0) await db.sql`delete from interventions where id in ${db.sql(created)}`;
  });

  async function send(method: 'POST' | 'PATCH', path: string, body: unknown, cookie?: string) {
    const res = await request(method, path, body, cookie);
    return {
      status: res.status,
      body: (await res.json()) as Record<string, unknown> & { error?: { message: string } },
    };
  }
  const countRows = async () =>
    (await db.sql<{ n: number }[]>`select count(*)::int as n from interventions`)[0]?.n;
  const venue = () => venues.features.find((f) => f.properties.kind === 'kost') ?? venues.features[0];

  it('records one at a venue or at a point in East Jakarta, with an audit entry and no data in it', async () => {
    const kost = venue();
    if (!kost) throw new Error('no venue');
    const atVenue = await send(
      'POST',
      '/api/interventions',
      { kind: 'kk_check', startedOn: '2025-06-02', organisation: 'demo-upt-pppa', venueId: kost.id },
      cookies.satgas,
    );
    expect(atVenue.status).toBe(201);
    const stored = interventionSchema.parse(atVenue.body);
    created.push(stored.id);
    expect(stored).toMatchObject({ kind: 'kk_check', startedOn: '2025-06-02', venueId: kost.id });
    expect(stored.coordinates).toEqual(kost.geometry.coordinates);

    const atPoint = await send(
      'POST',
      '/api/interventions',
      {
        kind: 'socialisation',
        startedOn: '2025-07-10',
        organisation: 'demo-lsm-pendamping',
        location: { lng: 106.8795, lat: -6.2253 },
      },
      cookies.ngo,
    );
    expect(atPoint.status).toBe(201);
    const point = interventionSchema.parse(atPoint.body);
    created.push(point.id);
    expect(point.kelurahan).toMatch(/^31\.75\.\d{2}\.\d{4}$/);

    const layer = interventionsSchema.parse(await json('/api/interventions', cookies.ngo));
    expect(layer.features.find((f) => f.id === point.id)?.geometry.coordinates).toEqual([106.8795, -6.2253]);
    const [entry] = await db.sql<{ actor: string; target: string; details: unknown }[]>`
      select actor, target, details from audit_log where action = 'intervention.create' order by id desc limit 1`;
    expect(entry).toEqual({ actor: 'ngo', target: `intervention ${point.id}`, details: {} });
  });

  it('refuses a wrong field by name and stores nothing', async () => {
    const before = await countRows();
    const base = {
      kind: 'socialisation',
      startedOn: '2025-06-02',
      organisation: 'demo-upt-pppa',
      location: { lng: 106.88, lat: -6.23 },
    };
    for (const [body, field] of [
      [{ ...base, startedOn: '2025-02-30' }, 'startedOn'],
      [{ ...base, startedOn: '2999-01-01' }, 'startedOn'],
      [{ ...base, startedOn: '02/06/2025' }, 'startedOn'],
      [{ ...base, organisation: 'no-such-org' }, 'organisation'],
      [{ ...base, location: { lng: 106.8272, lat: -6.1754 } }, 'location'],
      [{ ...base, location: undefined, venueId: '999999999' }, 'venueId'],
      [{ ...base, venueId: '1' }, 'venueId'],
      [{ ...base, kind: 'raid' }, 'kind'],
      [{ ...base, victimName: 'x' }, ''],
    ] as const) {
      const res = await send('POST', '/api/interventions', body, cookies.satgas);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error?.message, JSON.stringify(body)).toContain(
        `body field${field ? ` "${field}"` : ''}`,
      );
    }
    expect((await send('POST', '/api/interventions', base)).status).toBe(401);
    const cctv = await send('POST', '/api/interventions', { ...base, kind: 'cctv' }, cookies.ngo);
    expect(cctv.status).toBe(403);
    expect(await countRows()).toBe(before);
  });

  it('lets the recorder or an admin change one, and no one else', async () => {
    const recorded = await send(
      'POST',
      '/api/interventions',
      {
        kind: 'socialisation',
        startedOn: '2025-05-01',
        organisation: 'demo-upt-pppa',
        location: { lng: 106.9, lat: -6.25 },
      },
      cookies.satgas,
    );
    const id = String(recorded.body.id);
    created.push(id);
    const byNgo = await send('PATCH', `/api/interventions/${id}`, { startedOn: '2025-05-02' }, cookies.ngo);
    expect(byNgo.status).toBe(403);
    const byRecorder = await send(
      'PATCH',
      `/api/interventions/${id}`,
      { startedOn: '2025-05-03' },
      cookies.satgas,
    );
    expect(byRecorder.status).toBe(200);
    expect(byRecorder.body).toMatchObject({ id, startedOn: '2025-05-03', kind: 'socialisation' });
    const kost = venue();
    const moved = await send(
      'PATCH',
      `/api/interventions/${id}`,
      { venueId: kost?.id, kind: 'kk_check' },
      cookies.admin,
    );
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({
      venueId: kost?.id,
      kind: 'kk_check',
      coordinates: kost?.geometry.coordinates,
    });
    const [entry] = await db.sql<{ actor: string; details: unknown }[]>`
      select actor, details from audit_log where action = 'intervention.update' order by id desc limit 1`;
    expect(entry).toEqual({ actor: 'admin', details: { fields: 'kind,venueId' } });
    expect(
      (await send('PATCH', '/api/interventions/999999999', { kind: 'banner' }, cookies.admin)).status,
    ).toBe(404);
    expect(
      (await send('PATCH', `/api/interventions/${id}`, { startedOn: '2025-13-01' }, cookies.admin)).status,
    ).toBe(400);
  });
});
