// Database tests of the demo-data loader: the run's database holds exactly the generated set, a second load
// is refused without writing, and a fresh load into a private schema round-trips every incident.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import postgres from 'postgres';
import {
  createDemoGenerator,
  DEMO_GENERATED_AT,
  DEMO_SEED,
  generateDemoData,
} from '@titik-rawan/db/seed/demo.ts';
import { baseCellOf, loadDemoData } from '@titik-rawan/server/demo/load-demo';
import { migrate } from '@titik-rawan/server/db/migrate';
import { loadGeography } from '@titik-rawan/server/geography/load-geography';

const url = inject('databaseUrl');

/** Rows of the synthetic demo batches (other test files may add and remove rows of their own meanwhile). */
async function tableCounts(sql: postgres.Sql) {
  const [row] = await sql<{ incidents: number; venues: number; interventions: number; batches: number }[]>`
    with demo as (select id from import_batches where synthetic)
    select (select count(*)::int from incidents where batch_id in (select id from demo)) as incidents,
      (select count(*)::int from venues where batch_id in (select id from demo)) as venues,
      (select count(*)::int from interventions where batch_id in (select id from demo)) as interventions,
      (select count(*)::int from demo) as batches`;
  return row;
}

describe('loadDemoData on the run database', () => {
  const sql = postgres(url, { max: 2, onnotice: () => {} });
  afterAll(() => sql.end({ timeout: 5 }));

  it('holds the default demo set, marked synthetic, with cells matching the points', async () => {
    const [meta] = await sql<{ value: { synthetic: boolean; seed: number; generatedAt: string } }[]>`
      select value from app_meta where key = 'demo_data'`;
    expect(meta?.value).toEqual({ synthetic: true, seed: DEMO_SEED, generatedAt: DEMO_GENERATED_AT });
    const expected = createDemoGenerator();
    expect(await tableCounts(sql)).toMatchObject({
      incidents: expected.incidentCount,
      venues: expected.venues.length,
      interventions: expected.interventions.length,
    });
    const batches = await sql<{ kind: string; synthetic: boolean; source_name: string }[]>`
      select kind, synthetic, source_name from import_batches where synthetic order by kind`;
    expect(batches.map((b) => b.kind)).toEqual(['incidents', 'interventions', 'venues']);
    for (const b of batches) expect(b.source_name).toBe(`demo data (synthetic, seed ${DEMO_SEED})`);
    const points = await sql<{ lon: number; lat: number; base_cell: string }[]>`
      select ST_X(geom) as lon, ST_Y(geom) as lat, base_cell from incidents where geom is not null limit 500`;
    for (const p of points) expect(p.base_cell).toBe(baseCellOf([p.lon, p.lat]));
    const [outside] = await sql<{ n: number }[]>`
      select count(*)::int as n from incidents i join admin_areas a on a.code = i.kelurahan_code
      where i.geom is not null and not ST_Intersects(a.geom, i.geom)`;
    expect(outside?.n).toBe(0);
  });

  it('refuses a second load with a clear error and writes nothing', async () => {
    const before = await tableCounts(sql);
    await expect(loadDemoData(sql)).rejects.toThrow(/already/);
    expect(await tableCounts(sql)).toEqual(before);
  });
});

// A private schema needs a per-connection search_path. The embedded database is one session shared by
// every connection, so there it would redirect the other test files' queries: run this on the native server.
const sharedSession = inject('databaseKind') === 'embedded';
describe.skipIf(sharedSession)('loadDemoData into an empty schema', () => {
  const schema = `demo_load_test_${process.pid}`;
  const sql = postgres(url, { max: 1, onnotice: () => {} });

  beforeAll(async () => {
    await sql`create schema ${sql(schema)}`;
    await sql`select set_config('search_path', ${`${schema}, public`}, false)`;
    await migrate(sql);
    await loadGeography(sql);
  });
  afterAll(async () => {
    await sql`drop schema ${sql(schema)} cascade`;
    await sql.end({ timeout: 5 });
  });

  it('writes every row in order, in small batches', async () => {
    const options = { incidentCount: 1500, venueCount: 800, batchSize: 400 };
    const summary = await loadDemoData(sql, options);
    const data = generateDemoData(options);
    expect(summary).toMatchObject({ incidents: 1500, venues: 800, interventions: data.interventions.length });
    const rows = await sql<
      {
        occurred_on: string;
        time_band: string | null;
        category: string;
        lon: number | null;
        lat: number | null;
        kelurahan_code: string;
        organisation_code: string;
      }[]
    >`
      select occurred_on::text, time_band, category, ST_X(geom) as lon, ST_Y(geom) as lat, kelurahan_code,
        organisation_code
      from incidents order by id`;
    expect(
      rows.map((r) => ({
        occurredOn: r.occurred_on,
        timeBand: r.time_band,
        category: r.category,
        lonLat: r.lon === null || r.lat === null ? null : [r.lon, r.lat],
        kelurahanCode: r.kelurahan_code,
        organisationCode: r.organisation_code,
      })),
    ).toEqual(data.incidents);
    const [linked] = await sql<{ n: number }[]>`
      select count(*)::int as n from interventions i join venues v on v.id = i.venue_id
      where ST_Equals(i.geom, v.geom) and i.kelurahan_code = v.kelurahan_code`;
    expect(linked?.n).toBe(data.interventions.filter((i) => i.venue).length);
  });
});
