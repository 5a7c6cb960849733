// Property: any valid set of incidents or venues, written as a CSV the way partners write them (comma or semicolon,
// either decimal mark, any accepted header name in any order and case, names in either spelling, with or without
// BOM, CRLF or LF, arriving in chunks of any size), reads back and maps to exactly the records written.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COLUMN_SETS } from '@titik-rawan/server/imports/columns';
import { loadKelurahanLocator } from '@titik-rawan/server/imports/kelurahan-at';
import {
  findKelurahan,
  loadAreaNames,
  type KelurahanName,
} from '@titik-rawan/server/imports/kelurahan-names';
import {
  rowMapper,
  type ImportRecords,
  type IncidentRecord,
  type VenueRecord,
} from '@titik-rawan/server/imports/map-row';
import { readRows } from '@titik-rawan/server/imports/read-rows';
import type { ImportKind } from '@titik-rawan/server/imports/rows';
import { INCIDENT_CATEGORIES, VENUE_KINDS, type KelurahanCode } from '@titik-rawan/shared';
import { TIME_BANDS } from '@titik-rawan/shared/codes';
import { pointArb } from './generate';

const names = loadAreaNames();
const locator = loadKelurahanLocator();
const TODAY = '2026-01-01';

/** How the file is written: delimiter, decimal mark, line end, BOM, chunk size, header spelling. */
interface Dialect {
  delimiter: ',' | ';';
  decimalComma: boolean;
  lineEnd: '\n' | '\r\n';
  bom: boolean;
  chunkSize: number;
  upperHeader: boolean;
}

const dialectArb: fc.Arbitrary<Dialect> = fc
  .record({
    delimiter: fc.constantFrom(',' as const, ';' as const),
    decimalComma: fc.boolean(),
    lineEnd: fc.constantFrom('\n' as const, '\r\n' as const),
    bom: fc.boolean(),
    chunkSize: fc.integer({ min: 1, max: 200 }),
    upperHeader: fc.boolean(),
  })
  // Semicolon files from Excel in Indonesian settings use the decimal comma.
  .map((dialect) => (dialect.delimiter === ';' ? { ...dialect, decimalComma: true } : dialect));

/** A kelurahan written as code, Dukcapil code, or official/common name in odd case and spacing, maybe with kecamatan. */
const kelurahanTextArb: fc.Arbitrary<{ entry: KelurahanName; kelurahan: string; kecamatan: string }> = fc
  .record({
    entry: fc.constantFrom(...names.kelurahan),
    form: fc.constantFrom('code', 'dukcapil', 'name', 'common', 'squashed'),
    upper: fc.boolean(),
    withKecamatan: fc.boolean(),
  })
  .map(({ entry, form, upper, withKecamatan }) => {
    const text =
      form === 'code'
        ? entry.code
        : form === 'dukcapil'
          ? entry.dukcapilCode
          : form === 'name'
            ? entry.name
            : form === 'common'
              ? `  ${entry.commonName}`
              : entry.commonName.replace(/ /g, '');
    const ambiguous = 'code' in findKelurahan(names, entry.commonName, '');
    return {
      entry,
      kelurahan: upper ? text.toUpperCase() : text.toLowerCase(),
      kecamatan:
        withKecamatan || (ambiguous && form !== 'code' && form !== 'dukcapil') ? entry.kecamatan : '',
    };
  });

const dayArb = fc
  .integer({ min: 0, max: 9_000 })
  .map((days) => new Date(Date.UTC(2000, 0, 1) + days * 86_400_000));

/** One incident as written (cells by canonical field) and the record it must map to (without row). */
const incidentArb = fc
  .record({
    day: dayArb,
    dayFirst: fc.boolean(),
    timeBand: fc.option(fc.constantFrom(...TIME_BANDS), { nil: null }),
    category: fc.constantFrom(...INCIDENT_CATEGORIES),
    location: fc.oneof(
      pointArb.map((point) => ({ point })),
      kelurahanTextArb,
    ),
    organisation: fc.constantFrom('upt-pppa', 'POLRES-PPA', 'lsm_pendamping'),
  })
  .map((incident) => {
    const iso = incident.day.toISOString().slice(0, 10);
    const [year, month, day] = iso.split('-');
    const located =
      'point' in incident.location
        ? {
            point: incident.location.point,
            kelurahanCode: locator.kelurahanAt(
              incident.location.point.lng,
              incident.location.point.lat,
            ) as KelurahanCode,
          }
        : { point: null, kelurahanCode: incident.location.entry.code };
    const cells: Record<string, string | number> = {
      occurred_on: incident.dayFirst ? `${day}/${month}/${year}` : iso,
      time_band: incident.timeBand ?? '',
      category: incident.category,
      organisation: incident.organisation,
      ...('point' in incident.location
        ? { latitude: incident.location.point.lat, longitude: incident.location.point.lng }
        : { kelurahan: incident.location.kelurahan, kecamatan: incident.location.kecamatan }),
    };
    const record: Omit<IncidentRecord, 'row'> = {
      occurredOn: iso,
      timeBand: incident.timeBand,
      category: incident.category,
      ...located,
      organisationCode: incident.organisation.toLowerCase(),
    };
    return { cells, record };
  });

/** Venue names with the characters that need quoting: delimiters, quotes, spaces, accents. */
const venueNameArb = fc
  .array(fc.constantFrom('a', 'B', 'é', ' ', ',', ';', '"', "'", '1', '-', '&'), { maxLength: 24 })
  .map((chars) => chars.join(''));

const venueArb = fc
  .record({
    kind: fc.constantFrom(...VENUE_KINDS),
    name: venueNameArb,
    point: pointArb,
    id: fc.option(fc.stringMatching(/^[a-z0-9-]{1,12}$/), { nil: null }),
  })
  .map((venue) => {
    const cells: Record<string, string | number> = {
      kind: venue.kind,
      name: venue.name,
      latitude: venue.point.lat,
      longitude: venue.point.lng,
      source_id: venue.id ?? '',
    };
    const record: Omit<VenueRecord, 'row'> = {
      kind: venue.kind,
      name: venue.name.trim().replace(/\s+/g, ' '),
      point: venue.point,
      kelurahanCode: locator.kelurahanAt(venue.point.lng, venue.point.lat) as KelurahanCode,
      source: 'partner',
      sourceId: venue.id ?? `${venue.kind}@${venue.point.lat.toFixed(6)},${venue.point.lng.toFixed(6)}`,
    };
    return { cells, record };
  });

function cellText(value: string | number, dialect: Dialect): string {
  const text = typeof value === 'number' ? value.toFixed(6) : value;
  const written = typeof value === 'number' && dialect.decimalComma ? text.replace('.', ',') : text;
  return /[",;\r\n]/.test(written) || written !== written.trim()
    ? `"${written.replaceAll('"', '""')}"`
    : written;
}

/** Writes rows as CSV bytes in the dialect, with one accepted header name per field (chosen by `aliasPicks`). */
function writeCsv(
  kind: ImportKind,
  rows: Record<string, string | number>[],
  dialect: Dialect,
  aliasPicks: number[],
  order: number[],
): Uint8Array {
  const specs = order.map((index) => COLUMN_SETS[kind][index]).filter((spec) => spec !== undefined);
  const header = specs.map((spec, index) => {
    const alias = spec.aliases[(aliasPicks[index] ?? 0) % spec.aliases.length] ?? spec.name;
    return cellText(dialect.upperHeader ? alias.toUpperCase() : alias, dialect);
  });
  const lines = [
    header.join(dialect.delimiter),
    ...rows.map((row) =>
      specs.map((spec) => cellText(row[spec.name] ?? '', dialect)).join(dialect.delimiter),
    ),
  ];
  return new TextEncoder().encode(
    `${dialect.bom ? '\uFEFF' : ''}${lines.join(dialect.lineEnd)}${dialect.lineEnd}`,
  );
}

async function* inChunks(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

async function readBack<K extends ImportKind>(kind: K, bytes: Uint8Array, chunkSize: number) {
  const records: ImportRecords[K][] = [];
  const errors: string[] = [];
  let mapper: ReturnType<typeof rowMapper<K>> | null = null;
  for await (const event of readRows(inChunks(bytes, chunkSize), 'csv')) {
    if (event.type === 'header') {
      mapper = rowMapper(kind, event.columns, 'csv', { today: TODAY });
      errors.push(...mapper.plan.problems.map((problem) => problem.message), ...mapper.plan.unknown);
    } else if (event.type === 'row' && mapper) {
      const result = mapper.mapRow(event);
      if (result.ok) records.push(result.record);
      else errors.push(...result.errors.map((error) => error.message));
    }
  }
  return { records, errors };
}

/** A permutation of a column set's indices and one alias pick per column. */
function headerArb(kind: ImportKind) {
  const count = COLUMN_SETS[kind].length;
  const indices = Array.from({ length: count }, (_, index) => index);
  return fc.record({
    order: fc.shuffledSubarray(indices, { minLength: count, maxLength: count }),
    aliasPicks: fc.array(fc.nat(20), { minLength: count, maxLength: count }),
  });
}

describe('CSV round trip', () => {
  it('valid incidents, written in any dialect, map back to the same records', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(incidentArb, { minLength: 1, maxLength: 15 }),
        dialectArb,
        headerArb('incidents'),
        async (incidents, dialect, header) => {
          const bytes = writeCsv(
            'incidents',
            incidents.map((incident) => incident.cells),
            dialect,
            header.aliasPicks,
            header.order,
          );
          const { records, errors } = await readBack('incidents', bytes, dialect.chunkSize);
          expect(errors).toEqual([]);
          expect(records).toEqual(
            incidents.map((incident, index) => ({ row: index + 2, ...incident.record })),
          );
        },
      ),
      { numRuns: 150 },
    );
  });

  it('valid venues, with names that need quoting, map back to the same records', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(venueArb, { minLength: 1, maxLength: 15 }),
        dialectArb,
        headerArb('venues'),
        async (venues, dialect, header) => {
          const bytes = writeCsv(
            'venues',
            venues.map((venue) => venue.cells),
            dialect,
            header.aliasPicks,
            header.order,
          );
          const { records, errors } = await readBack('venues', bytes, dialect.chunkSize);
          expect(errors).toEqual([]);
          expect(records).toEqual(venues.map((venue, index) => ({ row: index + 2, ...venue.record })));
        },
      ),
      { numRuns: 150 },
    );
  });
});
