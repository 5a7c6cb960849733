/**
 * Administrative boundary layers (city, kecamatan, kelurahan outlines and names) drawn on top of any
 * basemap, offline or external.
 */
import type { LayerSpecification } from 'maplibre-gl';
import { FONT, SOURCE } from './ids.ts';

/** Ids of the boundary layers, bottom to top. */
export const BOUNDARY_LAYER = {
  kelurahanLine: 'tr-kelurahan-line',
  kecamatanLine: 'tr-kecamatan-line',
  kotaLine: 'tr-kota-line',
  kelurahanLabel: 'tr-kelurahan-label',
  kecamatanLabel: 'tr-kecamatan-label',
} as const;

/** Zoom from which kelurahan names appear (about where a kelurahan is wider than its name). */
export const KELURAHAN_LABEL_MIN_ZOOM = 12.5;

/** Zoom from which kecamatan names fade out so kelurahan names can take their place. */
export const KECAMATAN_LABEL_FADE_ZOOM = 13;

/** Zoom above which kecamatan names are hidden. */
export const KECAMATAN_LABEL_MAX_ZOOM = 14;

/** Zoom from which kelurahan outlines are drawn at full strength. */
export const KELURAHAN_LINE_FULL_ZOOM = 12;

/** Colours of the boundary layers: dark slate for the city and kecamatan, lighter for kelurahan. */
export const BOUNDARY_COLOUR = {
  kota: '#1e293b',
  kecamatan: '#334155',
  kelurahan: '#64748b',
  labelText: '#1e293b',
  kelurahanLabelText: '#475569',
  halo: '#ffffff',
} as const;

/** Layers drawing the outlines and names of the city, its kecamatan and kelurahan, bottom to top. */
export function boundaryLayers(): LayerSpecification[] {
  return [
    {
      id: BOUNDARY_LAYER.kelurahanLine,
      type: 'line',
      source: SOURCE.kelurahan,
      layout: { 'line-join': 'round' },
      paint: {
        'line-color': BOUNDARY_COLOUR.kelurahan,
        'line-width': ['interpolate', ['linear'], ['zoom'], 10, 0.5, 14, 1.2],
        'line-dasharray': [3, 2],
        'line-opacity': ['interpolate', ['linear'], ['zoom'], 10, 0.45, KELURAHAN_LINE_FULL_ZOOM, 0.8],
      },
    },
    {
      id: BOUNDARY_LAYER.kecamatanLine,
      type: 'line',
      source: SOURCE.kecamatan,
      layout: { 'line-join': 'round' },
      paint: {
        'line-color': BOUNDARY_COLOUR.kecamatan,
        'line-width': ['interpolate', ['linear'], ['zoom'], 10, 1, 14, 2.2],
        'line-opacity': 0.85,
      },
    },
    {
      id: BOUNDARY_LAYER.kotaLine,
      type: 'line',
      source: SOURCE.kota,
      layout: { 'line-join': 'round' },
      paint: {
        'line-color': BOUNDARY_COLOUR.kota,
        'line-width': ['interpolate', ['linear'], ['zoom'], 10, 2, 14, 3.5],
      },
    },
    {
      id: BOUNDARY_LAYER.kelurahanLabel,
      type: 'symbol',
      source: SOURCE.kelurahanLabels,
      minzoom: KELURAHAN_LABEL_MIN_ZOOM,
      layout: {
        'text-field': ['get', 'name'],
        'text-font': [...FONT.regular],
        'text-size': ['interpolate', ['linear'], ['zoom'], KELURAHAN_LABEL_MIN_ZOOM, 11, 16, 14],
        'text-max-width': 8,
        'text-padding': 4,
      },
      paint: {
        'text-color': BOUNDARY_COLOUR.kelurahanLabelText,
        'text-halo-color': BOUNDARY_COLOUR.halo,
        'text-halo-width': 1.4,
      },
    },
    {
      id: BOUNDARY_LAYER.kecamatanLabel,
      type: 'symbol',
      source: SOURCE.kecamatanLabels,
      maxzoom: KECAMATAN_LABEL_MAX_ZOOM,
      layout: {
        'text-field': ['get', 'name'],
        'text-font': [...FONT.medium],
        'text-size': ['interpolate', ['linear'], ['zoom'], 10, 11, KECAMATAN_LABEL_FADE_ZOOM, 15],
        'text-transform': 'uppercase',
        'text-letter-spacing': 0.08,
        'text-max-width': 8,
        'text-allow-overlap': false,
      },
      paint: {
        'text-color': BOUNDARY_COLOUR.labelText,
        'text-halo-color': BOUNDARY_COLOUR.halo,
        'text-halo-width': 1.6,
        'text-opacity': [
          'interpolate',
          ['linear'],
          ['zoom'],
          KECAMATAN_LABEL_FADE_ZOOM,
          1,
          KECAMATAN_LABEL_MAX_ZOOM,
          0,
        ],
      },
    },
  ];
}
