/**
 * The released-counts layers: H3 cells or areas filled by count class on a sequential, colour-blind-safe
 * palette; suppressed features hatched grey so they never read as zero; zero left almost transparent.
 */
import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl';
import type { ReleasedCollection } from '../../api/types.ts';
import { SOURCE } from './ids.ts';

/** Ids of the released-counts layers, bottom to top. */
export const RELEASE_LAYER = {
  fill: 'tr-release-fill',
  suppressed: 'tr-release-suppressed',
  outline: 'tr-release-outline',
} as const;

/** Id of the generated hatch image that fills suppressed features. */
export const SUPPRESSED_PATTERN = 'tr-suppressed-hatch';

/** Most count classes a legend shows (the palette has this many colours). */
export const MAX_COUNT_CLASSES = 5;

/**
 * Colours of the released counts: ColorBrewer YlOrRd (sequential, colour-blind safe; its palest step
 * dropped so the lowest class stands out from zero), and greys for suppressed features.
 */
export const RELEASE_COLOUR = {
  classes: ['#fed976', '#feb24c', '#fd8d3c', '#f03b20', '#bd0026'],
  zero: '#ffffff',
  outline: '#ffffff',
  zeroOutline: '#94a3b8',
  suppressedLine: '#4b5563',
  suppressedBackground: '#cbd5e1',
} as const;

/** Opacity of count fills, so roads and names stay readable underneath; zero is fainter still. */
export const RELEASE_FILL_OPACITY = { count: 0.78, zero: 0.3, suppressed: 0.85 } as const;

/** One count class: counts from `from` to `to` inclusive (`to` `null`: and above), drawn in `colour`. */
export interface CountClass {
  from: number;
  to: number | null;
  colour: string;
}

/** The count classes of one release and the tier's threshold k (counts 1 to k − 1 are never published). */
export interface CountClasses {
  threshold: number;
  classes: CountClass[];
}

/** Rounds a class boundary to a number people read easily (to 5 from 20, to 10 from 100). */
function niceBoundary(value: number): number {
  if (value >= 100) return Math.round(value / 10) * 10;
  if (value >= 20) return Math.round(value / 5) * 5;
  return value;
}

/**
 * Lower bounds of up to `maxClasses` count classes over positive counts, by quantile and rounded to nice
 * numbers; the first bound is `lowest` (the threshold k, or the smallest count when that is lower).
 */
export function classLowerBounds(
  counts: readonly number[],
  lowest: number,
  maxClasses = MAX_COUNT_CLASSES,
): number[] {
  const positive = counts.filter((count) => count > 0).sort((a, b) => a - b);
  if (positive.length === 0) return [];
  const first = Math.min(lowest, positive[0] ?? lowest);
  const bounds = [first];
  for (let i = 1; i < maxClasses; i++) {
    const quantile = positive[Math.floor((i * positive.length) / maxClasses)];
    if (quantile === undefined) continue;
    const bound = niceBoundary(quantile);
    // Each class must hold a count: above the previous bound and the smallest count, at most the largest.
    const floor = Math.max(bounds.at(-1) ?? 0, positive[0] ?? 0);
    if (bound > floor && bound <= (positive.at(-1) ?? 0)) bounds.push(bound);
  }
  return bounds;
}

/** Colours for `n` classes, spread over the palette from light to dark. */
export function classColours(n: number): string[] {
  const palette = RELEASE_COLOUR.classes;
  if (n <= 0) return [];
  if (n === 1) return [palette[2]];
  return Array.from(
    { length: n },
    (_, i) => palette[Math.round((i * (palette.length - 1)) / (n - 1))] ?? palette[0],
  );
}

/** The count classes of a released collection, from its published (unsuppressed) counts and threshold. */
export function countClasses(collection: ReleasedCollection): CountClasses {
  const threshold = collection.release.threshold;
  const counts = collection.features.flatMap((feature) =>
    feature.properties.count === null ? [] : [feature.properties.count],
  );
  const bounds = classLowerBounds(counts, threshold);
  const colours = classColours(bounds.length);
  return {
    threshold,
    classes: bounds.map((from, i) => {
      const next = bounds[i + 1];
      return {
        from,
        to: next === undefined ? null : next - 1,
        colour: colours[i] ?? RELEASE_COLOUR.classes[0],
      };
    }),
  };
}

/** Count classes before any release is loaded: none. */
export const NO_COUNT_CLASSES: CountClasses = { threshold: 0, classes: [] };

const count: ExpressionSpecification = ['to-number', ['get', 'count'], 0];
const isZero: ExpressionSpecification = ['==', count, 0];
const isSuppressed: ExpressionSpecification = ['==', ['get', 'suppressed'], true];

/** Fill colour of a published count: its class colour, or the zero colour. */
export function releaseFillColour(classes: CountClasses): ExpressionSpecification {
  const [first, ...rest] = classes.classes;
  if (!first) return ['literal', RELEASE_COLOUR.zero];
  const steps = rest.flatMap((item) => [item.from, item.colour]);
  return ['case', isZero, RELEASE_COLOUR.zero, ['step', count, first.colour, ...steps]];
}

/** Layers of the released counts, bottom to top: count fills, suppressed hatch, outlines. */
export function releaseLayers(classes: CountClasses = NO_COUNT_CLASSES): LayerSpecification[] {
  return [
    {
      id: RELEASE_LAYER.fill,
      type: 'fill',
      source: SOURCE.releases,
      filter: ['!', isSuppressed],
      paint: {
        'fill-color': releaseFillColour(classes),
        'fill-opacity': ['case', isZero, RELEASE_FILL_OPACITY.zero, RELEASE_FILL_OPACITY.count],
      },
    },
    {
      id: RELEASE_LAYER.suppressed,
      type: 'fill',
      source: SOURCE.releasesWithheld,
      filter: isSuppressed,
      paint: { 'fill-pattern': SUPPRESSED_PATTERN, 'fill-opacity': RELEASE_FILL_OPACITY.suppressed },
    },
    {
      id: RELEASE_LAYER.outline,
      type: 'line',
      source: SOURCE.releases,
      layout: { 'line-join': 'round' },
      paint: {
        'line-color': [
          'case',
          isSuppressed,
          RELEASE_COLOUR.suppressedLine,
          isZero,
          RELEASE_COLOUR.zeroOutline,
          RELEASE_COLOUR.outline,
        ],
        'line-width': ['case', isSuppressed, 1.2, 0.7],
        'line-opacity': 0.9,
      },
    },
  ];
}

/** An RGBA image MapLibre can take with `addImage`. */
export interface PatternImage {
  width: number;
  height: number;
  data: Uint8Array;
}

function rgb(hex: string): [number, number, number] {
  const value = Number.parseInt(hex.slice(1), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

/** Device pixels per CSS pixel of the hatch image (drawn sharp on high-density screens). */
export const SUPPRESSED_PATTERN_PIXEL_RATIO = 2;

/**
 * The hatch that marks suppressed features: dark grey diagonal lines on a pale grey ground, `size` device
 * pixels square (default 16, so 8 CSS px between lines), repeating seamlessly.
 */
export function suppressedHatchImage(size = 16, lineWidth = 3): PatternImage {
  const data = new Uint8Array(size * size * 4);
  const line = rgb(RELEASE_COLOUR.suppressedLine);
  const ground = rgb(RELEASE_COLOUR.suppressedBackground);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const onLine = (x + y) % size < lineWidth;
      const [r, g, b] = onLine ? line : ground;
      data.set([r, g, b, onLine ? 255 : 200], (y * size + x) * 4);
    }
  }
  return { width: size, height: size, data };
}

/** CSS background drawing the same hatch in the legend (lines every 8 px, as on the map). */
export const SUPPRESSED_LEGEND_BACKGROUND = `repeating-linear-gradient(135deg, ${RELEASE_COLOUR.suppressedLine} 0 1.5px, ${RELEASE_COLOUR.suppressedBackground} 1.5px 5.66px)`;
