/**
 * The risk terrain layers: every H3 cell of the city (with or without incidents) filled by its risk class, the
 * quintile of relative risk from nearby venues, on a sequential colour-blind-safe palette.
 */
import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl';
import { SOURCE } from './ids.ts';

/** Ids of the risk terrain layers, bottom to top. */
export const RISK_LAYER = {
  fill: 'tr-risk-fill',
  outline: 'tr-risk-outline',
} as const;

/**
 * Colours of risk classes 1 (lowest fifth of cells) to 5 (highest fifth): ColorBrewer RdPu, sequential and
 * colour-blind safe, and unlike the counts (YlOrRd) and hot spots (RdBu) so the layers are not confused.
 */
export const RISK_CLASS_COLOURS = ['#feebe2', '#fbb4b9', '#f768a1', '#c51b8a', '#7a0177'] as const;

/** Risk classes from lowest to highest. */
export const RISK_CLASSES = [1, 2, 3, 4, 5] as const;

/** Opacity of the risk fills, so roads and names stay readable underneath. */
export const RISK_FILL_OPACITY = 0.72;

/** Colour of a risk class (1–5); classes outside the range take the nearest end. */
export function riskClassColour(riskClass: number): string {
  const index = Math.min(RISK_CLASS_COLOURS.length, Math.max(1, Math.round(riskClass))) - 1;
  return RISK_CLASS_COLOURS[index] ?? RISK_CLASS_COLOURS[0];
}

/** Fill colour of a cell by its risk class. */
export function riskFillColour(): ExpressionSpecification {
  const [c1, c2, c3, c4, c5] = RISK_CLASS_COLOURS;
  return ['match', ['get', 'riskClass'], 1, c1, 2, c2, 3, c3, 4, c4, 5, c5, c1];
}

/** Layers of the risk terrain, bottom to top: class fills and thin white outlines. */
export function riskTerrainLayers(): LayerSpecification[] {
  return [
    {
      id: RISK_LAYER.fill,
      type: 'fill',
      source: SOURCE.riskTerrain,
      paint: { 'fill-color': riskFillColour(), 'fill-opacity': RISK_FILL_OPACITY },
    },
    {
      id: RISK_LAYER.outline,
      type: 'line',
      source: SOURCE.riskTerrain,
      layout: { 'line-join': 'round' },
      paint: { 'line-color': '#ffffff', 'line-width': 0.6, 'line-opacity': 0.8 },
    },
  ];
}
