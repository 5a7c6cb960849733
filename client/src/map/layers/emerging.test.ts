import { EMERGING_CLASSES } from '@titik-rawan/shared';
import { describe, expect, it } from 'vitest';
import { offlineStyle } from '../style.ts';
import { EMERGING_COLOUR, EMERGING_LAYER, emergingFillColour, emergingLayers } from './emerging.ts';
import { HOTSPOT_LAYER } from './hotspots.ts';
import { SOURCE, WITHHELD_TWIN } from './ids.ts';
import { SUPPRESSED_PATTERN } from './releases.ts';

/** Hue (0–360°) and saturation (0–1) of a `#rrggbb` colour. */
function hueSaturation(hex: string): { hue: number; saturation: number } {
  const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255) as [
    number,
    number,
    number,
  ];
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const delta = max - min;
  const light = (max + min) / 2;
  const saturation = delta === 0 ? 0 : delta / (1 - Math.abs(2 * light - 1));
  let hue = 0;
  if (delta > 0 && max === r) hue = 60 * (((g - b) / delta + 6) % 6);
  else if (delta > 0 && max === g) hue = 60 * ((b - r) / delta + 2);
  else if (delta > 0) hue = 60 * ((r - g) / delta + 4);
  return { hue, saturation };
}

describe('emerging hot spot palette', () => {
  it('has a colour for every class of the shared schema, in its order', () => {
    expect(Object.keys(EMERGING_COLOUR)).toEqual([...EMERGING_CLASSES]);
  });

  it('draws current hot spots in reds and oranges, their cold mirror in blues, no pattern clear', () => {
    for (const pattern of ['new', 'consecutive', 'intensifying', 'persistent']) {
      const hot = hueSaturation(EMERGING_COLOUR[`${pattern}-hot-spot` as keyof typeof EMERGING_COLOUR]);
      const cold = hueSaturation(EMERGING_COLOUR[`${pattern}-cold-spot` as keyof typeof EMERGING_COLOUR]);
      expect(hot.hue < 40 || hot.hue > 340).toBe(true);
      expect(cold.hue).toBeGreaterThan(190);
      expect(cold.hue).toBeLessThan(230);
    }
    expect(EMERGING_COLOUR['no-pattern']).toBe('rgba(0,0,0,0)');
  });

  it('mutes fading hot spots: diminishing and historical are less saturated than persistent', () => {
    const persistent = hueSaturation(EMERGING_COLOUR['persistent-hot-spot']).saturation;
    expect(hueSaturation(EMERGING_COLOUR['diminishing-hot-spot']).saturation).toBeLessThan(persistent / 2);
    expect(hueSaturation(EMERGING_COLOUR['historical-hot-spot']).saturation).toBeLessThan(persistent / 2);
  });
});

describe('emergingLayers', () => {
  const layers = emergingLayers();

  it('draws class fills, the withheld hatch and outlines above the hot spots: the fills and outlines from the emerging source, the hatch from its twin', () => {
    expect(layers.map((layer) => layer.id)).toEqual([
      EMERGING_LAYER.fill,
      EMERGING_LAYER.withheld,
      EMERGING_LAYER.outline,
    ]);
    expect(layers.map((layer) => ('source' in layer ? layer.source : null))).toEqual([
      SOURCE.emerging,
      WITHHELD_TWIN[SOURCE.emerging],
      SOURCE.emerging,
    ]);
    const ids = offlineStyle('http://127.0.0.1:8787').layers.map((layer) => layer.id);
    expect(ids.indexOf(EMERGING_LAYER.fill)).toBeGreaterThan(ids.indexOf(HOTSPOT_LAYER.outline));
  });

  it('hatches cells whose class is withheld and leaves no-pattern cells unfilled', () => {
    const [fill, withheld] = layers;
    const hasClass = ['==', ['typeof', ['get', 'class']], 'string'];
    expect(fill && 'filter' in fill ? fill.filter : null).toEqual(hasClass);
    expect(withheld && 'filter' in withheld ? withheld.filter : null).toEqual(['!', hasClass]);
    expect(withheld?.type === 'fill' && withheld.paint?.['fill-pattern']).toBe(SUPPRESSED_PATTERN);
    expect(fill?.type === 'fill' && fill.paint?.['fill-opacity']).toEqual([
      'case',
      ['==', ['get', 'class'], 'no-pattern'],
      0,
      expect.any(Number),
    ]);
  });

  it('matches every class to its colour', () => {
    const colour = emergingFillColour();
    expect(colour.slice(0, 2)).toEqual(['match', ['get', 'class']]);
    expect(colour.slice(2, -1)).toEqual(Object.entries(EMERGING_COLOUR).flat());
  });
});
