// Rows to records: columns by English and Indonesian names, locations by point, kelurahan code or name (with the
// kecamatan where a name is ambiguous), every error of a row named by row, column and problem.
import { createReadStream } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COLUMN_SETS, planColumns, templateCsv } from '@titik-rawan/server/imports/columns';
import { findKelurahan, loadAreaNames } from '@titik-rawan/server/imports/kelurahan-names';
import { loadKelurahanLocator } from '@titik-rawan/server/imports/kelurahan-at';
import {
  parseDecimal,
  rowMapper,
  type ImportRecords,
  type MapOptions,
  type MapResult,
} from '@titik-rawan/server/imports/map-row';
import { readRows } from '@titik-rawan/server/imports/read-rows';
import {
  IMPORT_KINDS,
  type ImportFormat,
  type ImportKind,
  type ImportRow,
} from '@titik-rawan/server/imports/rows';

const fixture = (name: string): string => new URL(`../fixtures/imports/${name}`, import.meta.url).pathname;
const OPTIONS: MapOptions = { today: '2026-01-01' };

/** Reads a source and maps every row, building a new mapper whenever the columns change (GeoJSON). */
async function mapSource<K extends ImportKind>(
  kind: K,
  source: Parameters<typeof readRows>[0],
  format: ImportFormat,
  options: MapOptions = OPTIONS,
): Promise<Map<number, MapResult<ImportRecords[K]>>> {
  const results = new Map<number, MapResult<ImportRecords[K]>>();
  let mapper: ReturnType<typeof rowMapper<K>> | null = null;
  for await (const event of readRows(source, format)) {
    if (event.type === 'header' || event.type === 'columns')
      mapper = rowMapper(kind, event.columns, format, options);
    else if (event.type === 'row' && mapper) results.set(event.row, mapper.mapRow(event));
  }
  return results;
}

function csvSource(text: string): Uint8Array[] {
  return [new TextEncoder().encode(text)];
}

function errorsOf(result: MapResult<unknown> | undefined): [string | null, string][] {
  return result && !result.ok ? result.errors.map((error) => [error.column, error.code]) : [];
}

describe('incidents from CSV', () => {
  it('maps a semicolon file with Indonesian headers, comma decimals, spellings and codes', async () => {
    const results = await mapSource(
      'incidents',
      createReadStream(fixture('incidents-semicolon-bom.csv')),
      'csv',
    );
    expect([...results.values()]).toEqual([
      {
        ok: true,
        record: {
          row: 2,
          occurredOn: '2025-03-14',
          timeBand: 'evening',
          category: 'online_solicitation',
          point: { lng: 106.861278, lat: -6.215885 },
          kelurahanCode: '31.75.03.1001',
          organisationCode: 'upt-pppa',
        },
      },
      {
        ok: true,
        record: {
          row: 3,
          occurredOn: '2025-03-15',
          timeBand: null,
          category: 'peer_recruitment',
          point: null,
          kelurahanCode: '31.75.01.1004',
          organisationCode: 'upt-pppa',
        },
      },
      {
        ok: true,
        record: {
          row: 4,
          occurredOn: '2025-03-16',
          timeBand: 'evening',
          category: 'other',
          point: null,
          kelurahanCode: '31.75.01.1004',
          organisationCode: 'upt-pppa',
        },
      },
      {
        ok: true,
        record: {
          row: 6,
          occurredOn: '2025-03-17',
          timeBand: null,
          category: 'csam',
          point: null,
          kelurahanCode: '31.75.06.1005',
          organisationCode: 'polres-ppa',
        },
      },
    ]);
  });

  it('gives each location mistake its own error, and accepts Jatinegara with its kecamatan', async () => {
    const results = await mapSource('incidents', createReadStream(fixture('incidents-locations.csv')), 'csv');
    const byRow = Object.fromEntries([...results].map(([row, result]) => [row, errorsOf(result)]));
    expect(byRow).toEqual({
      2: [['kelurahan', 'unknown_kelurahan']],
      3: [['kelurahan', 'ambiguous_kelurahan']],
      4: [],
      5: [['kelurahan', 'kelurahan_not_in_kecamatan']],
      6: [['lat', 'outside_city']],
      7: [['lat', 'coordinates_swapped']],
      8: [['lat', 'outside_city']],
      9: [['kecamatan', 'unknown_kecamatan']],
      10: [['kelurahan', 'location_mismatch']],
      11: [['lng', 'incomplete_point']],
      12: [['lat', 'no_location']],
      13: [['kelurahan', 'unknown_kelurahan']],
      14: [],
    });
    expect(results.get(4)).toMatchObject({ ok: true, record: { kelurahanCode: '31.75.06.1001' } });
    expect(results.get(14)).toMatchObject({ ok: true, record: { kelurahanCode: '31.75.03.1001' } });
  });

  it('explains location errors in plain words that name the row and the column', async () => {
    const results = await mapSource('incidents', createReadStream(fixture('incidents-locations.csv')), 'csv');
    const message = (row: number): string => {
      const result = results.get(row);
      return result && !result.ok ? (result.errors[0]?.message ?? '') : '';
    };
    expect(message(3)).toBe(
      'Row 3, column "kelurahan": "Jatinegara" is ambiguous: it is a kelurahan in kecamatan Cakung and also the ' +
        'name of a kecamatan; add a kecamatan column saying which, or give the kelurahan code',
    );
    expect(message(6)).toBe('Row 6, column "lat": the point (-6.1754, 106.8272) lies outside East Jakarta');
    expect(message(8)).toMatch(/lies outside East Jakarta; the latitude may lack its minus sign$/);
    expect(message(10)).toBe(
      'Row 10, column "kelurahan": the point lies in kelurahan Kampung Melayu, not in Cipinang; correct one of them',
    );
  });

  it('lists every error of a row, not just the first', async () => {
    const results = await mapSource(
      'incidents',
      createReadStream(fixture('incidents-many-errors.csv')),
      'csv',
    );
    expect(errorsOf(results.get(2))).toEqual([
      ['tanggal', 'date_impossible'],
      ['waktu', 'time_impossible'],
      ['kategori', 'not_in_list'],
      ['lintang', 'invalid_number'],
      ['kelurahan', 'unknown_kelurahan'],
      ['organisasi', 'invalid_organisation'],
    ]);
  });

  it('reports a missing required column and unknown columns from the header', () => {
    const plan = planColumns('incidents', ['tanggal', 'kelurahan', 'organisasi', 'catatan'], 'csv');
    expect(plan.unknown).toEqual(['catatan']);
    expect(plan.problems).toEqual([
      expect.objectContaining({
        code: 'missing_column',
        column: 'category',
        message: expect.stringContaining('"kategori"'),
      }),
    ]);
  });

  it('reports header columns that mean the same field, half a point, or no location at all', () => {
    const codes = (kind: ImportKind, columns: string[]) =>
      planColumns(kind, columns, 'csv').problems.map((problem) => problem.code);
    expect(codes('incidents', ['date', 'category', 'lat', 'Lintang', 'lng'])).toEqual(['same_meaning']);
    expect(codes('incidents', ['date', 'category', 'kelurahan', 'latitude'])).toEqual([
      'incomplete_point_columns',
    ]);
    expect(codes('incidents', ['date', 'category', 'organisation'])).toEqual(['no_location_column']);
    expect(codes('venues', ['kind', 'name', 'kelurahan'])).toEqual(['no_location_column']);
    expect(planColumns('venues', ['kind', 'name'], 'geojson').problems).toEqual([]);
  });

  it('fills an empty organisation from the batch and refuses codes not in the known list', async () => {
    const text =
      'date,category,kelurahan,organisation\n2025-01-02,other,Cipinang,\n2025-01-03,other,Cipinang,lsm-x\n';
    const options = { ...OPTIONS, defaultOrganisation: 'upt-pppa', organisations: new Set(['upt-pppa']) };
    const results = await mapSource('incidents', csvSource(text), 'csv', options);
    expect(results.get(2)).toMatchObject({ ok: true, record: { organisationCode: 'upt-pppa' } });
    expect(errorsOf(results.get(3))).toEqual([['organisation', 'unknown_organisation']]);
    const without = await mapSource('incidents', csvSource(text), 'csv');
    expect(errorsOf(without.get(2))).toEqual([['organisation', 'missing_value']]);
  });
});

describe('incidents from GeoJSON', () => {
  it('takes the point from the geometry and the kelurahan from a property', async () => {
    const results = await mapSource('incidents', createReadStream(fixture('incidents.geojson')), 'geojson');
    expect(results.get(1)).toMatchObject({
      ok: true,
      record: { kelurahanCode: '31.75.03.1001', point: { lng: 106.861278 } },
    });
    expect(results.get(2)).toMatchObject({
      ok: true,
      record: { kelurahanCode: '31.75.04.1002', point: null },
    });
    expect(errorsOf(results.get(3))).toEqual([
      [null, 'not_a_point'],
      ['geometry', 'no_location'],
    ]);
    expect(errorsOf(results.get(4))).toEqual([['geometry', 'outside_city']]);
  });
});

describe('points with other location columns', () => {
  it('checks a point against a kecamatan given without kelurahan', async () => {
    const text =
      'date,category,lat,lng,kecamatan,organisation\n' +
      '2025-01-02,other,-6.215885,106.861278,Jatinegara,upt-pppa\n' +
      '2025-01-03,other,-6.215885,106.861278,Cakung,upt-pppa\n' +
      '2025-01-04,other,,,Cakung,upt-pppa\n';
    const results = await mapSource('incidents', csvSource(text), 'csv');
    expect(results.get(2)).toMatchObject({ ok: true, record: { kelurahanCode: '31.75.03.1001' } });
    expect(errorsOf(results.get(3))).toEqual([['kecamatan', 'location_mismatch']]);
    expect(errorsOf(results.get(4))).toEqual([['kelurahan', 'no_location']]);
  });

  it('accepts GeoJSON latitude/longitude properties equal to the geometry, and refuses different ones', async () => {
    const feature = (lat: number) => ({
      type: 'Feature',
      properties: { date: '2025-01-02', category: 'other', organisation: 'upt-pppa', lat, lng: 106.861278 },
      geometry: { type: 'Point', coordinates: [106.861278, -6.215885] },
    });
    const json = JSON.stringify({ type: 'FeatureCollection', features: [feature(-6.215885), feature(-6.2)] });
    const results = await mapSource('incidents', csvSource(json), 'geojson');
    expect(results.get(1)).toMatchObject({
      ok: true,
      record: { point: { lng: 106.861278, lat: -6.215885 } },
    });
    expect(errorsOf(results.get(2))).toEqual([['lat', 'conflicting_point']]);
  });
});

describe('venues', () => {
  it('maps OSM rows with their source ids, so a re-import can update them', async () => {
    const results = await mapSource('venues', createReadStream(fixture('venues-overpass.json')), 'osm');
    expect(results.get(3)).toEqual({
      ok: true,
      record: {
        row: 3,
        kind: 'guest_house',
        name: 'Motel Contoh',
        point: { lng: 106.916053, lat: -6.203448 },
        kelurahanCode: '31.75.06.1001',
        source: 'osm',
        sourceId: 'way/2001',
      },
    });
    expect([...results.values()].every((result) => result.ok)).toBe(true);
  });

  it('maps a partner CSV; without an id, the kind and point make one', async () => {
    const results = await mapSource('venues', createReadStream(fixture('venues-excel-crlf.csv')), 'csv');
    expect(results.get(3)).toMatchObject({
      ok: true,
      record: { name: 'Wisma Sejahtera Lantai 2', source: 'partner', sourceId: 'mitra-002' },
    });
    const text = 'jenis;nama;lintang;bujur\nkost;Kost Melati;-6,207556;106,891261\nkost;Kost Mawar;;\n';
    const unnamed = await mapSource('venues', csvSource(text), 'csv');
    expect(unnamed.get(2)).toMatchObject({ ok: true, record: { sourceId: 'kost@-6.207556,106.891261' } });
    expect(errorsOf(unnamed.get(3))).toEqual([['lintang', 'no_location']]);
  });

  it('refuses an OSM source without an OSM id and an unknown source', async () => {
    const text =
      'kind,name,lat,lng,source,source_id\nhotel,A,-6.207556,106.891261,osm,123\nhotel,B,-6.207556,106.891261,google,\n';
    const results = await mapSource('venues', csvSource(text), 'csv');
    expect(errorsOf(results.get(2))).toEqual([['source_id', 'invalid_source']]);
    expect(errorsOf(results.get(3))).toEqual([['source', 'invalid_source']]);
  });
});

describe('interventions', () => {
  it('takes a venue by its source id, with no other location needed', async () => {
    const text =
      'jenis,tanggal,organisasi,tempat\nbanner,2025-02-03,upt-pppa,node/1001\ncctv,2025-02-04,upt-pppa,\n';
    const results = await mapSource('interventions', csvSource(text), 'csv');
    expect(results.get(2)).toEqual({
      ok: true,
      record: {
        row: 2,
        kind: 'banner',
        startedOn: '2025-02-03',
        organisationCode: 'upt-pppa',
        venue: { source: 'osm', sourceId: 'node/1001' },
        point: null,
        kelurahanCode: null,
      },
    });
    expect(errorsOf(results.get(3))).toEqual([['latitude', 'no_location']]);
  });
});

describe('templates', () => {
  it.each(
    IMPORT_KINDS.flatMap((kind) => ([',', ';'] as const).map((delimiter) => [kind, delimiter] as const)),
  )(
    'the %s template (delimiter %s) has every column and its example rows import cleanly',
    async (kind, delimiter) => {
      const text = templateCsv(kind, delimiter);
      expect(text.split('\r\n')[0]).toBe(COLUMN_SETS[kind].map((spec) => spec.name).join(delimiter));
      const results = await mapSource(kind, csvSource(text), 'csv');
      expect(results.size).toBeGreaterThan(0);
      expect([...results.values()].filter((result) => !result.ok)).toEqual([]);
    },
  );

  it('the incidents template shows each way of giving the location: point, kelurahan code, name with kecamatan', async () => {
    const results = await mapSource('incidents', csvSource(templateCsv('incidents')), 'csv');
    const records = [...results.values()].flatMap((result) => (result.ok ? [result.record] : []));
    expect(records.map((record) => [record.point !== null, record.kelurahanCode])).toEqual([
      [true, '31.75.03.1003'],
      [false, '31.75.01.1004'],
      [false, '31.75.06.1001'],
    ]);
  });
});

describe('kelurahan names and points', () => {
  const names = loadAreaNames();
  const locator = loadKelurahanLocator();

  it('finds all 65 kelurahan by code, Dukcapil code, official and common name in any case and spacing', () => {
    expect(names.kelurahan).toHaveLength(65);
    for (const entry of names.kelurahan) {
      const kecamatan = entry.kecamatan;
      for (const text of [
        entry.code,
        entry.dukcapilCode,
        entry.name,
        entry.commonName.toUpperCase(),
        ` ${entry.commonName.replace(/ /g, '')} `,
      ]) {
        expect(findKelurahan(names, text, kecamatan)).toEqual({ kelurahan: entry });
      }
    }
  });

  it('needs the kecamatan only for Jatinegara, the one name shared by a kelurahan and another kecamatan', () => {
    const ambiguous = names.kelurahan.filter((entry) => 'code' in findKelurahan(names, entry.commonName, ''));
    expect(ambiguous.map((entry) => entry.code)).toEqual(['31.75.06.1001']);
  });

  it('places every kelurahan centre that lies inside its polygon in that kelurahan, and Monas outside', () => {
    expect(locator.kelurahanAt(106.8272, -6.1754)).toBeNull();
    expect(locator.kelurahanAt(106.861278, -6.215885)).toBe('31.75.03.1001');
    expect(locator.kelurahanAt(106.892394, -6.308492)).toBe('31.75.10.1008');
  });

  it('reads decimals with a point or a comma, and nothing else', () => {
    expect([parseDecimal('-6,2253'), parseDecimal(' 106.8701 '), parseDecimal('\u22126.2')]).toEqual([
      -6.2253, 106.8701, -6.2,
    ]);
    expect([parseDecimal('1.234,5'), parseDecimal('6.2.1'), parseDecimal(''), parseDecimal('1e3')]).toEqual([
      null,
      null,
      null,
      null,
    ]);
  });
});

describe('rows read by the reader', () => {
  it('keeps reader errors (extra cells) alongside mapping errors', async () => {
    const row: ImportRow = {
      type: 'row',
      unit: 'row',
      row: 7,
      values: { kind: 'hotel', latitude: '', longitude: '' },
      point: null,
      errors: [{ row: 7, column: null, code: 'extra_cells', message: 'Row 7: has 1 more filled cell' }],
    };
    const result = rowMapper('venues', ['kind', 'latitude', 'longitude'], 'csv', OPTIONS).mapRow(row);
    expect(errorsOf(result)).toEqual([
      [null, 'extra_cells'],
      ['latitude', 'no_location'],
    ]);
  });
});
