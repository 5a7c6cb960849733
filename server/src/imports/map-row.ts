// One read row to one typed record ready for the database, or to every error of the row. Columns are resolved
// once per file (columns.ts); the location rules are shared by all kinds; dates and time bands are read by dates.ts;
// personal data is not checked here but on the header and the cells before mapping (pii.ts).
import {
  INCIDENT_CATEGORIES,
  INTERVENTION_KINDS,
  VENUE_KINDS,
  type IncidentCategory,
  type InterventionKind,
  type KelurahanCode,
  type VenueKind,
} from '@titik-rawan/shared';
import type { TimeBand } from '@titik-rawan/shared/codes';
import { planColumns, type ColumnPlan } from './columns';
import { readDate, readTimeBand, reconcileTimeBands } from './dates';
import { loadKelurahanLocator, type KelurahanLocator } from './kelurahan-at';
import { findKecamatan, findKelurahan, loadAreaNames, type AreaNames } from './kelurahan-names';
import {
  rowError,
  type ImportFormat,
  type ImportKind,
  type ImportRow,
  type Point,
  type RowError,
  type AnyRowErrorCode,
} from './rows';

/** What mapping needs beyond the row; every field is optional. */
export interface MapOptions {
  /** Today in Jakarta (YYYY-MM-DD): later dates are refused. Defaults to the current date. */
  today?: string;
  /** Organisation of rows that leave the organisation empty (the batch's organisation); none by default. */
  defaultOrganisation?: string;
  /** Codes of known organisations; when given, other codes are row errors. */
  organisations?: ReadonlySet<string>;
}

/** An incident ready to insert: the point is null when only the kelurahan is known. */
export interface IncidentRecord {
  row: number;
  occurredOn: string;
  timeBand: TimeBand | null;
  category: IncidentCategory;
  point: Point | null;
  kelurahanCode: KelurahanCode;
  organisationCode: string;
}

/** A venue ready to upsert on (source, sourceId); `name` is empty when the file gives none. */
export interface VenueRecord {
  row: number;
  kind: VenueKind;
  name: string;
  point: Point;
  kelurahanCode: KelurahanCode;
  source: 'osm' | 'partner';
  sourceId: string;
}

/**
 * An intervention ready to insert. `venue` names a venue by its source id, for the writer to look up; the
 * kelurahan is null only when the row gives a venue and no other location (the venue's kelurahan applies).
 */
export interface InterventionRecord {
  row: number;
  kind: InterventionKind;
  startedOn: string;
  organisationCode: string;
  venue: { source: 'osm' | 'partner'; sourceId: string } | null;
  point: Point | null;
  kelurahanCode: KelurahanCode | null;
}

/** The record type of each import kind. */
export interface ImportRecords {
  incidents: IncidentRecord;
  venues: VenueRecord;
  interventions: InterventionRecord;
}

/** A row mapped: the record, or every error found in the row. */
export type MapResult<R> = { ok: true; record: R } | { ok: false; errors: RowError[] };

/** Maps the rows of one file of one kind; made once per file by `rowMapper`. */
export interface RowMapper<K extends ImportKind> {
  /** How the file's header maps onto the kind's fields (unknown columns, header problems). */
  plan: ColumnPlan;
  /** The row as a record, or every error of the row (the reader's own errors included). */
  mapRow(row: ImportRow): MapResult<ImportRecords[K]>;
}

const ORGANISATION_CODE = /^[a-z0-9_-]{2,40}$/;
const OSM_ID = /^(node|way|relation)\/\d+$/;
const MAX_SOURCE_ID_LENGTH = 200;

/** A decimal number as written in a cell, with a point or a comma as decimal mark (`-6,2253`), or null. */
export function parseDecimal(text: string): number | null {
  const cleaned = text.trim().replace(/\u2212/g, '-');
  return /^[+-]?\d+([.,]\d+)?$/.test(cleaned) ? Number(cleaned.replace(',', '.')) : null;
}

/** A code cell compared loosely: `Online Solicitation` and `online-solicitation` both read `online_solicitation`. */
function codeKey(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

/** Collects a row's errors with its unit and number filled in. */
class RowErrors {
  readonly list: RowError[];
  constructor(private readonly row: ImportRow) {
    this.list = [...row.errors];
  }
  add(column: string | null, code: AnyRowErrorCode, problem: string): void {
    this.list.push(rowError(this.row.unit, this.row.row, column, code, problem));
  }
}

/** A row's cells by field name. */
interface Cells {
  /** The trimmed text of a field's cell, or '' when the file has no such column. */
  text(field: string): string;
  /** The column of a field as written in the file, or the field's name when the file has none. */
  column(field: string): string;
}

function cellsOf(plan: ColumnPlan, row: ImportRow): Cells {
  return {
    text: (field) => {
      const column = plan.fields[field];
      return column === undefined ? '' : (row.values[column] ?? '').trim();
    },
    column: (field) => plan.fields[field] ?? field,
  };
}

function readCode<T extends string>(
  list: readonly T[],
  text: string,
  errors: RowErrors,
  column: string,
  what: string,
): T | null {
  if (text === '') {
    errors.add(column, 'missing_value', `${what} is empty; use one of ${list.join(', ')}`);
    return null;
  }
  const code = list.find((candidate) => candidate === codeKey(text));
  if (code === undefined)
    errors.add(column, 'not_in_list', `"${text}" is not a ${what}; use one of ${list.join(', ')}`);
  return code ?? null;
}

/** A date cell read by dates.ts: the day and the band of any time of day in it, or null after an error. */
function readDay(
  text: string,
  options: MapOptions,
  errors: RowErrors,
  column: string,
): { date: string; timeBand: TimeBand | null } | null {
  const reading = readDate(text, options.today);
  if (!reading.ok) {
    errors.add(column, reading.code, reading.problem);
    return null;
  }
  return reading;
}

function readOrganisation(
  text: string,
  options: MapOptions,
  errors: RowErrors,
  column: string,
): string | null {
  const code = text === '' ? (options.defaultOrganisation ?? '') : text.toLowerCase();
  if (code === '') {
    errors.add(
      column,
      'missing_value',
      'the organisation is empty and the import has no default organisation',
    );
    return null;
  }
  if (!ORGANISATION_CODE.test(code)) {
    errors.add(
      column,
      'invalid_organisation',
      `"${text}" is not an organisation code (lower-case letters, digits, - or _)`,
    );
    return null;
  }
  if (options.organisations && !options.organisations.has(code)) {
    errors.add(
      column,
      'unknown_organisation',
      `no organisation has the code "${code}"; ask an admin to add it first`,
    );
    return null;
  }
  return code;
}

/** The geography every row is checked against, loaded once. */
interface Geography {
  names: AreaNames;
  locator: KelurahanLocator;
}

/** The point of a row, from its geometry or its latitude/longitude cells, checked to lie in East Jakarta. */
function readPoint(
  row: ImportRow,
  cells: Cells,
  geography: Geography,
  errors: RowErrors,
): { point: Point; kelurahan: KelurahanCode } | null | 'invalid' {
  const latText = cells.text('latitude');
  const lngText = cells.text('longitude');
  const latColumn = cells.column('latitude');
  const lngColumn = cells.column('longitude');
  let point: Point | null = row.point;
  if (latText !== '' || lngText !== '') {
    if (latText === '' || lngText === '') {
      const [empty, filled] = latText === '' ? [latColumn, lngColumn] : [lngColumn, latColumn];
      errors.add(empty, 'incomplete_point', `is empty while ${filled} is filled; give both or neither`);
      return 'invalid';
    }
    const lat = parseDecimal(latText);
    const lng = parseDecimal(lngText);
    if (lat !== null && lng !== null && geography.locator.kelurahanAt(lat, lng) !== null) {
      errors.add(
        latColumn,
        'coordinates_swapped',
        `the point (${latText}, ${lngText}) has latitude and longitude swapped`,
      );
      return 'invalid';
    }
    if (lat === null || lat < -90 || lat > 90)
      errors.add(
        latColumn,
        'invalid_number',
        `"${latText}" is not a latitude in decimal degrees (such as -6.2253)`,
      );
    if (lng === null || lng < -180 || lng > 180)
      errors.add(
        lngColumn,
        'invalid_number',
        `"${lngText}" is not a longitude in decimal degrees (such as 106.8701)`,
      );
    if (lat === null || lng === null || Math.abs(lat) > 90 || Math.abs(lng) > 180) return 'invalid';
    if (point !== null && (Math.abs(point.lat - lat) > 1e-7 || Math.abs(point.lng - lng) > 1e-7)) {
      errors.add(
        latColumn,
        'conflicting_point',
        'the latitude and longitude differ from the geometry; keep one of them',
      );
      return 'invalid';
    }
    point = { lng, lat };
  }
  if (point === null) return null;
  const column = row.point !== null && latText === '' ? 'geometry' : latColumn;
  const kelurahan = geography.locator.kelurahanAt(point.lng, point.lat);
  if (kelurahan !== null) return { point, kelurahan };
  const where = `${point.lat}, ${point.lng}`;
  if (geography.locator.kelurahanAt(point.lat, point.lng) !== null) {
    errors.add(
      column,
      'coordinates_swapped',
      `the geometry's point (${where}) has longitude and latitude swapped`,
    );
  } else if (geography.locator.kelurahanAt(point.lng, -point.lat) !== null) {
    errors.add(
      column,
      'outside_city',
      `the point (${where}) lies outside East Jakarta; the latitude may lack its minus sign`,
    );
  } else {
    errors.add(column, 'outside_city', `the point (${where}) lies outside East Jakarta`);
  }
  return 'invalid';
}

/**
 * The location of a row: its point (if any) and its kelurahan, from the point, from the kelurahan cell (code
 * or name, with the kecamatan for ambiguous names), or both, which must agree. Null when the row gives neither
 * (the caller decides whether that is allowed); 'invalid' when an error was recorded.
 */
function readLocation(
  row: ImportRow,
  cells: Cells,
  geography: Geography,
  errors: RowErrors,
): { point: Point | null; kelurahan: KelurahanCode } | null | 'invalid' {
  const located = readPoint(row, cells, geography, errors);
  const kelurahanText = cells.text('kelurahan');
  const kecamatanText = cells.text('kecamatan');
  if (kelurahanText === '') {
    if (kecamatanText !== '' && located !== 'invalid' && located !== null) {
      const kecamatan = findKecamatan(geography.names, kecamatanText);
      const actual = geography.names.byCode.get(located.kelurahan);
      if (kecamatan === null) {
        errors.add(
          cells.column('kecamatan'),
          'unknown_kecamatan',
          `"${kecamatanText}" is not a kecamatan of East Jakarta`,
        );
        return 'invalid';
      }
      if (actual && actual.kecamatanCode !== kecamatan.code) {
        errors.add(
          cells.column('kecamatan'),
          'location_mismatch',
          `the point lies in kecamatan ${actual.kecamatan}, not in ${kecamatan.commonName}; correct one of them`,
        );
        return 'invalid';
      }
    }
    if (kecamatanText !== '' && located === null) {
      errors.add(
        cells.column('kelurahan'),
        'no_location',
        'a kecamatan alone is too coarse; give the kelurahan or a point',
      );
      return 'invalid';
    }
    return located;
  }
  const named = findKelurahan(geography.names, kelurahanText, kecamatanText);
  if ('code' in named) {
    const column = named.code === 'unknown_kecamatan' ? cells.column('kecamatan') : cells.column('kelurahan');
    errors.add(column, named.code, named.problem);
    return 'invalid';
  }
  if (located === 'invalid') return 'invalid';
  if (located !== null && located.kelurahan !== named.kelurahan.code) {
    const actual = geography.names.byCode.get(located.kelurahan);
    errors.add(
      cells.column('kelurahan'),
      'location_mismatch',
      `the point lies in kelurahan ${actual?.commonName ?? located.kelurahan}, not in ${named.kelurahan.commonName}; ` +
        'correct one of them',
    );
    return 'invalid';
  }
  return { point: located?.point ?? null, kelurahan: named.kelurahan.code };
}

function noLocation(row: ImportRow, errors: RowErrors, cells: Cells, ways: string): 'invalid' {
  // A JSON feature gives its point as geometry; a CSV row in latitude and longitude columns.
  const column = row.unit === 'row' ? cells.column('latitude') : 'geometry';
  errors.add(column, 'no_location', `the row has no location; give ${ways}`);
  return 'invalid';
}

type KindMapper<K extends ImportKind> = (
  row: ImportRow,
  cells: Cells,
  errors: RowErrors,
  geography: Geography,
  options: MapOptions,
) => ImportRecords[K] | null;

const mapIncident: KindMapper<'incidents'> = (row, cells, errors, geography, options) => {
  const day = readDay(cells.text('occurred_on'), options, errors, cells.column('occurred_on'));
  const band = readTimeBand(cells.text('time_band'));
  let timeBand: TimeBand | null = null;
  if (!band.ok) errors.add(cells.column('time_band'), band.code, band.problem);
  else if (day !== null) {
    const reconciled = reconcileTimeBands(day.timeBand, band.timeBand);
    if (reconciled.ok) timeBand = reconciled.timeBand;
    else errors.add(cells.column('time_band'), reconciled.code, reconciled.problem);
  }
  const category = readCode(
    INCIDENT_CATEGORIES,
    cells.text('category'),
    errors,
    cells.column('category'),
    'category',
  );
  let location = readLocation(row, cells, geography, errors);
  if (location === null)
    location = noLocation(row, errors, cells, 'latitude and longitude, or the kelurahan');
  const organisationCode = readOrganisation(
    cells.text('organisation'),
    options,
    errors,
    cells.column('organisation'),
  );
  if (day === null || category === null || location === 'invalid' || organisationCode === null) return null;
  return {
    row: row.row,
    occurredOn: day.date,
    timeBand,
    category,
    point: location.point,
    kelurahanCode: location.kelurahan,
    organisationCode,
  };
};

const mapVenue: KindMapper<'venues'> = (row, cells, errors, geography) => {
  const kind = readCode(VENUE_KINDS, cells.text('kind'), errors, cells.column('kind'), 'venue kind');
  let location = readLocation(row, cells, geography, errors);
  if (location === null || (location !== 'invalid' && location.point === null)) {
    location = noLocation(row, errors, cells, 'its latitude and longitude (a venue needs a point)');
  }
  const sourceText = codeKey(cells.text('source'));
  const source =
    sourceText === '' ? 'partner' : sourceText === 'osm' || sourceText === 'partner' ? sourceText : null;
  if (source === null) {
    errors.add(
      cells.column('source'),
      'invalid_source',
      `"${cells.text('source')}" is not a source; use partner or osm`,
    );
  }
  let sourceId: string | null = cells.text('source_id');
  if (source === 'osm' && !OSM_ID.test(sourceId)) {
    errors.add(
      cells.column('source_id'),
      'invalid_source',
      `"${sourceId}" is not an OpenStreetMap id such as node/123`,
    );
    sourceId = null;
  } else if (sourceId.length > MAX_SOURCE_ID_LENGTH) {
    errors.add(
      cells.column('source_id'),
      'invalid_source',
      `the id is longer than ${MAX_SOURCE_ID_LENGTH} characters`,
    );
    sourceId = null;
  }
  if (
    kind === null ||
    location === 'invalid' ||
    location.point === null ||
    source === null ||
    sourceId === null
  )
    return null;
  const { point } = location;
  return {
    row: row.row,
    kind,
    name: cells.text('name').replace(/\s+/g, ' '),
    point,
    kelurahanCode: location.kelurahan,
    source,
    // Without an id, the kind and the point identify the venue, so importing the list again updates it.
    sourceId: sourceId !== '' ? sourceId : `${kind}@${point.lat.toFixed(6)},${point.lng.toFixed(6)}`,
  };
};

const mapIntervention: KindMapper<'interventions'> = (row, cells, errors, geography, options) => {
  const kind = readCode(
    INTERVENTION_KINDS,
    cells.text('kind'),
    errors,
    cells.column('kind'),
    'intervention kind',
  );
  // An intervention keeps its day only: a time of day in the cell is dropped.
  const startedOn =
    readDay(cells.text('started_on'), options, errors, cells.column('started_on'))?.date ?? null;
  const organisationCode = readOrganisation(
    cells.text('organisation'),
    options,
    errors,
    cells.column('organisation'),
  );
  const venueText = cells.text('venue');
  const venue =
    venueText === ''
      ? null
      : { source: OSM_ID.test(venueText) ? ('osm' as const) : ('partner' as const), sourceId: venueText };
  let location = readLocation(row, cells, geography, errors);
  if (location === null && venue === null) {
    location = noLocation(row, errors, cells, 'latitude and longitude, the kelurahan, or the venue');
  }
  if (kind === null || startedOn === null || organisationCode === null || location === 'invalid') return null;
  return {
    row: row.row,
    kind,
    startedOn,
    organisationCode,
    venue,
    point: location?.point ?? null,
    kelurahanCode: location?.kelurahan ?? null,
  };
};

const KIND_MAPPERS: { [K in ImportKind]: KindMapper<K> } = {
  incidents: mapIncident,
  venues: mapVenue,
  interventions: mapIntervention,
};

/**
 * A mapper for the rows of one file: resolves the header against the kind's column set once, then maps each
 * row to its record or to every error of the row (never just the first). Rows of a file whose plan has
 * problems still map, so a preview can show them, but such a file must not be imported.
 */
export function rowMapper<K extends ImportKind>(
  kind: K,
  columns: readonly string[],
  format: ImportFormat,
  options: MapOptions,
): RowMapper<K> {
  const plan = planColumns(kind, columns, format);
  const geography: Geography = { names: loadAreaNames(), locator: loadKelurahanLocator() };
  const mapKind = KIND_MAPPERS[kind];
  return {
    plan,
    mapRow(row) {
      const errors = new RowErrors(row);
      const record = mapKind(row, cellsOf(plan, row), errors, geography, options);
      return record !== null && errors.list.length === 0
        ? { ok: true, record }
        : { ok: false, errors: errors.list };
    },
  };
}
