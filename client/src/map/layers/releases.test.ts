import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { ReleasedCellCollection } from '../../api/types.ts';
import { offlineStyle } from '../style.ts';
import { basemapLayers } from './basemap.ts';
import { boundaryLayers } from './boundaries.ts';
import { SOURCE, WITHHELD_TWIN } from './ids.ts';
import {
  classColours,
  classLowerBounds,
  countClasses,
  MAX_COUNT_CLASSES,
  NO_COUNT_CLASSES,
  RELEASE_COLOUR,
  RELEASE_LAYER,
  releaseFillColour,
  releaseLayers,
  SUPPRESSED_PATTERN,
  suppressedHatchImage,
} from './releases.ts';

const hexagon: Polygon = {
  type: 'Polygon',
  coordinates: [
    [
      [106.9, -6.2],
      [106.91, -6.2],
      [106.91, -6.21],
      [106.9, -6.2],
    ],
  ],
};

function cells(counts: Array<number | null>, threshold = 10): ReleasedCellCollection {
  return {
    type: 'FeatureCollection',
    release: { tier: 'public', period: '2025', category: 'all', threshold, synthetic: true },
    features: counts.map((count, i) => ({
      type: 'Feature',
      id: `cell${i}`,
      geometry: hexagon,
      properties: { cell: `cell${i}`, resolution: 7, count, suppressed: count === null },
    })),
  };
}

describe('classLowerBounds', () => {
  it('starts at the threshold and splits the counts by quantile into at most five nice classes', () => {
    const bounds = classLowerBounds([0, 12, 13, 15, 20, 35, 37, 46, 49, 54, 91, 105], 10);
    expect(bounds).toEqual([10, 15, 35, 45, 55]);
    expect(bounds.length).toBeLessThanOrEqual(MAX_COUNT_CLASSES);
  });

  it('merges classes when few distinct counts exist, and has none without positive counts', () => {
    expect(classLowerBounds([3, 3, 3, 4], 3)).toEqual([3, 4]);
    expect(classLowerBounds([12], 10)).toEqual([10]);
    expect(classLowerBounds([0, 0], 10)).toEqual([]);
  });

  it('never starts above the smallest published count', () => {
    expect(classLowerBounds([4, 30], 5)[0]).toBe(4);
  });
});

describe('classColours', () => {
  it('spreads the palette from light to dark, keeping its ends', () => {
    expect(classColours(5)).toEqual(RELEASE_COLOUR.classes);
    expect(classColours(2)).toEqual([RELEASE_COLOUR.classes[0], RELEASE_COLOUR.classes[4]]);
    expect(classColours(0)).toEqual([]);
  });
});

describe('countClasses', () => {
  it('describes each class as a closed range, the last one open, with the release threshold', () => {
    const classes = countClasses(cells([null, 0, 12, 20, 40, 80, null]));
    expect(classes.threshold).toBe(10);
    expect(classes.classes[0]).toMatchObject({ from: 10 });
    expect(classes.classes.at(-1)?.to).toBeNull();
    for (let i = 0; i + 1 < classes.classes.length; i++) {
      expect(classes.classes[i]?.to).toBe((classes.classes[i + 1]?.from ?? 0) - 1);
    }
  });

  it('has no classes when every count is zero or suppressed', () => {
    expect(countClasses(cells([0, null, null], 3))).toEqual({ threshold: 3, classes: [] });
  });
});

describe('releaseLayers', () => {
  const classes = countClasses(cells([null, 0, 12, 20, 40, 80, 160]));
  const layers = releaseLayers(classes);

  it('draws count fills, then the suppressed hatch, then outlines: the fills and outlines from the release source, the hatch from its twin', () => {
    expect(layers.map((layer) => layer.id)).toEqual([
      RELEASE_LAYER.fill,
      RELEASE_LAYER.suppressed,
      RELEASE_LAYER.outline,
    ]);
    expect(layers.map((layer) => ('source' in layer ? layer.source : null))).toEqual([
      SOURCE.releases,
      WITHHELD_TWIN[SOURCE.releases],
      SOURCE.releases,
    ]);
  });

  it('keeps suppressed features out of the count fill and hatches them instead', () => {
    const fill = layers.find((layer) => layer.id === RELEASE_LAYER.fill);
    const suppressed = layers.find((layer) => layer.id === RELEASE_LAYER.suppressed);
    expect(fill && 'filter' in fill ? fill.filter : null).toEqual(['!', ['==', ['get', 'suppressed'], true]]);
    expect(suppressed && 'filter' in suppressed ? suppressed.filter : null).toEqual([
      '==',
      ['get', 'suppressed'],
      true,
    ]);
    expect(suppressed?.type === 'fill' && suppressed.paint?.['fill-pattern']).toBe(SUPPRESSED_PATTERN);
  });

  it('colours zero apart from every class and steps through the class colours', () => {
    const colour = releaseFillColour(classes);
    expect(colour[0]).toBe('case');
    expect(colour[2]).toBe(RELEASE_COLOUR.zero);
    const step = colour[3] as unknown[];
    expect(step[0]).toBe('step');
    expect(step[2]).toBe(classes.classes[0]?.colour);
    expect(step.slice(3)).toEqual(classes.classes.slice(1).flatMap((item) => [item.from, item.colour]));
    expect(releaseFillColour(NO_COUNT_CLASSES)).toEqual(['literal', RELEASE_COLOUR.zero]);
  });

  it('is valid in the offline style, between the basemap and the boundaries', () => {
    const style = offlineStyle('http://127.0.0.1:8787');
    const withClasses = { ...style, layers: style.layers.map((l) => layers.find((r) => r.id === l.id) ?? l) };
    expect(validateStyleMin(withClasses)).toEqual([]);
    const ids = style.layers.map((layer) => layer.id);
    const boundaryStart = ids.indexOf(boundaryLayers()[0]?.id ?? '');
    const basemapEnd = basemapLayers().length;
    expect(ids.slice(basemapEnd, basemapEnd + layers.length)).toEqual(layers.map((layer) => layer.id));
    expect(basemapEnd + layers.length).toBeLessThanOrEqual(boundaryStart);
  });
});

describe('suppressedHatchImage', () => {
  const image = suppressedHatchImage(16, 3);
  const pixel = (x: number, y: number) =>
    Array.from(image.data.slice((y * 16 + x) * 4, (y * 16 + x) * 4 + 4));

  it('is an RGBA square of the asked size', () => {
    expect(image).toMatchObject({ width: 16, height: 16 });
    expect(image.data).toHaveLength(16 * 16 * 4);
  });

  it('draws opaque dark diagonal lines on a paler, partly transparent ground', () => {
    expect(pixel(0, 0)).toEqual([75, 85, 99, 255]);
    expect(pixel(15, 1)).toEqual([75, 85, 99, 255]);
    expect(pixel(8, 0)).toEqual([203, 213, 225, 200]);
  });

  it('tiles seamlessly: the lines continue across the edges', () => {
    for (let y = 0; y < 16; y++) expect(pixel(15, y)[3] === 255).toBe(pixel(0, (y + 15) % 16)[3] === 255);
  });
});
