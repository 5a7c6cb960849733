import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import type { StyleSpecification } from 'maplibre-gl';
import { describe, expect, it } from 'vitest';
import { offlineStyle, withBoundaryOverlay } from '../style.ts';
import {
  BOUNDARY_LAYER,
  KECAMATAN_LABEL_FADE_ZOOM,
  KECAMATAN_LABEL_MAX_ZOOM,
  KELURAHAN_LABEL_MIN_ZOOM,
  boundaryLayers,
} from './boundaries.ts';
import { coverageLayers } from './coverage.ts';
import { emergingLayers } from './emerging.ts';
import { hotspotLayers } from './hotspots.ts';
import { SOURCE } from './ids.ts';
import { patrolLayers } from './patrol.ts';
import { interventionLayers, placementLayers, venueLayers } from './places.ts';
import { releaseLayers } from './releases.ts';
import { riskTerrainLayers } from './riskTerrain.ts';
import { selectionLayers } from './selection.ts';

describe('boundaryLayers', () => {
  const layers = boundaryLayers();

  it('draws outlines under names, kelurahan under kecamatan under the city', () => {
    expect(layers.map((layer) => layer.id)).toEqual([
      BOUNDARY_LAYER.kelurahanLine,
      BOUNDARY_LAYER.kecamatanLine,
      BOUNDARY_LAYER.kotaLine,
      BOUNDARY_LAYER.kelurahanLabel,
      BOUNDARY_LAYER.kecamatanLabel,
    ]);
  });

  it('hands kecamatan names over to kelurahan names as the map zooms in', () => {
    const kelurahan = layers.find((layer) => layer.id === BOUNDARY_LAYER.kelurahanLabel);
    const kecamatan = layers.find((layer) => layer.id === BOUNDARY_LAYER.kecamatanLabel);
    expect(kelurahan?.minzoom).toBe(KELURAHAN_LABEL_MIN_ZOOM);
    expect(kecamatan?.maxzoom).toBe(KECAMATAN_LABEL_MAX_ZOOM);
    expect(KELURAHAN_LABEL_MIN_ZOOM).toBeLessThan(KECAMATAN_LABEL_MAX_ZOOM);
    expect(KECAMATAN_LABEL_FADE_ZOOM).toBeLessThan(KECAMATAN_LABEL_MAX_ZOOM);
  });

  it('labels from point sources, so a polygon cut into tiles is named once', () => {
    const symbolSources = layers.flatMap((layer) => (layer.type === 'symbol' ? [layer.source] : []));
    expect(symbolSources).toEqual([SOURCE.kelurahanLabels, SOURCE.kecamatanLabels]);
  });

  it('is part of the offline style, above every basemap layer', () => {
    const ids = offlineStyle('http://localhost').layers.map((layer) => layer.id);
    expect(ids.slice(-layers.length)).toEqual(layers.map((layer) => layer.id));
  });
});

describe('withBoundaryOverlay', () => {
  const external: StyleSpecification = {
    version: 8,
    sources: { tiles: { type: 'raster', tiles: ['https://tiles.example/{z}/{x}/{y}.png'], tileSize: 256 } },
    layers: [{ id: 'raster', type: 'raster', source: 'tiles' }],
  };

  it('keeps the external layers and adds released counts, analyses, points and our boundaries on top', () => {
    const style = withBoundaryOverlay(external, 'http://127.0.0.1:8787');
    expect(style.layers.map((layer) => layer.id)).toEqual([
      'raster',
      ...releaseLayers().map((l) => l.id),
      ...riskTerrainLayers().map((l) => l.id),
      ...hotspotLayers().map((l) => l.id),
      ...emergingLayers().map((l) => l.id),
      ...venueLayers().map((l) => l.id),
      ...interventionLayers().map((l) => l.id),
      ...placementLayers().map((l) => l.id),
      ...patrolLayers().map((l) => l.id),
      ...coverageLayers().map((l) => l.id),
      ...selectionLayers().map((l) => l.id),
      ...boundaryLayers().map((l) => l.id),
    ]);
    expect(Object.keys(style.sources)).toEqual(
      expect.arrayContaining(['tiles', SOURCE.kecamatan, SOURCE.releases]),
    );
    expect(validateStyleMin(style)).toEqual([]);
  });

  it('uses our glyphs only when the external style has none', () => {
    expect(withBoundaryOverlay(external, 'http://a').glyphs).toBe(
      'http://a/basemap/glyphs/{fontstack}/{range}.pbf',
    );
    expect(
      withBoundaryOverlay({ ...external, glyphs: 'https://g/{fontstack}/{range}.pbf' }, 'http://a').glyphs,
    ).toBe('https://g/{fontstack}/{range}.pbf');
  });
});
