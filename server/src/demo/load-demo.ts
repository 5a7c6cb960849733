// Writes the synthetic demo data set (db/seed/demo.ts) into the database in one transaction: organisations,
// one synthetic import batch per kind, venues, incidents (with their H3 resolution-9 base cell),
// interventions and the app_meta marker.
import { latLngToCell } from 'h3-js';
import type postgres from 'postgres';
import {
  createDemoGenerator,
  DEMO_GENERATED_AT,
  type DemoIncident,
  type DemoIntervention,
  type DemoVenue,
} from '@titik-rawan/db/seed/demo.ts';
import { DEMO_DATA_KEY } from '../db/meta';

/** Options of {@link loadDemoData}. */
export interface LoadDemoOptions {
  /** Number of incidents; default 2,400. */
  incidentCount?: number;
  /** Total number of venues; default 5,000. */
  venueCount?: number;
  /** Seed of the generator; default DEMO_SEED. */
  seed?: number;
  /** Rows per multi-row insert; default 20,000. */
  batchSize?: number;
}

/** What {@link loadDemoData} wrote. */
export interface DemoLoadSummary {
  seed: number;
  organisations: number;
  venues: number;
  incidents: number;
  interventions: number;
  /** Ids of the import batches, per kind. */
  batchIds: { venues: number; incidents: number; interventions: number };
  /** Wall-clock time of the load in milliseconds. */
  durationMs: number;
}

/** H3 resolution of `incidents.base_cell`. */
export const BASE_CELL_RESOLUTION = 9;

/** H3 resolution-9 cell of a point, as stored in `incidents.base_cell`. */
export function baseCellOf(lonLat: readonly [number, number]): string {
  return latLngToCell(lonLat[1], lonLat[0], BASE_CELL_RESOLUTION);
}

type Tx = postgres.TransactionSql;

async function assertEmpty(tx: Tx): Promise<void> {
  const [meta] = await tx`select 1 from app_meta where key = ${DEMO_DATA_KEY}`;
  if (meta)
    throw new Error('Demo data is already loaded (app_meta has "demo_data"); refusing to load it twice.');
  const [incident] = await tx`select 1 from incidents limit 1`;
  if (incident)
    throw new Error('The database already holds incidents; refusing to add synthetic demo data to them.');
}

async function createBatch(tx: Tx, kind: string, seed: number, rowCount: number): Promise<number> {
  const [row] = await tx<{ id: string }[]>`
    insert into import_batches (kind, source_name, row_count, synthetic)
    values (${kind}, ${`demo data (synthetic, seed ${seed})`}, ${rowCount}, true)
    returning id`;
  if (!row) throw new Error('Could not create an import batch');
  return Number(row.id);
}

async function insertVenues(
  tx: Tx,
  venues: DemoVenue[],
  batchId: number,
  batchSize: number,
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (let start = 0; start < venues.length; start += batchSize) {
    const rows = venues.slice(start, start + batchSize);
    const inserted = await tx<{ id: string; source: string; source_id: string }[]>`
      insert into venues (kind, name, geom, kelurahan_code, source, source_id, batch_id)
      select kind, name, ST_SetSRID(ST_MakePoint(lon, lat), 4326), kelurahan_code, source, source_id, ${batchId}
      from unnest(
        ${tx.array(rows.map((v) => v.kind))}::text[],
        ${tx.array(rows.map((v) => v.name))}::text[],
        ${tx.array(rows.map((v) => v.lonLat[0]))}::float8[],
        ${tx.array(rows.map((v) => v.lonLat[1]))}::float8[],
        ${tx.array(rows.map((v) => v.kelurahanCode))}::text[],
        ${tx.array(rows.map((v) => v.source))}::text[],
        ${tx.array(rows.map((v) => v.sourceId))}::text[]
      ) as v(kind, name, lon, lat, kelurahan_code, source, source_id)
      returning id, source, source_id`;
    for (const r of inserted) ids.set(`${r.source}:${r.source_id}`, Number(r.id));
  }
  return ids;
}

async function insertIncidents(tx: Tx, rows: DemoIncident[], batchId: number): Promise<void> {
  const n = rows.length;
  const occurred: string[] = new Array<string>(n);
  const bands: (string | null)[] = new Array<string | null>(n);
  const categories: string[] = new Array<string>(n);
  const lons: (number | null)[] = new Array<number | null>(n);
  const lats: (number | null)[] = new Array<number | null>(n);
  const cells: (string | null)[] = new Array<string | null>(n);
  const kelurahan: string[] = new Array<string>(n);
  const organisations: string[] = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const r = rows[i] as DemoIncident;
    occurred[i] = r.occurredOn;
    bands[i] = r.timeBand;
    categories[i] = r.category;
    lons[i] = r.lonLat ? r.lonLat[0] : null;
    lats[i] = r.lonLat ? r.lonLat[1] : null;
    cells[i] = r.lonLat ? baseCellOf(r.lonLat) : null;
    kelurahan[i] = r.kelurahanCode;
    organisations[i] = r.organisationCode;
  }
  await tx`
    insert into incidents (occurred_on, time_band, category, geom, base_cell, kelurahan_code, organisation_code, batch_id)
    select occurred_on, time_band, category, ST_SetSRID(ST_MakePoint(lon, lat), 4326), base_cell, kelurahan_code,
      organisation_code, ${batchId}
    from unnest(
      ${tx.array(occurred)}::date[],
      ${tx.array(bands)}::text[],
      ${tx.array(categories)}::text[],
      ${tx.array(lons)}::float8[],
      ${tx.array(lats)}::float8[],
      ${tx.array(cells)}::text[],
      ${tx.array(kelurahan)}::text[],
      ${tx.array(organisations)}::text[]
    ) as i(occurred_on, time_band, category, lon, lat, base_cell, kelurahan_code, organisation_code)`;
}

async function insertInterventions(
  tx: Tx,
  interventions: DemoIntervention[],
  venueIds: Map<string, number>,
  batchId: number,
  batchSize: number,
): Promise<void> {
  for (let start = 0; start < interventions.length; start += batchSize) {
    const rows = interventions.slice(start, start + batchSize);
    const venueId = (i: DemoIntervention): number | null => {
      if (!i.venue) return null;
      const id = venueIds.get(`${i.venue.source}:${i.venue.sourceId}`);
      if (id === undefined) throw new Error(`Intervention refers to unknown venue ${i.venue.sourceId}`);
      return id;
    };
    await tx`
      insert into interventions (kind, started_on, venue_id, geom, kelurahan_code, organisation_code, batch_id)
      select kind, started_on, venue_id, ST_SetSRID(ST_MakePoint(lon, lat), 4326), kelurahan_code,
        organisation_code, ${batchId}
      from unnest(
        ${tx.array(rows.map((i) => i.kind))}::text[],
        ${tx.array(rows.map((i) => i.startedOn))}::date[],
        ${tx.array(rows.map(venueId))}::int8[],
        ${tx.array(rows.map((i) => (i.lonLat ? i.lonLat[0] : null)))}::float8[],
        ${tx.array(rows.map((i) => (i.lonLat ? i.lonLat[1] : null)))}::float8[],
        ${tx.array(rows.map((i) => i.kelurahanCode))}::text[],
        ${tx.array(rows.map((i) => i.organisationCode))}::text[]
      ) as i(kind, started_on, venue_id, lon, lat, kelurahan_code, organisation_code)`;
  }
}

/**
 * Loads the synthetic demo data set in one transaction; throws, writing nothing, when demo data or any
 * incident is already present. Requires the kelurahan in admin_areas (the geography loader).
 */
export async function loadDemoData(
  sql: postgres.Sql,
  options: LoadDemoOptions = {},
): Promise<DemoLoadSummary> {
  const started = performance.now();
  const batchSize = options.batchSize ?? 20_000;
  const generator = createDemoGenerator(options);
  const { seed, organisations, venues, interventions, incidentCount } = generator;
  const batchIds = await sql.begin(async (tx) => {
    await assertEmpty(tx);
    await tx`
      insert into organisations ${tx(organisations.map((o) => ({ code: o.code, name: o.name, kind: o.kind })))}
      on conflict (code) do nothing`;
    const ids = {
      venues: await createBatch(tx, 'venues', seed, venues.length),
      incidents: await createBatch(tx, 'incidents', seed, incidentCount),
      interventions: await createBatch(tx, 'interventions', seed, interventions.length),
    };
    const venueIds = await insertVenues(tx, venues, ids.venues, batchSize);
    // Overlap: the next chunk is generated (and its H3 cells computed) while the database inserts this one.
    let pending: Promise<void> | null = null;
    for (const chunk of generator.incidentChunks(batchSize)) {
      const insert = insertIncidents(tx, chunk, ids.incidents);
      insert.catch(() => undefined);
      if (pending) await pending;
      pending = insert;
    }
    if (pending) await pending;
    await insertInterventions(tx, interventions, venueIds, ids.interventions, batchSize);
    const meta = { synthetic: true, seed, generatedAt: DEMO_GENERATED_AT };
    await tx`insert into app_meta (key, value) values (${DEMO_DATA_KEY}, ${tx.json(meta)})`;
    return ids;
  });
  return {
    seed,
    organisations: organisations.length,
    venues: venues.length,
    incidents: incidentCount,
    interventions: interventions.length,
    batchIds,
    durationMs: Math.round(performance.now() - started),
  };
}
