// What reading an import file yields: a header, then rows of text cells with their row number, then a summary;
// and the two kinds of problem an import can have: a whole-file error (thrown) and a row error (collected).
import type { DateErrorCode } from './dates';
import type { PiiValueCode } from './pii';

export { IMPORT_FORMATS, IMPORT_KINDS, type ImportFormat, type ImportKind } from '@titik-rawan/shared/codes';
import type { ImportFormat } from '@titik-rawan/shared/codes';

/**
 * What a row number counts: spreadsheet rows of a CSV (the header is row 1, the first data row is row 2),
 * features of a GeoJSON file or elements of an OpenStreetMap export (the first is 1).
 */
export type RowUnit = 'row' | 'feature' | 'element';

/** A position in degrees (WGS84). */
export interface Point {
  lng: number;
  lat: number;
}

/** Stable codes of row errors; the UI translates them, the message says the same in plain English. */
export const ROW_ERROR_CODES = [
  'missing_value',
  'not_in_list',
  'invalid_number',
  'incomplete_point',
  'coordinates_swapped',
  'outside_city',
  'not_a_point',
  'conflicting_point',
  'no_location',
  'unknown_kelurahan',
  'ambiguous_kelurahan',
  'unknown_kecamatan',
  'kelurahan_not_in_kecamatan',
  'location_mismatch',
  'invalid_source',
  'invalid_organisation',
  'unknown_organisation',
  'extra_cells',
  'unknown_venue',
] as const;
/** One row error code. */
export type RowErrorCode = (typeof ROW_ERROR_CODES)[number];

/**
 * Any code a row error can carry: a mapping code, a date or time-band code from dates.ts, or a cell refused as
 * personal data (pii.ts).
 */
export type AnyRowErrorCode = RowErrorCode | DateErrorCode | PiiValueCode;

/** One thing wrong with one row: which row, which column (null for the row as a whole), what, and in words. */
export interface RowError {
  row: number;
  column: string | null;
  code: AnyRowErrorCode;
  message: string;
}

/** Builds a row error whose message names the row, the column and the problem (`problem` starts lower-case). */
export function rowError(
  unit: RowUnit,
  row: number,
  column: string | null,
  code: AnyRowErrorCode,
  problem: string,
): RowError {
  const where = unit === 'row' ? `Row ${row}` : unit === 'feature' ? `Feature ${row}` : `Element ${row}`;
  const field = column === null ? '' : unit === 'row' ? `, column "${column}"` : `, property "${column}"`;
  return { row, column, code, message: `${where}${field}: ${problem}` };
}

/** Stable codes of errors that refuse a whole file. */
export type FileErrorCode =
  | 'invalid_utf8'
  | 'empty_file'
  | 'header_too_long'
  | 'invalid_csv'
  | 'duplicate_column'
  | 'invalid_json'
  | 'not_a_feature_collection';

/** A problem that makes the whole file unreadable (broken encoding, not JSON, no header...). */
export class ImportFileError extends Error {
  constructor(
    readonly code: FileErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ImportFileError';
  }
}

/** First event of a read: the columns as written in the file and how the file was read. */
export interface HeaderEvent {
  type: 'header';
  format: ImportFormat;
  unit: RowUnit;
  /** Column names in file order (CSV), or the properties of the first feature (GeoJSON). */
  columns: string[];
  /** The CSV delimiter found on the header line; null for JSON formats. */
  delimiter: ',' | ';' | null;
}

/**
 * A GeoJSON feature with properties not seen before (features may differ): every column known so far, and the
 * new ones. Comes right before that feature's row, so a consumer checking column names sees every name.
 */
export interface ColumnsEvent {
  type: 'columns';
  row: number;
  columns: string[];
  added: string[];
}

/** One data row: its number, its cells by column name (trimmed text), a point from its geometry if any. */
export interface ImportRow {
  type: 'row';
  unit: RowUnit;
  row: number;
  values: Readonly<Record<string, string>>;
  /** The feature's or element's point (JSON formats); null for CSV rows and features without geometry. */
  point: Point | null;
  /** Problems found while reading the row (extra cells, a geometry that is not a point). */
  errors: RowError[];
}

/** Last event of a read: how many rows were yielded and how many entries were skipped, by reason. */
export interface EndEvent {
  type: 'end';
  rows: number;
  /**
   * Entries not yielded as rows, by reason: `empty_row` (a CSV row with every cell empty), `no_venue_tag`
   * (an OSM element with no tag that maps to a venue kind), `no_osm_id` (an OSM feature without a
   * node/way/relation id), `no_centre` (an OSM way or relation without a centre or geometry), `outside_city`
   * (an OSM element outside East Jakarta: an Overpass bounding box reaches beyond the city).
   */
  skipped: Record<string, number>;
}

/** Everything `readRows` yields, in order: one header, then rows (with columns events for GeoJSON), one end. */
export type ReadEvent = HeaderEvent | ColumnsEvent | ImportRow | EndEvent;
