import { INTERVENTION_KINDS, VENUE_KINDS } from '@titik-rawan/shared/codes';
import { describe, expect, it } from 'vitest';
import { offlineStyle } from '../style.ts';
import { SOURCE } from './ids.ts';
import {
  INTERVENTION_COLOURS,
  INTERVENTION_LAYER,
  interventionLayers,
  kindColour,
  metresToPixels,
  PLACEMENT_LAYER,
  placementLayers,
  VENUE_CLUSTER_MAX_ZOOM,
  VENUE_COLOURS,
  VENUE_LAYER,
  venueLayers,
} from './places.ts';

describe('venue layers', () => {
  const layers = venueLayers();
  const byId = new Map(layers.map((layer) => [layer.id, layer]));

  it('draw clusters with their number and single venues from the clustered venue source', () => {
    expect(layers.map((layer) => layer.id)).toEqual([
      VENUE_LAYER.clusters,
      VENUE_LAYER.clusterCounts,
      VENUE_LAYER.points,
    ]);
    expect(layers.every((layer) => 'source' in layer && layer.source === SOURCE.venues)).toBe(true);
    expect(byId.get(VENUE_LAYER.clusters)).toMatchObject({ filter: ['has', 'point_count'] });
    expect(byId.get(VENUE_LAYER.points)).toMatchObject({ filter: ['!', ['has', 'point_count']] });
    const source = offlineStyle('http://127.0.0.1:8787').sources[SOURCE.venues];
    expect(source).toMatchObject({ type: 'geojson', cluster: true, clusterMaxZoom: VENUE_CLUSTER_MAX_ZOOM });
  });

  it('give every venue kind its own colour, and every intervention kind too', () => {
    expect(new Set(VENUE_KINDS.map((kind) => VENUE_COLOURS[kind])).size).toBe(VENUE_KINDS.length);
    expect(new Set(INTERVENTION_KINDS.map((kind) => INTERVENTION_COLOURS[kind])).size).toBe(
      INTERVENTION_KINDS.length,
    );
    expect(kindColour(['hotel', 'kost'], VENUE_COLOURS)).toEqual([
      'match',
      ['get', 'kind'],
      'hotel',
      VENUE_COLOURS.hotel,
      'kost',
      VENUE_COLOURS.kost,
      '#999999',
    ]);
  });
});

describe('placement layers', () => {
  it('draw a disc of the coverage distance, a marker and the rank of each suggested site', () => {
    const layers = placementLayers(300);
    expect(layers.map((layer) => layer.id)).toEqual([
      PLACEMENT_LAYER.coverage,
      PLACEMENT_LAYER.markers,
      PLACEMENT_LAYER.ranks,
    ]);
    expect(layers.every((layer) => 'source' in layer && layer.source === SOURCE.placements)).toBe(true);
  });

  it('size the disc in pixels from metres: doubling per zoom level, 300 m ≈ 63 px at zoom 14', () => {
    const [, , , zoomA, pixelsA, zoomB, pixelsB] = metresToPixels(300) as unknown as number[];
    expect([zoomA, zoomB]).toEqual([10, 18]);
    expect((pixelsB ?? 0) / (pixelsA ?? 1)).toBeCloseTo(2 ** 8, 6);
    // Web Mercator at 6.25° S: 4.75 m per pixel at zoom 14 (MapLibre's 512 px tiles).
    expect((pixelsA ?? 0) * 2 ** 4).toBeCloseTo(300 / 4.75, 0);
  });
});

describe('intervention layers', () => {
  it('draw interventions ringed dark, above the venues, from their own source', () => {
    const [points] = interventionLayers();
    expect(points).toMatchObject({
      id: INTERVENTION_LAYER.points,
      source: SOURCE.interventions,
      type: 'circle',
    });
    const ids = offlineStyle('http://127.0.0.1:8787').layers.map((layer) => layer.id);
    expect(ids.indexOf(INTERVENTION_LAYER.points)).toBeGreaterThan(ids.indexOf(VENUE_LAYER.points));
  });
});
