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
  riskTerrain: 'tr-risk-terrain',
  hotspots: 'tr-hotspots',
  emerging: 'tr-emerging',
  selection: 'tr-selection',
  venues: 'tr-venues',
  interventions: 'tr-interventions',
  placements: 'tr-placements',
  patrol: 'tr-patrol',
  coverage: 'tr-coverage',
} as const;

/** Id of one of the dashboard's sources. */
export type SourceId = (typeof SOURCE)[keyof typeof SOURCE];

/** Font stacks served by `/basemap/glyphs/` (Latin ranges only: 0-255, 256-511, 8192-8447). */
export const FONT = {
  regular: ['Noto Sans Regular'],
  medium: ['Noto Sans Medium'],
  italic: ['Noto Sans Italic'],
} as const;
