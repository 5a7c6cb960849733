/**
 * The venues or interventions on the map as CSV (UTF-8 with BOM, like the view's table): one row per point with
 * its kind, its details and its position. Venue files are named as planning lists. Pure: no DOM, no fetch.
 */
import type { InterventionCollection, Placements, VenueCollection } from '../api/types.ts';
import { translate, type Language, type MessageKey } from '../i18n/index.ts';
import { toCsv } from './viewTable.ts';

/** CSV with a translated header row, then the rows, and each row's synthetic-data flag appended. */
export function tableCsv(
  language: Language,
  header: readonly MessageKey[],
  rows: ReadonlyArray<ReadonlyArray<string | number | null>>,
  synthetic: boolean,
): string {
  const t = translate(language);
  const flag = t(synthetic ? 'export.csv.yes' : 'export.csv.no');
  return toCsv([
    [...header, 'export.csv.synthetic' as const].map((key) => t(key)),
    ...rows.map((row) => [...row, flag]),
  ]);
}

/** CSV of the venues on the map: kind, name, source, longitude, latitude, and whether the data are synthetic. */
export function venuesCsv(venues: VenueCollection, language: Language): string {
  const t = translate(language);
  return tableCsv(
    language,
    [
      'export.csv.kind',
      'export.csv.name',
      'export.csv.source',
      'export.csv.longitude',
      'export.csv.latitude',
    ],
    venues.features.map(({ geometry, properties }) => [
      t(`venue.${properties.kind}`),
      properties.name,
      properties.source,
      geometry.coordinates[0] ?? null,
      geometry.coordinates[1] ?? null,
    ]),
    venues.synthetic,
  );
}

/** CSV of the interventions on the map: kind, start date, organisation, venue kind, longitude, latitude. */
export function interventionsCsv(interventions: InterventionCollection, language: Language): string {
  const t = translate(language);
  return tableCsv(
    language,
    [
      'export.csv.kind',
      'export.csv.startedOn',
      'export.csv.organisation',
      'export.csv.venueKind',
      'export.csv.longitude',
      'export.csv.latitude',
    ],
    interventions.features.map(({ geometry, properties }) => [
      t(`intervention.${properties.kind}`),
      properties.startedOn,
      properties.organisation,
      properties.venueKind ? t(`venue.${properties.venueKind}`) : null,
      geometry.coordinates[0] ?? null,
      geometry.coordinates[1] ?? null,
    ]),
    interventions.synthetic,
  );
}

/** File name of a points export: `titik-rawan-tempat-untuk-perencanaan.csv` or `titik-rawan-intervensi.csv`. */
export function pointsFileName(kind: 'venues' | 'interventions'): string {
  return kind === 'venues' ? 'titik-rawan-tempat-untuk-perencanaan.csv' : 'titik-rawan-intervensi.csv';
}

/** CSV of suggested sites: rank, venue kind, name, added share of demand (0–1), longitude, latitude. */
export function placementsCsv(plan: Placements, language: Language): string {
  const t = translate(language);
  return tableCsv(
    language,
    [
      'export.csv.rank',
      'export.csv.kind',
      'export.csv.name',
      'export.csv.addedShare',
      'export.csv.longitude',
      'export.csv.latitude',
    ],
    plan.sites.map((site) => [
      site.rank,
      t(`venue.${site.venue.kind}`),
      site.venue.name,
      Number(site.addedShare.toFixed(6)),
      site.venue.coordinates[0],
      site.venue.coordinates[1],
    ]),
    plan.release.synthetic,
  );
}
