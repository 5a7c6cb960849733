import { describe, expect, it } from 'vitest';
import { createAppStore } from './index.ts';
import { parseMapLayers, readInitialFilters, readInitialView, writeLayerParams } from './viewUrl.ts';

describe('layers in the URL', () => {
  it('reads the layers switched on, dropping unknown names; no parameter means the default', () => {
    expect(parseMapLayers('counts,hotspots')).toEqual(['counts', 'hotspots']);
    expect(parseMapLayers('hotspots,heatmap,,risk')).toEqual(['hotspots', 'risk']);
    expect(parseMapLayers('')).toEqual([]);
    expect(parseMapLayers(null)).toBeUndefined();
    expect(readInitialView('?layers=emerging', null).mapLayers).toEqual(['emerging']);
    expect(createAppStore(readInitialView('', null)).getState().mapLayers).toEqual(['counts']);
  });

  it('keeps the layers in drawing order, later ones in the link switching off those they clash with', () => {
    expect(createAppStore(readInitialView('?layers=emerging,risk,risk', null)).getState().mapLayers).toEqual([
      'risk',
      'emerging',
    ]);
    expect(createAppStore(readInitialView('?layers=hotspots,counts', null)).getState().mapLayers).toEqual([
      'counts',
    ]);
  });

  it('writes the layers, and the trend step only while emerging hot spots are on', () => {
    expect(writeLayerParams('?lang=id', ['counts', 'hotspots'], 'month')).toBe(
      '?lang=id&layers=counts,hotspots',
    );
    expect(writeLayerParams('?step=month', ['emerging'], 'month')).toBe('?step=month&layers=emerging');
    expect(writeLayerParams('?layers=risk&step=month', [], 'quarter')).toBe('?layers=');
  });

  it('reproduces switched layers and step from a written link', () => {
    const store = createAppStore();
    store.getState().layerSwitched('emerging', true);
    store.getState().emergingStepChosen('month');
    const link = writeLayerParams('', store.getState().mapLayers, store.getState().emergingStep);
    const copy = createAppStore(readInitialView(link, null), readInitialFilters(link));
    expect(copy.getState().mapLayers).toEqual(['emerging']);
    expect(copy.getState().emergingStep).toBe('month');
    expect(readInitialFilters('?step=weekly')).toEqual({});
  });
});
