/**
 * The hot spot layers: H3 cells filled by their Getis-Ord Gi* confidence bin on a diverging, colour-blind-safe
 * palette (hot red, cold blue, not significant left clear); cells whose bin is withheld are hatched grey with a
 * dark outline, like suppressed counts, so they never read as "not significant".
 */
import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl';
import { SOURCE } from './ids.ts';
import { RELEASE_COLOUR, SUPPRESSED_PATTERN } from './releases.ts';

/** Ids of the hot spot layers, bottom to top. */
export const HOTSPOT_LAYER = {
  fill: 'tr-hotspot-fill',
  withheld: 'tr-hotspot-withheld',
  outline: 'tr-hotspot-outline',
} as const;

/** A Gi* confidence bin: ±3 = 99 %, ±2 = 95 %, ±1 = 90 % confidence (FDR-corrected), 0 = not significant. */
export type HotspotBin = -3 | -2 | -1 | 0 | 1 | 2 | 3;

/** One bin as the map and the legend draw it. */
export interface HotspotClass {
  bin: HotspotBin;
  /** Confidence in per cent (90, 95, 99), `null` for the not-significant bin. */
  confidence: number | null;
  colour: string;
}

/** Bins from hottest to coldest, coloured with ColorBrewer RdBu (7 classes) reversed: hot red, cold blue. */
export const HOTSPOT_CLASSES: readonly HotspotClass[] = [
  { bin: 3, confidence: 99, colour: '#b2182b' },
  { bin: 2, confidence: 95, colour: '#ef8a62' },
  { bin: 1, confidence: 90, colour: '#fddbc7' },
  { bin: 0, confidence: null, colour: '#f7f7f7' },
  { bin: -1, confidence: 90, colour: '#d1e5f0' },
  { bin: -2, confidence: 95, colour: '#67a9cf' },
  { bin: -3, confidence: 99, colour: '#2166ac' },
];

/** Opacity of significant bins; the not-significant bin is not filled at all. */
export const HOTSPOT_FILL_OPACITY = 0.82;

/** Outline colours: white between significant cells, faint grey around not-significant ones. */
export const HOTSPOT_OUTLINE = { significant: '#ffffff', notSignificant: '#94a3b8' } as const;

const bin: ExpressionSpecification = ['get', 'bin'];
/** Whether a cell has a published bin (absent or `null` means withheld). */
const hasBin: ExpressionSpecification = ['==', ['typeof', bin], 'number'];

/** Whether a value is one of the seven Gi* bins. */
export function isHotspotBin(value: unknown): value is HotspotBin {
  return HOTSPOT_CLASSES.some((item) => item.bin === value);
}

/** Fill colour of a cell by its bin; anything else is transparent. */
export function hotspotFillColour(): ExpressionSpecification {
  const pairs = HOTSPOT_CLASSES.flatMap((item) => [item.bin, item.colour]);
  return ['match', bin, ...pairs, 'rgba(0,0,0,0)'] as ExpressionSpecification;
}

/** Layers of the hot spots, bottom to top: bin fills, withheld hatch, outlines. */
export function hotspotLayers(): LayerSpecification[] {
  return [
    {
      id: HOTSPOT_LAYER.fill,
      type: 'fill',
      source: SOURCE.hotspots,
      filter: hasBin,
      paint: {
        'fill-color': hotspotFillColour(),
        'fill-opacity': ['case', ['==', bin, 0], 0, HOTSPOT_FILL_OPACITY],
      },
    },
    {
      id: HOTSPOT_LAYER.withheld,
      type: 'fill',
      source: SOURCE.hotspotsWithheld,
      filter: ['!', hasBin],
      paint: { 'fill-pattern': SUPPRESSED_PATTERN, 'fill-opacity': 0.85 },
    },
    {
      id: HOTSPOT_LAYER.outline,
      type: 'line',
      source: SOURCE.hotspots,
      layout: { 'line-join': 'round' },
      paint: {
        'line-color': [
          'case',
          ['!', hasBin],
          RELEASE_COLOUR.suppressedLine,
          ['==', bin, 0],
          HOTSPOT_OUTLINE.notSignificant,
          HOTSPOT_OUTLINE.significant,
        ],
        'line-width': ['case', ['!', hasBin], 1.2, 0.7],
        'line-opacity': ['case', ['==', bin, 0], 0.5, 0.9],
      },
    },
  ];
}
