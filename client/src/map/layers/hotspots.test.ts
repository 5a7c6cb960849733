import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import type { FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import { offlineStyle } from '../style.ts';
import {
  HOTSPOT_CLASSES,
  HOTSPOT_FILL_OPACITY,
  HOTSPOT_LAYER,
  hotspotFillColour,
  hotspotLayers,
  isHotspotBin,
} from './hotspots.ts';
import { SOURCE, WITHHELD_TWIN } from './ids.ts';
import { RELEASE_LAYER, SUPPRESSED_PATTERN } from './releases.ts';

const layers = hotspotLayers();
const layer = (id: string) => layers.find((candidate) => candidate.id === id);

/** Relative luminance of a `#rrggbb` colour (WCAG), 0 (black) to 1 (white). */
function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = Number.parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
}

describe('hot spot palette', () => {
  it('has one class per Gi* bin from 3 (hot, 99 %) to −3 (cold, 99 %)', () => {
    expect(HOTSPOT_CLASSES.map((item) => item.bin)).toEqual([3, 2, 1, 0, -1, -2, -3]);
    expect(HOTSPOT_CLASSES.map((item) => item.confidence)).toEqual([99, 95, 90, null, 90, 95, 99]);
    expect([3, 0, -3].every(isHotspotBin)).toBe(true);
    expect([4, null, '3', 1.5].some(isHotspotBin)).toBe(false);
  });

  it('is diverging: red for hot, blue for cold, lightest at not significant, darker with confidence', () => {
    const colour = (bin: number) => HOTSPOT_CLASSES.find((item) => item.bin === bin)?.colour ?? '';
    const red = (hex: string) => Number.parseInt(hex.slice(1, 3), 16);
    const blue = (hex: string) => Number.parseInt(hex.slice(5, 7), 16);
    for (const bin of [1, 2, 3]) expect(red(colour(bin))).toBeGreaterThan(blue(colour(bin)));
    for (const bin of [-1, -2, -3]) expect(blue(colour(bin))).toBeGreaterThan(red(colour(bin)));
    for (const side of [1, -1]) {
      const ramp = [0, 1, 2, 3].map((step) => luminance(colour(side * step)));
      expect([...ramp].sort((a, b) => b - a)).toEqual(ramp);
    }
  });
});

describe('hotspotLayers', () => {
  it('draws bin fills, then the withheld hatch, then outlines: the fills and outlines from the hot spot source, the hatch from its twin', () => {
    expect(layers.map((item) => item.id)).toEqual([
      HOTSPOT_LAYER.fill,
      HOTSPOT_LAYER.withheld,
      HOTSPOT_LAYER.outline,
    ]);
    expect(layers.map((item) => ('source' in item ? item.source : null))).toEqual([
      SOURCE.hotspots,
      WITHHELD_TWIN[SOURCE.hotspots],
      SOURCE.hotspots,
    ]);
  });

  it('fills cells with a bin by bin colour, leaves bin 0 clear, and hatches cells without a bin', () => {
    const fill = layer(HOTSPOT_LAYER.fill);
    const withheld = layer(HOTSPOT_LAYER.withheld);
    const hasBin = ['==', ['typeof', ['get', 'bin']], 'number'];
    expect(fill && 'filter' in fill ? fill.filter : null).toEqual(hasBin);
    expect(withheld && 'filter' in withheld ? withheld.filter : null).toEqual(['!', hasBin]);
    expect(withheld?.type === 'fill' && withheld.paint?.['fill-pattern']).toBe(SUPPRESSED_PATTERN);
    expect(fill?.type === 'fill' && fill.paint?.['fill-opacity']).toEqual([
      'case',
      ['==', ['get', 'bin'], 0],
      0,
      HOTSPOT_FILL_OPACITY,
    ]);
  });

  it('matches every bin to its colour and anything else to transparent', () => {
    const colour = hotspotFillColour();
    expect(colour.slice(0, 2)).toEqual(['match', ['get', 'bin']]);
    expect(colour.slice(2, -1)).toEqual(HOTSPOT_CLASSES.flatMap((item) => [item.bin, item.colour]));
    expect(colour.at(-1)).toBe('rgba(0,0,0,0)');
  });

  it('is valid in the offline style, above the released counts', () => {
    const style = offlineStyle('http://127.0.0.1:8787');
    expect(validateStyleMin(style)).toEqual([]);
    const ids = style.layers.map((item) => item.id);
    expect(ids.indexOf(HOTSPOT_LAYER.fill)).toBeGreaterThan(ids.indexOf(RELEASE_LAYER.outline));
  });

  it('starts its hatch twin with the same cells as the hot spot source', () => {
    const cells: FeatureCollection = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { cell: 'a', bin: 2 },
          geometry: { type: 'Point', coordinates: [106.9, -6.2] },
        },
        {
          type: 'Feature',
          properties: { cell: 'b', bin: null },
          geometry: { type: 'Point', coordinates: [106.9, -6.3] },
        },
      ],
    };
    const { sources } = offlineStyle('http://127.0.0.1:8787', { [SOURCE.hotspots]: cells }, ['hotspots']);
    expect(sources[SOURCE.hotspots]).toMatchObject({ type: 'geojson', data: cells });
    expect(sources[WITHHELD_TWIN[SOURCE.hotspots]]).toMatchObject({ type: 'geojson', data: cells });
  });
});
