/**
 * Hot or high-risk cells that no intervention covers, from the coverage check: a dashed yellow outline on a dark
 * casing, apart from every fill palette (counts, risk terrain, hot spots) and from the selected cell's outline.
 */
import type { FeatureCollection } from 'geojson';
import type { LayerSpecification } from 'maplibre-gl';
import type { Coverage } from '../../api/types.ts';
import { SOURCE } from './ids.ts';

/** Ids of the coverage layers, bottom to top. */
export const COVERAGE_LAYER = {
  casing: 'tr-coverage-casing',
  line: 'tr-coverage-line',
} as const;

/** Colours of an uncovered cell's outline. */
export const COVERAGE_COLOUR = { casing: '#1e1b4b', line: '#facc15' } as const;

/** Layers outlining the uncovered cells (features of the coverage source), bottom to top: casing, dashed line. */
export function coverageLayers(): LayerSpecification[] {
  return [
    {
      id: COVERAGE_LAYER.casing,
      type: 'line',
      source: SOURCE.coverage,
      layout: { 'line-join': 'round' },
      paint: { 'line-color': COVERAGE_COLOUR.casing, 'line-width': 5, 'line-opacity': 0.85 },
    },
    {
      id: COVERAGE_LAYER.line,
      type: 'line',
      source: SOURCE.coverage,
      layout: { 'line-join': 'round' },
      paint: { 'line-color': COVERAGE_COLOUR.line, 'line-width': 2.5, 'line-dasharray': [2, 1] },
    },
  ];
}

/** The uncovered cells of a coverage check as the coverage source's data (hexagon outlines with their properties). */
export function uncoveredCells(coverage: Coverage): FeatureCollection {
  return {
    type: 'FeatureCollection',
    // The server sends each cell's outline as a GeoJSON Polygon; refine the schema's loose geometry type.
    features: coverage.cells.filter(
      (cell) => !cell.properties.covered,
    ) as unknown as FeatureCollection['features'],
  };
}
