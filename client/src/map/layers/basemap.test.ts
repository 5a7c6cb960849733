import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import { BASEMAP_FILES, NO_FEATURES, offlineStyle } from '../style.ts';
import {
  BASEMAP_LAYER,
  MAJOR_ROAD_CLASSES,
  MINOR_ROAD_MIN_ZOOM,
  ROAD_LABEL_MIN_ZOOM,
  TRANSIT_STOP_MIN_ZOOM,
  basemapLayers,
  transitLayers,
} from './basemap.ts';
import { FONT, SOURCE } from './ids.ts';

describe('basemapLayers', () => {
  const layers = basemapLayers();

  it('returns every basemap layer once, in the documented order', () => {
    expect(layers.map((layer) => layer.id)).toEqual([
      BASEMAP_LAYER.background,
      BASEMAP_LAYER.cityLand,
      BASEMAP_LAYER.roadsMinor,
      BASEMAP_LAYER.roadsMajorCasing,
      BASEMAP_LAYER.roadsMajor,
      BASEMAP_LAYER.transitRoutes,
      BASEMAP_LAYER.transitStops,
      BASEMAP_LAYER.roadLabels,
    ]);
  });

  it('starts with an opaque background so the canvas never shows through', () => {
    expect(layers[0]?.type).toBe('background');
  });

  it('draws minor roads, stops and road names only from their zoom breakpoints', () => {
    const minzoom = (id: string) => layers.find((layer) => layer.id === id)?.minzoom;
    expect(minzoom(BASEMAP_LAYER.roadsMinor)).toBe(MINOR_ROAD_MIN_ZOOM);
    expect(minzoom(BASEMAP_LAYER.transitStops)).toBe(TRANSIT_STOP_MIN_ZOOM);
    expect(minzoom(BASEMAP_LAYER.roadLabels)).toBe(ROAD_LABEL_MIN_ZOOM);
    expect(minzoom(BASEMAP_LAYER.roadsMajor)).toBeUndefined();
    expect(MINOR_ROAD_MIN_ZOOM).toBeLessThan(TRANSIT_STOP_MIN_ZOOM);
    expect(TRANSIT_STOP_MIN_ZOOM).toBeLessThan(ROAD_LABEL_MIN_ZOOM);
  });

  it('treats trunk roads as major and residential roads as minor', () => {
    expect(MAJOR_ROAD_CLASSES).toContain('trunk');
    expect(MAJOR_ROAD_CLASSES).not.toContain('residential');
  });

  it('reads roads and transit from their own sources', () => {
    const sources = new Set(layers.flatMap((layer) => ('source' in layer ? [layer.source] : [])));
    expect(sources).toEqual(new Set([SOURCE.kota, SOURCE.roads, SOURCE.transitRoutes, SOURCE.transitStops]));
    expect(transitLayers().every((layer) => layers.some((other) => other.id === layer.id))).toBe(true);
  });
});

describe('offlineStyle', () => {
  const style = offlineStyle('http://127.0.0.1:8787');

  it('is a valid MapLibre style', () => {
    expect(validateStyleMin(style)).toEqual([]);
  });

  it('loads glyphs from an absolute URL on our own server', () => {
    expect(style.glyphs).toBe('http://127.0.0.1:8787/basemap/glyphs/{fontstack}/{range}.pbf');
  });

  it('starts roads and transit empty, each source with its file to load after the first view', () => {
    const basemapSources = [SOURCE.roads, SOURCE.transitRoutes, SOURCE.transitStops];
    for (const source of basemapSources) expect(style.sources[source]).toMatchObject({ data: NO_FEATURES });
    expect(Object.keys(BASEMAP_FILES).sort()).toEqual([...basemapSources].sort());
  });

  it('uses only the fonts the server ships', () => {
    const shipped = new Set(Object.values(FONT).flat());
    const used = style.layers.flatMap((layer) =>
      layer.type === 'symbol' && Array.isArray(layer.layout?.['text-font']) ? layer.layout['text-font'] : [],
    );
    expect(used.length).toBeGreaterThan(0);
    for (const font of used) expect(shipped).toContain(font);
  });

  it('credits boundaries and OpenStreetMap on the sources that use them', () => {
    const attributions = Object.values(style.sources).flatMap((source) =>
      'attribution' in source && source.attribution ? [source.attribution] : [],
    );
    expect(attributions).toContain('Batas kelurahan: cahyadsn/wilayah_boundaries (MIT), © 2024 Cahya DSN');
    expect(attributions).toContain('© OpenStreetMap contributors');
  });
});
