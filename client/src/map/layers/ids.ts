/** Source and layer ids of the dashboard's map, shared by the style builders and the controller. */

/** Ids of every source the dashboard adds to a style. */
export const SOURCE = {
  kota: 'tr-kota',
  kecamatan: 'tr-kecamatan',
  kelurahan: 'tr-kelurahan',
  kecamatanLabels: 'tr-kecamatan-labels',
  kelurahanLabels: 'tr-kelurahan-labels',
  roads: 'tr-roads',
  transitRoutes: 'tr-transit-routes',
  transitStops: 'tr-transit-stops',
  releases: 'tr-releases',
  releasesWithheld: 'tr-releases-withheld',
  riskTerrain: 'tr-risk-terrain',
  hotspots: 'tr-hotspots',
  hotspotsWithheld: 'tr-hotspots-withheld',
  emerging: 'tr-emerging',
  emergingWithheld: 'tr-emerging-withheld',
  selection: 'tr-selection',
  venues: 'tr-venues',
  interventions: 'tr-interventions',
  placements: 'tr-placements',
  patrol: 'tr-patrol',
  coverage: 'tr-coverage',
} as const;

/** Id of one of the dashboard's sources. */
export type SourceId = (typeof SOURCE)[keyof typeof SOURCE];

/**
 * The twin of each source whose withheld features are drawn hatched: it holds the same features and only the hatch
 * layer draws from it. The hatch is an image, and MapLibre's worker asks the page for it while it builds every tile of
 * a source drawing it; where graphics are slow the page answers only between frames, each costing hundreds of
 * milliseconds. With the twin, only the hatch waits for that answer, not the counts and cells (BENCHMARKS.md).
 */
export const WITHHELD_TWIN = {
  [SOURCE.releases]: SOURCE.releasesWithheld,
  [SOURCE.hotspots]: SOURCE.hotspotsWithheld,
  [SOURCE.emerging]: SOURCE.emergingWithheld,
} as const satisfies Partial<Record<SourceId, SourceId>>;

/** The hatch twin of a source, if it has one. */
export function withheldTwin(id: SourceId): SourceId | undefined {
  return (WITHHELD_TWIN as Partial<Record<SourceId, SourceId>>)[id];
}

/** Font stacks served by `/basemap/glyphs/` (Latin ranges only: 0-255, 256-511, 8192-8447). */
export const FONT = {
  regular: ['Noto Sans Regular'],
  medium: ['Noto Sans Medium'],
  italic: ['Noto Sans Italic'],
} as const;
