/** View slice: what the person looks at (language, map position); the URL mirrors it. */
import { DEFAULT_LANGUAGE, type Language } from '../i18n/index.ts';
import type { MapView } from '../map/geography.ts';
import type { SliceCreator } from './types.ts';

/** State and events of the view. */
export interface ViewSlice {
  /** Interface language; default `id`. */
  language: Language;
  /** Current map position, or `null` while the map shows all of East Jakarta (home view). */
  mapView: MapView | null;
  /** Counts requests to show all of East Jakarta, so the map controller reacts to each one. */
  homeViewRequests: number;
  /** The person chose a language. */
  languageChosen: (language: Language) => void;
  /** The map came to rest at a new position (sent by the map controller). */
  mapMoved: (view: MapView) => void;
  /** The person asked to see all of East Jakarta again. */
  homeViewRequested: () => void;
}

/** What the view starts from, usually read from the URL and storage. */
export interface InitialView {
  language?: Language;
  mapView?: MapView | null;
}

/** Creates the view slice from an initial language and map position. */
export function createViewSlice(initial: InitialView = {}): SliceCreator<ViewSlice> {
  return (set) => ({
    language: initial.language ?? DEFAULT_LANGUAGE,
    mapView: initial.mapView ?? null,
    homeViewRequests: 0,
    languageChosen: (language) => set({ language }),
    mapMoved: (mapView) => set({ mapView }),
    homeViewRequested: () =>
      set((state) => ({ mapView: null, homeViewRequests: state.homeViewRequests + 1 })),
  });
}
