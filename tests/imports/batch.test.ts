// Imports against the real database: a refused file stores nothing, a valid file is written with the values the
// user gave, the same file is refused the second time, a rollback removes the rows and frees the file, an
// OpenStreetMap re-import updates its venues, and any valid generated file reads back as the same records.
// Every date lies in 2021, outside the demo data's period, so figures other test files compare stay as they are.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { baseCellOf } from '@titik-rawan/server/demo/load-demo';
import {
  checkImport,
  listImports,
  rollbackImport,
  runImport,
  type ImportRequest,
} from '@titik-rawan/server/imports/import-batch';
import { loadKelurahanLocator } from '@titik-rawan/server/imports/kelurahan-at';
import { loadAreaNames } from '@titik-rawan/server/imports/kelurahan-names';
import type { ImportFormat, ImportKind } from '@titik-rawan/server/imports/rows';
import { INCIDENT_CATEGORIES } from '@titik-rawan/shared';
import { TIME_BANDS } from '@titik-rawan/shared/codes';
import { testDatabase } from '../support/database';
import { pointArb } from './generate';

const db = testDatabase();
const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/imports');
/** Every batch of this file has a name starting so; they are all deleted at the end. */
const PREFIX = 'writer-batch-test-';
const ORGANISATION = 'demo-upt-pppa';
const dir = await mkdtemp(path.join(os.tmpdir(), 'titik-rawan-batch-test-'));

afterAll(async () => {
  // Deleting a batch deletes its incidents, venues, interventions and staging rows (ON DELETE CASCADE).
  await db.sql`delete from import_batches where source_name like ${PREFIX + '%'}`;
  await rm(dir, { recursive: true, force: true });
});

let files = 0;
/** Writes a file into the test's folder and returns the import request for it. */
async function requestFor(
  kind: ImportKind,
  text: string | Buffer,
  format: ImportFormat = 'csv',
  organisation: string | null = ORGANISATION,
): Promise<ImportRequest> {
  files += 1;
  const fileName = `${PREFIX}${files}.${format === 'csv' ? 'csv' : 'json'}`;
  const filePath = path.join(dir, fileName);
  await writeFile(filePath, text);
  return { kind, format, filePath, fileName, organisation, importedBy: null };
}

/** What a refused import must leave untouched, for one file. */
async function traces(sha256: string) {
  const [row] = await db.sql<{ batches: number; staged: number; incidents: number }[]>`
    select
      (select count(*)::int from import_batches where file_sha256 = ${sha256}) as batches,
      (select count(*)::int from import_staging s join import_batches b on b.id = s.batch_id
        where b.file_sha256 = ${sha256}) as staged,
      (select count(*)::int from incidents where occurred_on between '2021-01-01' and '2021-12-31') as incidents`;
  return row;
}

describe('a refused file stores nothing', () => {
  const badFiles: [string, string][] = [
    ['incidents-wrong-dates.csv', 'date_before_2000'],
    ['incidents-outside-city.csv', 'outside_city'],
    ['incidents-unknown-kelurahan.csv', 'unknown_kelurahan'],
    ['incidents-pii-column.csv', 'pii_name_column'],
    ['incidents-pii-value.csv', 'pii_phone_value'],
    ['incidents-broken-utf8.csv', 'invalid_utf8'],
    ['incidents-semicolon-error.csv', 'not_in_list'],
    ['incidents-semicolon-bom.csv', 'unknown_organisation'],
    ['incidents-missing-column.csv', 'missing_column'],
    ['incidents-missing-column.csv', 'free_text_column'],
    ['incidents-many-errors.csv', 'unknown_kelurahan'],
    ['incidents-locations.csv', 'ambiguous_kelurahan'],
  ];
  it.each(badFiles)('%s is refused with %s, and the database is unchanged', async (fixture, code) => {
    const request = await requestFor('incidents', await readFile(path.join(FIXTURES, fixture)));
    const before = await traces('');
    const result = await runImport(db.sql, request);
    expect(result.status).toBe('refused');
    expect(result.check.errorCount).toBeGreaterThan(0);
    expect(result.check.errors.map((error) => error.code)).toContain(code);
    expect(await traces(result.check.sha256)).toEqual({ ...before, batches: 0, staged: 0 });
  });

  it('names the row and column of each error, and never repeats personal data', async () => {
    const request = await requestFor(
      'incidents',
      await readFile(path.join(FIXTURES, 'incidents-pii-value.csv')),
    );
    const check = await checkImport(db.sql, request);
    expect(check.preview).toEqual([]);
    expect(check.errors.map((error) => [error.row, error.column, error.code])).toEqual([
      [3, 'category', 'pii_phone_value'],
      [4, 'kelurahan', 'pii_id_number_value'],
    ]);
    expect(JSON.stringify(check)).not.toMatch(/0812|3175061203900001/);
  });

  it('refuses an unknown organisation by its code', async () => {
    const request = await requestFor(
      'incidents',
      'occurred_on,category,kelurahan,organisation\n2021-05-01,other,Cipinang,no-such-org\n',
    );
    const check = await checkImport(db.sql, request);
    expect(check.errors).toEqual([
      expect.objectContaining({ row: 2, column: 'organisation', code: 'unknown_organisation' }),
    ]);
    expect(check.errors[0]?.message).toContain('no-such-org');
  });
});

describe('a valid file', () => {
  const text =
    'tanggal,waktu,kategori,lintang,bujur,kelurahan,organisasi\n' +
    '2021-03-01 21:30,,online_solicitation,-6.215885,106.861278,,\n' +
    '02/03/2021,pagi,Peer Recruitment,,,Cipinang,demo-polres-ppa\n';

  async function rowsOf(batchId: string) {
    return db.sql`
      select occurred_on::text, time_band, category, base_cell, kelurahan_code, organisation_code,
        ST_X(geom) as lng, ST_Y(geom) as lat
      from incidents where batch_id = ${batchId} order by id`;
  }

  it('imports with its values, is refused the second time, and imports again after a rollback', async () => {
    const request = await requestFor('incidents', text);
    const phases = new Set<string>();
    const result = await runImport(db.sql, request, (progress) => phases.add(progress.phase));
    expect(result.status).toBe('committed');
    if (result.status !== 'committed') return;
    expect(result.rows).toBe(2);
    expect([...phases]).toEqual(['checking', 'writing', 'committing']);
    expect(await rowsOf(result.batchId)).toEqual([
      {
        occurred_on: '2021-03-01',
        time_band: 'evening',
        category: 'online_solicitation',
        base_cell: baseCellOf([106.861278, -6.215885]),
        kelurahan_code: '31.75.03.1001',
        organisation_code: ORGANISATION,
        lng: 106.861278,
        lat: -6.215885,
      },
      {
        occurred_on: '2021-03-02',
        time_band: 'morning',
        category: 'peer_recruitment',
        base_cell: null,
        kelurahan_code: '31.75.02.1003',
        organisation_code: 'demo-polres-ppa',
        lng: null,
        lat: null,
      },
    ]);
    const [staged] =
      await db.sql`select count(*)::int as n from import_staging where batch_id = ${result.batchId}`;
    expect(staged?.n).toBe(0);

    const again = await runImport(db.sql, { ...request, fileName: `${PREFIX}again.csv` });
    expect(again.status).toBe('refused');
    expect(again.check.duplicateOf?.batchId).toBe(result.batchId);

    const rolledBack = await rollbackImport(db.sql, result.batchId);
    expect(rolledBack).toMatchObject({ id: result.batchId, status: 'rolled_back', rows: 2 });
    expect(await rowsOf(result.batchId)).toEqual([]);
    await expect(rollbackImport(db.sql, result.batchId)).rejects.toThrow(/only a committed import/);
    const listed = (await listImports(db.sql)).find((batch) => batch.id === result.batchId);
    expect(listed).toMatchObject({ status: 'rolled_back', fileName: request.fileName, synthetic: false });

    const third = await runImport(db.sql, request);
    expect(third.status).toBe('committed');
    if (third.status === 'committed') expect(await rowsOf(third.batchId)).toHaveLength(2);
  });

  it('refuses to roll back the synthetic demo data or an unknown batch', async () => {
    const demo = (await listImports(db.sql)).find((batch) => batch.synthetic);
    await expect(rollbackImport(db.sql, demo?.id ?? '0')).rejects.toThrow(/synthetic demo data/);
    await expect(rollbackImport(db.sql, '999999999')).rejects.toThrow(/no import 999999999/);
  });
});

describe('venues and interventions', () => {
  const overpass = (name: string) =>
    JSON.stringify({
      elements: [
        {
          type: 'node',
          id: 9_900_000_001,
          lat: -6.215885,
          lon: 106.861278,
          tags: { tourism: 'hotel', name },
        },
        { type: 'node', id: 9_900_000_002, lat: -6.207556, lon: 106.891261, tags: { amenity: 'school' } },
      ],
    });
  const venueRows = () => db.sql`
    select source_id, name, kind, kelurahan_code, batch_id::text from venues
    where source = 'osm' and source_id in ('node/9900000001', 'node/9900000002') order by source_id`;

  it('an OpenStreetMap re-import updates its venues instead of adding them again', async () => {
    const version = async () =>
      Number((await db.sql`select value::text from app_meta where key = 'incidents_version'`)[0]?.value);
    const before = await version();
    const first = await runImport(db.sql, await requestFor('venues', overpass('Hotel Lama'), 'osm', null));
    // Releases read venues too (risk terrain): a venue import changes the data version they are decided for.
    expect(await version()).toBeGreaterThan(before);
    expect(first.status).toBe('committed');
    const second = await runImport(db.sql, await requestFor('venues', overpass('Hotel Baru'), 'osm', null));
    expect(second.status).toBe('committed');
    if (first.status !== 'committed' || second.status !== 'committed') return;
    const rows = await venueRows();
    expect(rows.map((row) => [row.source_id, row.name, row.kind])).toEqual([
      ['node/9900000001', 'Hotel Baru', 'hotel'],
      ['node/9900000002', '', 'school'],
    ]);
    // Each venue keeps the batch that created it, so rolling back the update leaves the venues as they are.
    expect(rows.every((row) => row.batch_id === first.batchId)).toBe(true);
    await rollbackImport(db.sql, second.batchId);
    expect(await venueRows()).toHaveLength(2);
  });

  it('interventions name a venue by its id, and an unknown venue is a row error', async () => {
    const request = await requestFor(
      'interventions',
      'kind,started_on,venue,organisation\nbanner,2021-04-01,node/9900000001,\noutreach_visit,2021-04-02,node/9900009999,\n',
    );
    const refused = await runImport(db.sql, request);
    expect(refused.status).toBe('refused');
    expect(refused.check.errors).toEqual([
      expect.objectContaining({ row: 3, column: 'venue', code: 'unknown_venue' }),
    ]);
    expect(await traces(refused.check.sha256)).toMatchObject({ batches: 0 });

    const valid = await requestFor(
      'interventions',
      'kind,started_on,venue\nbanner,2021-04-01,node/9900000001\n',
    );
    const result = await runImport(db.sql, valid);
    expect(result.status).toBe('committed');
    if (result.status !== 'committed') return;
    const rows = await db.sql`
      select i.kind, i.started_on::text, v.source_id, i.kelurahan_code, i.organisation_code
      from interventions i join venues v on v.id = i.venue_id where i.batch_id = ${result.batchId}`;
    expect(rows).toEqual([
      {
        kind: 'banner',
        started_on: '2021-04-01',
        source_id: 'node/9900000001',
        kelurahan_code: '31.75.03.1001',
        organisation_code: ORGANISATION,
      },
    ]);
  });
});

describe('round trip through the database', () => {
  const locator = loadKelurahanLocator();
  const kelurahan = loadAreaNames().kelurahan.map((entry) => entry.code);
  const incidentArb = fc.record({
    day: fc.integer({ min: 0, max: 364 }).map((days) => new Date(Date.UTC(2021, 0, 1) + days * 86_400_000)),
    timeBand: fc.option(fc.constantFrom(...TIME_BANDS), { nil: null }),
    category: fc.constantFrom(...INCIDENT_CATEGORIES),
    location: fc.oneof(
      pointArb.map((point) => ({ point })),
      fc.constantFrom(...kelurahan).map((code) => ({ code })),
    ),
  });

  it('any valid generated file imports and reads back as the same records', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(incidentArb, { minLength: 1, maxLength: 40 }), async (incidents) => {
        const lines = incidents.map((incident) => {
          const where =
            'point' in incident.location
              ? `${incident.location.point.lat},${incident.location.point.lng},`
              : `,,${incident.location.code}`;
          const day = incident.day.toISOString().slice(0, 10);
          return `${day},${incident.timeBand ?? ''},${incident.category},${where}`;
        });
        const request = await requestFor(
          'incidents',
          `occurred_on,time_band,category,latitude,longitude,kelurahan\n${lines.join('\n')}\n`,
        );
        const result = await runImport(db.sql, request);
        expect(result.status).toBe('committed');
        if (result.status !== 'committed') return;
        const rows = await db.sql`
          select occurred_on::text, time_band, category, ST_X(geom) as lng, ST_Y(geom) as lat, base_cell,
            kelurahan_code, organisation_code
          from incidents where batch_id = ${result.batchId} order by id`;
        expect(rows).toEqual(
          incidents.map((incident) => {
            const point = 'point' in incident.location ? incident.location.point : null;
            return {
              occurred_on: incident.day.toISOString().slice(0, 10),
              time_band: incident.timeBand,
              category: incident.category,
              lng: point?.lng ?? null,
              lat: point?.lat ?? null,
              base_cell: point ? baseCellOf([point.lng, point.lat]) : null,
              kelurahan_code: point
                ? locator.kelurahanAt(point.lng, point.lat)
                : (incident.location as { code: string }).code,
              organisation_code: ORGANISATION,
            };
          }),
        );
        await rollbackImport(db.sql, result.batchId);
      }),
      { numRuns: 8 },
    );
  });
});
