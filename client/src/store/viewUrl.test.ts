import { describe, expect, it } from 'vitest';
import { lngLat } from '../map/geography.ts';
import { createAppStore } from './index.ts';
import {
  formatMapView,
  parseMapView,
  readInitialFilters,
  readInitialView,
  writeFilterParams,
  writeViewParams,
} from './viewUrl.ts';

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
    expect(readInitialView('', null)).toEqual({ language: undefined, mapView: null, selectedPlace: null });
  });

  it('writes language and position while keeping other parameters', () => {
    expect(writeViewParams('?period=2024-Q1', 'en', view)).toBe(
      '?period=2024-Q1&lang=en&view=12.50/-6.25000/106.90000',
    );
    expect(writeViewParams('?lang=en&view=1/2/3', 'id', null)).toBe('?lang=id');
  });

  it('keeps the selected cell or area in the link, and opens it again from the link', () => {
    const cell = { kind: 'cell', id: '886ce1a5a3fffff', resolution: 8 } as const;
    expect(writeViewParams('?lang=id', 'id', null, cell)).toBe('?lang=id&place=886ce1a5a3fffff');
    expect(writeViewParams('?lang=id&place=886ce1a5a3fffff', 'id', null, null)).toBe('?lang=id');
    expect(readInitialView('?place=886ce1a5a3fffff', null).selectedPlace).toEqual(cell);
    expect(readInitialView('?place=31.75.08.1004', null).selectedPlace).toEqual({
      kind: 'area',
      id: '31.75.08.1004',
      level: 'kelurahan',
      name: null,
    });
    expect(readInitialView('?place=31.75.08', null).selectedPlace).toMatchObject({ level: 'kecamatan' });
    expect(readInitialView('?place=31.75', null).selectedPlace).toMatchObject({ level: 'kota' });
    for (const bad of ['896ce1a5a3fffff', '31.74.01', 'x']) {
      expect(readInitialView(`?place=${bad}`, null).selectedPlace, bad).toBeNull();
    }
    const store = createAppStore(readInitialView('?place=31.75.08.1004', null));
    expect(store.getState().selectedPlace).toMatchObject({ id: '31.75.08.1004' });
  });

  it('starts the store from the URL view and names changes as events', () => {
    const store = createAppStore(readInitialView('?lang=en&view=13.00/-6.20000/106.88000', null));
    expect(store.getState().language).toBe('en');
    store.getState().languageChosen('id');
    store.getState().homeViewRequested();
    expect(store.getState()).toMatchObject({ language: 'id', mapView: null, homeViewRequests: 1 });
  });

  it('reads filters from the URL, dropping malformed ones', () => {
    expect(readInitialFilters('?period=2024-Q2&category=csam&geo=h3-8')).toEqual({
      period: '2024-Q2',
      category: 'csam',
      geography: 'h3-8',
    });
    expect(readInitialFilters('?period=2024-13&category=drugs&geo=h3-9')).toEqual({});
  });

  it('writes filters next to the view, leaving out a period not yet decided', () => {
    const filters = { period: '2025', category: 'all' as const, geography: 'kelurahan' as const };
    expect(writeFilterParams('?lang=id', filters)).toBe('?lang=id&period=2025&category=all&geo=kelurahan');
    expect(writeFilterParams('?period=2024&lang=en', { ...filters, period: null })).toBe(
      '?lang=en&category=all&geo=kelurahan',
    );
    const store = createAppStore(
      {},
      readInitialFilters(writeFilterParams('', { ...filters, geography: 'h3-7' })),
    );
    expect(store.getState().filters).toEqual({ ...filters, geography: 'h3-7' });
  });
});
