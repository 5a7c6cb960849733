/**
 * The emerging hot spot layers: H3 cells filled by their class of ArcGIS Emerging Hot Spot Analysis, loosely in
 * ArcGIS's colours: hot spots that are new or growing in reds and oranges, fading or past ones in muted tones,
 * the cold mirror in blues, no pattern left clear; withheld cells hatched grey as elsewhere.
 */
import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl';
import type { EmergingClass } from '../../api/types.ts';
import { SOURCE } from './ids.ts';
import { RELEASE_COLOUR, SUPPRESSED_PATTERN } from './releases.ts';

/** Ids of the emerging hot spot layers, bottom to top. */
export const EMERGING_LAYER = {
  fill: 'tr-emerging-fill',
  withheld: 'tr-emerging-withheld',
  outline: 'tr-emerging-outline',
} as const;

/**
 * Colour of each class, in ArcGIS's order (hot, then cold, then no pattern). Current, growing hot spots go from
 * deep red (intensifying) through red (persistent, consecutive) to orange (new); on-and-off ones are paler;
 * diminishing and historical ones are muted rose and beige. Cold spots mirror them in blues and slate.
 */
export const EMERGING_COLOUR: Readonly<Record<EmergingClass, string>> = {
  'new-hot-spot': '#fd8d3c',
  'consecutive-hot-spot': '#f03b20',
  'intensifying-hot-spot': '#99000d',
  'persistent-hot-spot': '#cb181d',
  'diminishing-hot-spot': '#c99a8f',
  'sporadic-hot-spot': '#fdbe85',
  'oscillating-hot-spot': '#fee391',
  'historical-hot-spot': '#e3cfc4',
  'new-cold-spot': '#6baed6',
  'consecutive-cold-spot': '#3182bd',
  'intensifying-cold-spot': '#08306b',
  'persistent-cold-spot': '#08519c',
  'diminishing-cold-spot': '#8fa5bf',
  'sporadic-cold-spot': '#a6cbe3',
  'oscillating-cold-spot': '#cfe3ef',
  'historical-cold-spot': '#c5ccd6',
  'no-pattern': 'rgba(0,0,0,0)',
};

/** Opacity of cells with a pattern; `no-pattern` cells are not filled. */
export const EMERGING_FILL_OPACITY = 0.82;

const emergingClass: ExpressionSpecification = ['get', 'class'];
/** Whether a cell has a published class (absent or `null` means withheld). */
const hasClass: ExpressionSpecification = ['==', ['typeof', emergingClass], 'string'];
const noPattern: ExpressionSpecification = ['==', emergingClass, 'no-pattern'];

/** Fill colour of a cell by its class; anything else is transparent. */
export function emergingFillColour(): ExpressionSpecification {
  const pairs = Object.entries(EMERGING_COLOUR).flat();
  return ['match', emergingClass, ...pairs, 'rgba(0,0,0,0)'] as ExpressionSpecification;
}

/** Layers of the emerging hot spots, bottom to top: class fills, withheld hatch, outlines. */
export function emergingLayers(): LayerSpecification[] {
  return [
    {
      id: EMERGING_LAYER.fill,
      type: 'fill',
      source: SOURCE.emerging,
      filter: hasClass,
      paint: {
        'fill-color': emergingFillColour(),
        'fill-opacity': ['case', noPattern, 0, EMERGING_FILL_OPACITY],
      },
    },
    {
      id: EMERGING_LAYER.withheld,
      type: 'fill',
      source: SOURCE.emergingWithheld,
      filter: ['!', hasClass],
      paint: { 'fill-pattern': SUPPRESSED_PATTERN, 'fill-opacity': 0.85 },
    },
    {
      id: EMERGING_LAYER.outline,
      type: 'line',
      source: SOURCE.emerging,
      layout: { 'line-join': 'round' },
      paint: {
        'line-color': [
          'case',
          ['!', hasClass],
          RELEASE_COLOUR.suppressedLine,
          noPattern,
          RELEASE_COLOUR.zeroOutline,
          RELEASE_COLOUR.outline,
        ],
        'line-width': ['case', ['!', hasClass], 1.2, 0.7],
        'line-opacity': ['case', noPattern, 0.5, 0.9],
      },
    },
  ];
}
