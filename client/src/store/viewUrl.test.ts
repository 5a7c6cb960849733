import { describe, expect, it } from 'vitest';
import { lngLat } from '../map/geography.ts';
import { createAppStore } from './index.ts';
import { formatMapView, parseMapView, readInitialView, writeViewParams } from './viewUrl.ts';

describe('view in the URL', () => {
  const view = { center: lngLat(106.9, -6.25), zoom: 12.5 };

  it('round-trips a map position', () => {
    expect(formatMapView(view)).toBe('12.50/-6.25000/106.90000');
    expect(parseMapView(formatMapView(view))).toEqual(view);
  });

  it('rejects malformed positions and positions far from East Jakarta', () => {
    expect(parseMapView('12/abc/106.9')).toBeNull();
    expect(parseMapView('12/-6.2')).toBeNull();
    expect(parseMapView('12/48.85/2.35')).toBeNull();
  });

  it('prefers the language in the URL over the stored one, and ignores unknown languages', () => {
    expect(readInitialView('?lang=en', 'id').language).toBe('en');
    expect(readInitialView('?lang=fr', 'en').language).toBe('en');
    expect(readInitialView('', null)).toEqual({ language: undefined, mapView: null });
  });

  it('writes language and position while keeping other parameters', () => {
    expect(writeViewParams('?period=2024-Q1', 'en', view)).toBe(
      '?period=2024-Q1&lang=en&view=12.50/-6.25000/106.90000',
    );
    expect(writeViewParams('?lang=en&view=1/2/3', 'id', null)).toBe('?lang=id');
  });

  it('starts the store from the URL view and names changes as events', () => {
    const store = createAppStore(readInitialView('?lang=en&view=13.00/-6.20000/106.88000', null));
    expect(store.getState().language).toBe('en');
    store.getState().languageChosen('id');
    store.getState().homeViewRequested();
    expect(store.getState()).toMatchObject({ language: 'id', mapView: null, homeViewRequests: 1 });
  });
});
