// Reading uploads: CSV (semicolon with BOM, Excel CRLF with quotes, broken UTF-8), GeoJSON and OpenStreetMap
// exports, as the header, numbered rows and the summary a user sees in the import preview.
import { createReadStream, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readRows } from '@titik-rawan/server/imports/read-rows';
import { osmVenueKind, OSM_VENUE_TAGS } from '@titik-rawan/server/imports/read-osm';
import {
  ImportFileError,
  type EndEvent,
  type HeaderEvent,
  type ImportFormat,
  type ImportRow,
  type ReadEvent,
} from '@titik-rawan/server/imports/rows';
import { VENUE_KINDS } from '@titik-rawan/shared';

const fixture = (name: string): string => new URL(`../fixtures/imports/${name}`, import.meta.url).pathname;

async function readAll(source: Parameters<typeof readRows>[0], format: ImportFormat): Promise<ReadEvent[]> {
  const events: ReadEvent[] = [];
  for await (const event of readRows(source, format)) events.push(event);
  return events;
}

async function readFixture(name: string, format: ImportFormat) {
  const events = await readAll(createReadStream(fixture(name)), format);
  return {
    events,
    header: events[0] as HeaderEvent,
    rows: events.filter((event): event is ImportRow => event.type === 'row'),
    end: events.at(-1) as EndEvent,
  };
}

/** Yields the bytes one at a time, so every multi-byte character and line break is split across chunks. */
async function* byteByByte(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  for (const byte of bytes) yield Uint8Array.of(byte);
}

async function readError(
  source: Parameters<typeof readRows>[0],
  format: ImportFormat,
): Promise<ImportFileError> {
  try {
    await readAll(source, format);
  } catch (error) {
    if (error instanceof ImportFileError) return error;
    throw error;
  }
  throw new Error('the file was read without an error');
}

describe('CSV', () => {
  it('reads a semicolon file with a byte-order mark, comma decimals and Excel trailing empty columns', async () => {
    const { header, rows, end } = await readFixture('incidents-semicolon-bom.csv', 'csv');
    expect(header).toEqual({
      type: 'header',
      format: 'csv',
      unit: 'row',
      delimiter: ';',
      columns: ['Tanggal', 'Waktu', 'Kategori', 'Lintang', 'Bujur', 'Kelurahan', 'Kecamatan', 'Organisasi'],
    });
    // Row 5 is empty (only delimiters): skipped, but the rows after it keep their spreadsheet numbers.
    expect(rows.map((row) => row.row)).toEqual([2, 3, 4, 6]);
    expect(rows[0]?.values).toMatchObject({
      Tanggal: '14/03/2025',
      Lintang: '-6,215885',
      Bujur: '106,861278',
    });
    expect(rows[2]?.values.Kelurahan).toBe('palmeriam');
    expect(rows.every((row) => row.errors.length === 0)).toBe(true);
    expect(end).toEqual({ type: 'end', rows: 4, skipped: { empty_row: 1 } });
  });

  it('reads an Excel export: CRLF, quoted cells with delimiters, doubled quotes and a line break', async () => {
    const { header, rows } = await readFixture('venues-excel-crlf.csv', 'csv');
    expect(header.delimiter).toBe(',');
    expect(header.columns).toEqual(['kind', 'name', 'latitude', 'longitude', 'source_id']);
    expect(rows.map((row) => [row.row, row.values.name])).toEqual([
      [2, 'Hotel "Melati", Kampung Melayu'],
      [3, 'Wisma Sejahtera\r\nLantai 2'],
      [5, 'SMP Contoh'],
      [6, 'Kost Contoh'],
    ]);
    expect(rows[2]?.values.latitude).toBe('-6.203448');
  });

  it('gives a row with filled cells beyond the header an error naming the row', async () => {
    const { rows } = await readFixture('venues-excel-crlf.csv', 'csv');
    expect(rows.find((row) => row.row === 6)?.errors).toEqual([
      expect.objectContaining({
        row: 6,
        column: null,
        code: 'extra_cells',
        message: expect.stringMatching(/^Row 6: /),
      }),
    ]);
  });

  it('refuses a file that is not UTF-8, naming the first bad line', async () => {
    const error = await readError(createReadStream(fixture('incidents-broken-utf8.csv')), 'csv');
    expect(error.code).toBe('invalid_utf8');
    expect(error.message).toMatch(/^Line 4 is not valid UTF-8/);
    expect(error.message).toContain('CSV UTF-8');
  });

  it('names the same bad line when the bytes arrive one at a time', async () => {
    const error = await readError(byteByByte(readFileSync(fixture('incidents-broken-utf8.csv'))), 'csv');
    expect(error.message).toMatch(/^Line 4 /);
  });

  it('decodes characters split across chunks, and a byte-order mark split too', async () => {
    const text = '\uFEFFnama;kelurahan\r\nKafé Ñusa “Satu”;Cipinang\r\n';
    const events = await readAll(byteByByte(new TextEncoder().encode(text)), 'csv');
    expect(events[0]).toMatchObject({ columns: ['nama', 'kelurahan'], delimiter: ';' });
    expect(events[1]).toMatchObject({ row: 2, values: { nama: 'Kafé Ñusa “Satu”', kelurahan: 'Cipinang' } });
  });

  it('names a bad last line that ends inside a character', async () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('a,b\n1,2\n3,'), 0xe2, 0x82]);
    expect((await readError(byteByByte(bytes), 'csv')).message).toMatch(/^Line 3 /);
  });

  it('refuses an empty file, a header naming a column twice and an unclosed quote', async () => {
    expect((await readError([], 'csv')).code).toBe('empty_file');
    const twice = await readError([new TextEncoder().encode('tanggal,Tanggal\n1,2\n')], 'csv');
    expect(twice.code).toBe('duplicate_column');
    const unclosed = await readError([new TextEncoder().encode('a,b\n1,"2\n3,4\n')], 'csv');
    expect(unclosed.code).toBe('invalid_csv');
  });

  it('takes the comma when the header has neither delimiter, or both with more commas', async () => {
    const single = await readAll([new TextEncoder().encode('kelurahan\nCipinang\n')], 'csv');
    expect(single[0]).toMatchObject({ delimiter: ',', columns: ['kelurahan'] });
    const quoted = await readAll([new TextEncoder().encode('"a;b",c,d\n1,2,3\n')], 'csv');
    expect(quoted[0]).toMatchObject({ delimiter: ',', columns: ['a;b', 'c', 'd'] });
  });
});

describe('stopping early', () => {
  it('stops pulling the upload and lets it close when the reader is left after the first row', async () => {
    const state = { pulled: 0, closed: false };
    async function* upload(): AsyncGenerator<Uint8Array> {
      try {
        yield new TextEncoder().encode('kelurahan,kategori\n');
        for (; state.pulled < 1_000; state.pulled++)
          yield new TextEncoder().encode('Cipinang,other\n'.repeat(100));
      } finally {
        state.closed = true;
      }
    }
    for await (const event of readRows(upload(), 'csv')) if (event.type === 'row') break;
    for (let wait = 0; wait < 50 && !state.closed; wait++)
      await new Promise((resolve) => setTimeout(resolve, 10));
    expect(state.closed).toBe(true);
    // Stream buffers read a few chunks ahead (16 at most in object mode), never the whole upload.
    expect(state.pulled).toBeLessThan(50);
  });
});

describe('GeoJSON', () => {
  it('reads features as rows: properties are columns, the Point geometry is the point', async () => {
    const { events, header, rows, end } = await readFixture('incidents.geojson', 'geojson');
    expect(header).toMatchObject({
      unit: 'feature',
      columns: ['tanggal', 'kategori', 'organisasi'],
      delimiter: null,
    });
    expect(rows.map((row) => row.row)).toEqual([1, 2, 3, 4]);
    expect(rows[0]?.point).toEqual({ lng: 106.861278, lat: -6.215885 });
    expect(rows[1]?.point).toBeNull();
    expect(rows[2]?.errors.map((error) => [error.code, error.message])).toEqual([
      ['not_a_point', 'Feature 3: has a Polygon geometry; only points can be imported'],
    ]);
    expect(end).toEqual({ type: 'end', rows: 4, skipped: {} });
    // A property first seen in feature 2 is announced before that feature's row.
    const announced = events.findIndex((event) => event.type === 'columns');
    expect(events[announced]).toEqual({
      type: 'columns',
      row: 2,
      columns: ['tanggal', 'kategori', 'organisasi', 'kelurahan'],
      added: ['kelurahan'],
    });
    expect(events[announced + 1]).toMatchObject({ type: 'row', row: 2 });
  });

  it('refuses JSON that is not a FeatureCollection, and text that is not JSON', async () => {
    const feature = JSON.stringify({ type: 'Feature', properties: {}, geometry: null });
    expect((await readError([new TextEncoder().encode(feature)], 'geojson')).code).toBe(
      'not_a_feature_collection',
    );
    expect(
      (await readError([new TextEncoder().encode('{"type": "FeatureCollection", "features": [')], 'geojson'))
        .code,
    ).toBe('invalid_json');
  });
});

describe('OpenStreetMap', () => {
  it('maps Overpass elements to venue rows with their OSM ids, ways by their centre', async () => {
    const { header, rows, end } = await readFixture('venues-overpass.json', 'osm');
    expect(header).toMatchObject({
      format: 'osm',
      unit: 'element',
      columns: ['kind', 'name', 'source', 'source_id'],
    });
    expect(rows.map((row) => [row.row, row.values.kind, row.values.source_id, row.values.name])).toEqual([
      [1, 'hotel', 'node/1001', 'Hotel Contoh'],
      [2, 'school', 'node/1002', 'SD Negeri Contoh'],
      [3, 'guest_house', 'way/2001', 'Motel Contoh'],
      [8, 'karaoke_nightlife', 'relation/3001', ''],
      [9, 'massage_parlour', 'node/1006', 'Pijat Contoh'],
    ]);
    expect(rows[2]?.point).toEqual({ lng: 106.916053, lat: -6.203448 });
    // Untagged and unmapped elements, a way without centre and a bar outside the city are skipped and counted.
    expect(end.skipped).toEqual({ no_venue_tag: 2, no_centre: 1, outside_city: 1 });
    // Other tags (phone, address) never become columns.
    expect(rows.every((row) => Object.keys(row.values).join() === 'kind,name,source,source_id')).toBe(true);
  });

  it('maps OSM GeoJSON exports: @id and osmtogeojson ids, building outlines by their centroid', async () => {
    const { rows, end } = await readFixture('venues-osm.geojson', 'osm');
    expect(rows.map((row) => [row.values.kind, row.values.source_id])).toEqual([
      ['guest_house', 'node/1001'],
      ['kost', 'way/2001'],
      ['internet_cafe', 'node/1007'],
    ]);
    expect(rows[1]?.point?.lng).toBeCloseTo(106.916, 6);
    expect(rows[1]?.point?.lat).toBeCloseTo(-6.2035, 6);
    expect(end.skipped).toEqual({ no_venue_tag: 1 });
  });

  it('maps every tag SOURCES.md names to a venue kind, lodging before the rest', () => {
    const named = [
      'tourism=hotel', 'tourism=guest_house', 'tourism=hostel', 'tourism=motel', 'tourism=apartment',
      'amenity=school', 'amenity=internet_cafe', 'amenity=nightclub', 'amenity=bar', 'leisure=adult_gaming_centre',
      'amenity=karaoke_box', 'shop=massage', 'building=dormitory',
    ]; // prettier-ignore
    const kinds = named.map((tag) => {
      const [key = '', value = ''] = tag.split('=');
      return osmVenueKind({ [key]: value });
    });
    expect(kinds).toEqual([
      'hotel', 'guest_house', 'guest_house', 'guest_house', 'apartment', 'school', 'internet_cafe',
      'karaoke_nightlife', 'karaoke_nightlife', 'karaoke_nightlife', 'karaoke_nightlife', 'massage_parlour', 'kost',
    ]); // prettier-ignore
    expect(OSM_VENUE_TAGS.every((rule) => (VENUE_KINDS as readonly string[]).includes(rule.kind))).toBe(true);
    expect(osmVenueKind({ amenity: 'bar', tourism: 'hotel' })).toBe('hotel');
    expect(osmVenueKind({ amenity: 'restaurant;bar' })).toBe('karaoke_nightlife');
    expect(osmVenueKind({ amenity: 'restaurant', name: 'Hotel Bukan' })).toBeNull();
  });

  it('refuses JSON that is neither Overpass JSON nor GeoJSON', async () => {
    expect((await readError([new TextEncoder().encode('{"version": 0.6}')], 'osm')).code).toBe(
      'not_a_feature_collection',
    );
  });
});
