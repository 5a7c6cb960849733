// The one entry point for reading an upload: bytes in, header + rows + summary out, whatever the format.
import { readCsv } from './read-csv';
import { readGeoJson } from './read-geojson';
import { readOsm } from './read-osm';
import type { ImportFormat, ReadEvent } from './rows';
import { decodeUtf8, type ByteSource } from './utf8-text';

/**
 * Reads an upload in the given format as a stream of events: one `header`, then `row`s (and, for GeoJSON,
 * `columns` events when a feature brings new property names), then one `end` with what was skipped.
 * Memory stays bounded by one chunk of input and one row, whatever the file's size. Throws `ImportFileError`
 * for a file that cannot be read at all (not UTF-8, not CSV or JSON of the expected shape, empty).
 */
export function readRows(input: ByteSource, format: ImportFormat): AsyncGenerator<ReadEvent> {
  const text = decodeUtf8(input);
  switch (format) {
    case 'csv':
      return readCsv(text);
    case 'geojson':
      return readGeoJson(text);
    case 'osm':
      return readOsm(text);
  }
}
