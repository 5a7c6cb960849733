import { describe, expect, it } from 'vitest';
import { offlineStyle } from '../style.ts';
import { boundaryLayers } from './boundaries.ts';
import { SELECTION_LAYER } from './selection.ts';
import {
  CLASHING_LAYERS,
  DEFAULT_MAP_LAYERS,
  isMapLayer,
  layerVisibility,
  MAP_LAYERS,
  STYLE_LAYERS,
  switchedOn,
  withLayerSwitched,
} from './toggles.ts';

describe('switchable layers', () => {
  const ids = offlineStyle('http://127.0.0.1:8787').layers.map((layer) => layer.id);

  it('stand for style layers in their drawing order, under the selection and the boundaries', () => {
    const order = MAP_LAYERS.flatMap((layer) => STYLE_LAYERS[layer]);
    expect(order.map((id) => ids.indexOf(id))).toEqual(
      [...order.map((id) => ids.indexOf(id))].sort((a, b) => a - b),
    );
    expect(order.every((id) => ids.includes(id))).toBe(true);
    const lastLayer = Math.max(...order.map((id) => ids.indexOf(id)));
    expect(lastLayer).toBeLessThan(ids.indexOf(SELECTION_LAYER.casing));
    expect(ids.indexOf(SELECTION_LAYER.line)).toBeLessThan(ids.indexOf(boundaryLayers()[0]?.id ?? ''));
  });

  it('show the layers switched on and hide every other one', () => {
    const visibility = new Map(layerVisibility(['counts', 'hotspots']));
    for (const layer of MAP_LAYERS) {
      const expected = layer === 'counts' || layer === 'hotspots' ? 'visible' : 'none';
      for (const id of STYLE_LAYERS[layer]) expect(visibility.get(id)).toBe(expected);
    }
    expect(layerVisibility([]).every(([, value]) => value === 'none')).toBe(true);
  });

  it('start the style as the map is shown: the layers switched on visible, every other one hidden', () => {
    const on = ['hotspots', 'venues'] as const;
    const style = offlineStyle('http://127.0.0.1:8787', {}, on);
    const visibility = new Map(
      style.layers.map((layer) => [
        layer.id,
        layer.layout && 'visibility' in layer.layout ? layer.layout.visibility : undefined,
      ]),
    );
    for (const [id, expected] of layerVisibility(on)) expect(visibility.get(id)).toBe(expected);
    expect(visibility.get(STYLE_LAYERS.hotspots[0] ?? '')).toBe('visible');
    expect(visibility.get(STYLE_LAYERS.counts[0] ?? '')).toBe('none');
  });

  it('switch off the layers that clash with one switched on, and nothing else', () => {
    expect(withLayerSwitched(['counts'], 'hotspots', true)).toEqual(['hotspots']);
    expect(withLayerSwitched(['risk', 'hotspots'], 'emerging', true)).toEqual(['risk', 'emerging']);
    expect(withLayerSwitched(['risk', 'emerging'], 'counts', true)).toEqual(['counts']);
    expect(withLayerSwitched(['risk', 'hotspots'], 'risk', false)).toEqual(['hotspots']);
    expect(withLayerSwitched(['hotspots'], 'hotspots', true)).toEqual(['hotspots']);
    expect(switchedOn(['emerging', 'risk', 'hotspots'])).toEqual(['risk', 'hotspots']);
  });

  it('clash in both directions', () => {
    for (const layer of MAP_LAYERS) {
      for (const other of CLASHING_LAYERS[layer]) expect(CLASHING_LAYERS[other]).toContain(layer);
    }
  });

  it('start with the released counts only and know their names', () => {
    expect(DEFAULT_MAP_LAYERS).toEqual(['counts']);
    expect(MAP_LAYERS.every(isMapLayer)).toBe(true);
    expect(isMapLayer('heatmap')).toBe(false);
  });
});
