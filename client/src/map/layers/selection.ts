/** The outline of the cell the person clicked: a dark line on a white casing, readable over every palette. */
import type { LayerSpecification } from 'maplibre-gl';
import { SOURCE } from './ids.ts';

/** Ids of the selection layers, bottom to top. */
export const SELECTION_LAYER = {
  casing: 'tr-selection-casing',
  line: 'tr-selection-line',
} as const;

/** Colours of the selected cell's outline. */
export const SELECTION_COLOUR = { casing: '#ffffff', line: '#0f172a' } as const;

/** Layers outlining the selected cell, bottom to top: a wide white casing and a dark line on it. */
export function selectionLayers(): LayerSpecification[] {
  return [
    {
      id: SELECTION_LAYER.casing,
      type: 'line',
      source: SOURCE.selection,
      layout: { 'line-join': 'round' },
      paint: { 'line-color': SELECTION_COLOUR.casing, 'line-width': 6 },
    },
    {
      id: SELECTION_LAYER.line,
      type: 'line',
      source: SOURCE.selection,
      layout: { 'line-join': 'round' },
      paint: { 'line-color': SELECTION_COLOUR.line, 'line-width': 2.5 },
    },
  ];
}
