/** The map layers the person switches on and off, and the style layers each one stands for. */
import { EMERGING_LAYER } from './emerging.ts';
import { HOTSPOT_LAYER } from './hotspots.ts';
import { INTERVENTION_LAYER, VENUE_LAYER } from './places.ts';
import { RELEASE_LAYER } from './releases.ts';
import { RISK_LAYER } from './riskTerrain.ts';

/**
 * Layers the person can switch, bottom to top: released counts, risk terrain, hot spots, emerging hot spots,
 * venues and interventions.
 */
export const MAP_LAYERS = ['counts', 'risk', 'hotspots', 'emerging', 'venues', 'interventions'] as const;

/** The layers drawn from the hot spot analytics (computed per H3 cell at the analysis resolution). */
export const ANALYSIS_LAYERS = ['risk', 'hotspots', 'emerging'] as const satisfies readonly MapLayer[];

/** The point layers, which only signed-in accounts may see. */
export const POINT_LAYERS = ['venues', 'interventions'] as const satisfies readonly MapLayer[];

/** One switchable map layer. */
export type MapLayer = (typeof MAP_LAYERS)[number];

/** Layers on when nothing else is chosen: the released counts only. */
export const DEFAULT_MAP_LAYERS: readonly MapLayer[] = ['counts'];

/** Style layer ids drawn for each switchable layer. */
export const STYLE_LAYERS: Readonly<Record<MapLayer, readonly string[]>> = {
  counts: Object.values(RELEASE_LAYER),
  risk: Object.values(RISK_LAYER),
  hotspots: Object.values(HOTSPOT_LAYER),
  emerging: Object.values(EMERGING_LAYER),
  venues: Object.values(VENUE_LAYER),
  interventions: Object.values(INTERVENTION_LAYER),
};

/**
 * Layers that cannot be read together, so switching one on switches these off: the counts fill every area and
 * share reds with the analyses, and hot spots and emerging hot spots colour the same cells in the same hues. The
 * risk terrain's purple surface stays readable under the mostly clear hot spot layers; points go with everything.
 */
export const CLASHING_LAYERS: Readonly<Record<MapLayer, readonly MapLayer[]>> = {
  counts: ['risk', 'hotspots', 'emerging'],
  risk: ['counts'],
  hotspots: ['counts', 'emerging'],
  emerging: ['counts', 'hotspots'],
  venues: [],
  interventions: [],
};

/** The layers on after switching `layer` on (and the layers clashing with it off) or off, in drawing order. */
export function withLayerSwitched(layers: readonly MapLayer[], layer: MapLayer, on: boolean): MapLayer[] {
  const kept = layers.filter((other) => other !== layer && !(on && CLASHING_LAYERS[layer].includes(other)));
  return MAP_LAYERS.filter((candidate) => kept.includes(candidate) || (on && candidate === layer));
}

/** Layers switched on in the order given (later ones switching off those they clash with), in drawing order. */
export function switchedOn(layers: readonly MapLayer[]): MapLayer[] {
  return layers.reduce<MapLayer[]>((on, layer) => withLayerSwitched(on, layer, true), []);
}

/** Whether a value names a switchable layer. */
export function isMapLayer(value: unknown): value is MapLayer {
  return typeof value === 'string' && (MAP_LAYERS as readonly string[]).includes(value);
}

/** The `visibility` of every switchable style layer when the layers in `on` are on. */
export function layerVisibility(
  on: readonly MapLayer[],
): Array<[layerId: string, visibility: 'visible' | 'none']> {
  return MAP_LAYERS.flatMap((layer) =>
    STYLE_LAYERS[layer].map((id): [string, 'visible' | 'none'] => [
      id,
      on.includes(layer) ? 'visible' : 'none',
    ]),
  );
}
