/**
 * The view in the URL (`?lang=en&view=zoom/lat/lng&place=31.75.08.1004&period=2025&category=all&geo=kelurahan&layers=counts,hotspots`)
 * and in storage, so a link reproduces what the person saw and the language choice survives a reload.
 */
import type { EmergingStep } from '../api/types.ts';
import { isLanguage, type Language } from '../i18n/index.ts';
import { isWithinPanLimit, lngLat, MAX_ZOOM, MIN_ZOOM, type MapView } from '../map/geography.ts';
import { isMapLayer, type MapLayer } from '../map/layers/toggles.ts';
import {
  isCategoryFilter,
  isEmergingStep,
  isGeography,
  type FilterChoice,
  type InitialFilters,
} from './filtersSlice.ts';
import type { AppStore } from './index.ts';
import { isPeriod } from './periods.ts';
import { parsePlace, type SelectedPlace } from './selectionSlice.ts';
import type { InitialView } from './viewSlice.ts';

/** Query parameter holding the interface language. */
export const LANGUAGE_PARAM = 'lang';

/** Query parameter holding the map position as `zoom/lat/lng`. */
export const VIEW_PARAM = 'view';

/** Query parameter holding the release period (`YYYY`, `YYYY-Qn` or `YYYY-MM`). */
export const PERIOD_PARAM = 'period';

/** Query parameter holding the incident category (`all` or a category code). */
export const CATEGORY_PARAM = 'category';

/** Query parameter holding the geography of the released counts (`kecamatan`, `kelurahan`, `h3-7`, `h3-8`). */
export const GEOGRAPHY_PARAM = 'geo';

/** Query parameter holding the map layers switched on, comma-separated (`counts,risk,hotspots,emerging`). */
export const LAYERS_PARAM = 'layers';

/** Query parameter holding the time step of emerging hot spots (`quarter` or `month`), while that layer is on. */
export const STEP_PARAM = 'step';

/** Query parameter holding the selected place: an H3 index or an area code, while its details are open. */
export const PLACE_PARAM = 'place';

/** Key of the language choice in `localStorage`. */
export const LANGUAGE_STORAGE_KEY = 'titik-rawan.language';

/** Formats a map position as `zoom/lat/lng` with enough decimals for about 1 m at street level. */
export function formatMapView(view: MapView): string {
  return `${view.zoom.toFixed(2)}/${view.center.lat.toFixed(5)}/${view.center.lng.toFixed(5)}`;
}

/** Parses `zoom/lat/lng`; `null` when malformed or outside the area the map may show. */
export function parseMapView(text: string | null): MapView | null {
  if (!text) return null;
  const parts = text.split('/');
  if (parts.length !== 3) return null;
  const [zoom, lat, lng] = parts.map(Number);
  if (zoom === undefined || lat === undefined || lng === undefined) return null;
  if (![zoom, lat, lng].every(Number.isFinite)) return null;
  const center = lngLat(lng, lat);
  if (!isWithinPanLimit(center)) return null;
  return { center, zoom: Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom)) };
}

/** Parses a comma-separated list of map layers, dropping unknown names; `undefined` when there is no list. */
export function parseMapLayers(text: string | null): MapLayer[] | undefined {
  if (text === null) return undefined;
  return text.split(',').filter(isMapLayer);
}

/**
 * Reads the starting view: language from the URL, else storage; map position and layers from the URL only
 * (no `layers` parameter: the default layers).
 */
export function readInitialView(search: string, storedLanguage: string | null): InitialView {
  const params = new URLSearchParams(search);
  const fromUrl = params.get(LANGUAGE_PARAM);
  const language: Language | undefined = isLanguage(fromUrl)
    ? fromUrl
    : isLanguage(storedLanguage)
      ? storedLanguage
      : undefined;
  return {
    language,
    mapView: parseMapView(params.get(VIEW_PARAM)),
    mapLayers: parseMapLayers(params.get(LAYERS_PARAM)),
    selectedPlace: parsePlace(params.get(PLACE_PARAM)),
  };
}

/**
 * Returns `search` with the view's parameters set (the home view drops `view`, no selection drops `place`); other
 * parameters are kept.
 */
export function writeViewParams(
  search: string,
  language: Language,
  mapView: MapView | null,
  selectedPlace: SelectedPlace | null = null,
): string {
  const params = new URLSearchParams(search);
  params.set(LANGUAGE_PARAM, language);
  if (mapView) params.set(VIEW_PARAM, formatMapView(mapView));
  else params.delete(VIEW_PARAM);
  if (selectedPlace) params.set(PLACE_PARAM, selectedPlace.id);
  else params.delete(PLACE_PARAM);
  const text = params.toString().replaceAll('%2F', '/');
  return text ? `?${text}` : '';
}

/** Reads the filters from a query string, dropping malformed values (the tier's limits are applied later). */
export function readInitialFilters(search: string): InitialFilters {
  const params = new URLSearchParams(search);
  const period = params.get(PERIOD_PARAM);
  const category = params.get(CATEGORY_PARAM);
  const geography = params.get(GEOGRAPHY_PARAM);
  const step = params.get(STEP_PARAM);
  return {
    ...(isPeriod(period) ? { period } : {}),
    ...(isCategoryFilter(category) ? { category } : {}),
    ...(isGeography(geography) ? { geography } : {}),
    ...(isEmergingStep(step) ? { emergingStep: step } : {}),
  };
}

/** Returns `search` with the filters' parameters set (a period not yet decided is left out); other parameters are kept. */
export function writeFilterParams(search: string, filters: FilterChoice): string {
  const params = new URLSearchParams(search);
  if (filters.period) params.set(PERIOD_PARAM, filters.period);
  else params.delete(PERIOD_PARAM);
  params.set(CATEGORY_PARAM, filters.category);
  params.set(GEOGRAPHY_PARAM, filters.geography);
  const text = params.toString().replaceAll('%2F', '/');
  return text ? `?${text}` : '';
}

/**
 * Returns `search` with the layers switched on and, while emerging hot spots are on, their step; other parameters
 * are kept.
 */
export function writeLayerParams(search: string, layers: readonly MapLayer[], step: EmergingStep): string {
  const params = new URLSearchParams(search);
  params.set(LAYERS_PARAM, layers.join(','));
  if (layers.includes('emerging')) params.set(STEP_PARAM, step);
  else params.delete(STEP_PARAM);
  const text = params.toString().replaceAll('%2F', '/').replaceAll('%2C', ',');
  return text ? `?${text}` : '';
}

function readStoredLanguage(): string | null {
  try {
    return window.localStorage.getItem(LANGUAGE_STORAGE_KEY);
  } catch {
    return null;
  }
}

/** Reads the starting view from the current page's URL and storage. */
export function readInitialViewFromPage(): InitialView {
  return readInitialView(window.location.search, readStoredLanguage());
}

/** Reads the starting filters from the current page's URL. */
export function readInitialFiltersFromPage(): InitialFilters {
  return readInitialFilters(window.location.search);
}

/**
 * Keeps the URL (view, filters and layers; replaceState, no history entry per pan), storage, `<html lang>` and the
 * document title in step with the store; returns a function that stops it.
 */
export function syncViewToPage(store: AppStore, documentTitle: (language: Language) => string): () => void {
  const apply = () => {
    const { language, mapView, selectedPlace, filters, mapLayers, emergingStep } = store.getState();
    const search = writeLayerParams(
      writeFilterParams(writeViewParams(window.location.search, language, mapView, selectedPlace), filters),
      mapLayers,
      emergingStep,
    );
    if (search !== window.location.search) {
      const url = `${window.location.pathname}${search}${window.location.hash}`;
      window.history.replaceState(window.history.state, '', url);
    }
    document.documentElement.lang = language;
    document.title = documentTitle(language);
  };
  apply();
  const stopView = store.subscribe(
    (state) =>
      [
        state.language,
        state.mapView,
        state.selectedPlace,
        state.filters,
        state.mapLayers,
        state.emergingStep,
      ] as const,
    apply,
    { equalityFn: (a, b) => a.every((value, i) => value === b[i]) },
  );
  const stopStorage = store.subscribe(
    (state) => state.language,
    (language) => {
      try {
        window.localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
      } catch {
        // Storage can be disabled (private mode); the URL still carries the language.
      }
    },
  );
  return () => {
    stopView();
    stopStorage();
  };
}
