// OpenStreetMap venue exports as venue rows: Overpass JSON (`elements` with `tags`, ways and relations by their
// `center`) and OSM GeoJSON (overpass turbo's `@id` properties, or osmtogeojson's `id` and `tags`). Each element
// with a tag from OSM_VENUE_TAGS becomes a row with the columns kind, name, source (`osm`) and source_id
// (`node/123`), so a re-import finds the venue again; its other tags (addresses, phones) are never read.
import type { VenueKind } from '@titik-rawan/shared';
import { loadKelurahanLocator } from './kelurahan-at';
import { cellText, geometryPoint } from './read-geojson';
import { readJsonMembers } from './read-json';
import { ImportFileError, type ImportRow, type Point, type ReadEvent } from './rows';

/**
 * OSM tags that make an element a venue, in order of precedence (the first match decides): lodging first, as
 * budget lodging is the kind the field report names; then schools, nightlife, massage, dormitories, transport.
 * Decisions: hostel and motel are guest houses (small budget lodging); bar, nightclub, karaoke box and adult
 * gaming centre (arcades) are karaoke/nightlife; a dormitory building is a kost (boarding house); bus and
 * rail stations are transport hubs.
 */
export const OSM_VENUE_TAGS: readonly { key: string; values: readonly string[]; kind: VenueKind }[] = [
  { key: 'tourism', values: ['hotel'], kind: 'hotel' },
  { key: 'tourism', values: ['guest_house', 'hostel', 'motel'], kind: 'guest_house' },
  { key: 'tourism', values: ['apartment'], kind: 'apartment' },
  { key: 'amenity', values: ['school'], kind: 'school' },
  { key: 'amenity', values: ['internet_cafe'], kind: 'internet_cafe' },
  { key: 'amenity', values: ['karaoke_box', 'nightclub', 'bar'], kind: 'karaoke_nightlife' },
  { key: 'leisure', values: ['adult_gaming_centre'], kind: 'karaoke_nightlife' },
  { key: 'shop', values: ['massage'], kind: 'massage_parlour' },
  { key: 'building', values: ['dormitory'], kind: 'kost' },
  { key: 'amenity', values: ['bus_station'], kind: 'transport_hub' },
  { key: 'railway', values: ['station'], kind: 'transport_hub' },
  { key: 'public_transport', values: ['station'], kind: 'transport_hub' },
];

/** The venue kind of an element's tags (a `;`-separated value counts each part), or null when none maps. */
export function osmVenueKind(tags: Readonly<Record<string, unknown>>): VenueKind | null {
  for (const rule of OSM_VENUE_TAGS) {
    const value = tags[rule.key];
    if (typeof value !== 'string') continue;
    const parts = value.split(';').map((part) => part.trim());
    if (parts.some((part) => rule.values.includes(part))) return rule.kind;
  }
  return null;
}

/** Columns of every row read from an OSM export, all in the venue column set. */
export const OSM_COLUMNS = ['kind', 'name', 'source', 'source_id'] as const;

const OSM_ID = /^(node|way|relation)\/\d+$/;

/** An element's OSM id, tags and point, in whichever export shape it came. */
interface OsmElement {
  sourceId: string | null;
  tags: Record<string, unknown>;
  /** The point, null when the element has none (a way without `center`). */
  point: Point | null;
}

function objectOf(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function latLon(value: unknown): Point | null {
  const { lat, lon } = objectOf(value);
  return typeof lat === 'number' && typeof lon === 'number' ? { lng: lon, lat } : null;
}

/** An Overpass element: `{ type, id, lat, lon, tags }`, or a way/relation with `center` (`out center`). */
function overpassElement(value: unknown): OsmElement {
  const element = objectOf(value);
  const { type, id } = element;
  const sourceId = typeof type === 'string' && typeof id === 'number' ? `${type}/${id}` : null;
  return {
    sourceId: sourceId !== null && OSM_ID.test(sourceId) ? sourceId : null,
    tags: objectOf(element.tags),
    point: latLon(element) ?? latLon(element.center),
  };
}

/** An OSM GeoJSON feature: id as feature `id`, `@id` or `type`+`id` properties; tags flat or under `tags`. */
function geoJsonElement(value: unknown): OsmElement {
  const feature = objectOf(value);
  const properties = objectOf(feature.properties);
  const candidates = [
    feature.id,
    properties['@id'],
    properties.id,
    typeof properties.type === 'string' ? `${properties.type}/${cellText(properties.id)}` : null,
  ];
  const sourceId = candidates.find((id): id is string => typeof id === 'string' && OSM_ID.test(id)) ?? null;
  const tags =
    typeof properties.tags === 'object' && properties.tags !== null ? objectOf(properties.tags) : properties;
  const located = geometryPoint(feature.geometry, true);
  return { sourceId, tags, point: 'point' in located ? located.point : null };
}

/**
 * Reads an OSM export into a header event (OSM_COLUMNS), one venue row per element with a venue tag (numbered
 * by the element's place in the file, from 1) and an end event counting the elements skipped: `no_venue_tag`,
 * `no_osm_id`, `no_centre` (a way or relation exported without `center` or geometry), `outside_city`.
 * Skipped elements are not errors: an OSM extract holds much besides venues, and an Overpass bounding box
 * reaches beyond the city's border.
 */
export async function* readOsm(text: AsyncIterable<string>): AsyncGenerator<ReadEvent> {
  yield { type: 'header', format: 'osm', unit: 'element', columns: [...OSM_COLUMNS], delimiter: null };
  let elements = 0;
  let rows = 0;
  let recognised = false;
  const locator = loadKelurahanLocator();
  const skipped: Record<string, number> = {};
  const skip = (reason: string): void => {
    skipped[reason] = (skipped[reason] ?? 0) + 1;
  };
  for await (const member of readJsonMembers(text, ['elements', 'features'], ['type'])) {
    if (member.key === 'type') {
      if (member.value !== 'FeatureCollection') throw notAnOsmExport();
      recognised = true;
      continue;
    }
    recognised = true;
    elements++;
    const element = member.key === 'elements' ? overpassElement(member.value) : geoJsonElement(member.value);
    const kind = osmVenueKind(element.tags);
    if (kind === null) skip('no_venue_tag');
    else if (element.sourceId === null) skip('no_osm_id');
    else if (element.point === null) skip('no_centre');
    else if (locator.kelurahanAt(element.point.lng, element.point.lat) === null) skip('outside_city');
    else {
      const name = [element.tags.name, element.tags['name:id'], element.tags['name:en']].find(
        (candidate) => typeof candidate === 'string' && candidate.trim() !== '',
      );
      const row: ImportRow = {
        type: 'row',
        unit: 'element',
        row: elements,
        values: { kind, name: cellText(name), source: 'osm', source_id: element.sourceId },
        point: element.point,
        errors: [],
      };
      rows++;
      yield row;
    }
  }
  if (!recognised) throw notAnOsmExport();
  yield { type: 'end', rows, skipped };
}

function notAnOsmExport(): ImportFileError {
  return new ImportFileError(
    'not_a_feature_collection',
    'The file is JSON but not an OpenStreetMap export: expected Overpass JSON (an "elements" list) or ' +
      'GeoJSON (a FeatureCollection with a "features" list).',
  );
}
