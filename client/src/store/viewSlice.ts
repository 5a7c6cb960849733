/** View slice: what the person looks at (language, map position, layers switched on, model panel); the URL mirrors most of it. */
import { DEFAULT_LANGUAGE, type Language } from '../i18n/index.ts';
import type { MapView } from '../map/geography.ts';
import { DEFAULT_MAP_LAYERS, switchedOn, withLayerSwitched, type MapLayer } from '../map/layers/toggles.ts';
import type { SelectedPlace } from './selectionSlice.ts';
import type { SliceCreator } from './types.ts';

/** State and events of the view. */
export interface ViewSlice {
  /** Interface language; default `id`. */
  language: Language;
  /** Current map position, or `null` while the map shows all of East Jakarta (home view). */
  mapView: MapView | null;
  /** Counts requests to show all of East Jakarta, so the map controller reacts to each one. */
  homeViewRequests: number;
  /** Map layers switched on, in drawing order (bottom to top); default the released counts only. */
  mapLayers: readonly MapLayer[];
  /** Whether the "model and forecast" section of the side panel is open (its figures load only then). */
  modelPanelOpen: boolean;
  /** Counts requests to export the map view as a PNG image, so the map controller reacts to each one. */
  mapImageRequests: number;
  /** The person chose a language. */
  languageChosen: (language: Language) => void;
  /** The map came to rest at a new position (sent by the map controller). */
  mapMoved: (view: MapView) => void;
  /** The person asked to see all of East Jakarta again. */
  homeViewRequested: () => void;
  /** The person switched a map layer on (`true`, switching off the layers that clash with it) or off. */
  layerSwitched: (layer: MapLayer, on: boolean) => void;
  /** The person opened (`true`) or closed the model and forecast section. */
  modelPanelToggled: (open: boolean) => void;
  /** The person asked for an image (PNG) of the map view. */
  mapImageRequested: () => void;
}

/** What the view starts from, usually read from the URL and storage. */
export interface InitialView {
  language?: Language;
  mapView?: MapView | null;
  mapLayers?: readonly MapLayer[];
  /** The place whose details are open (kept by the selection slice). */
  selectedPlace?: SelectedPlace | null;
}

/** Creates the view slice from an initial language, map position and layers. */
export function createViewSlice(initial: InitialView = {}): SliceCreator<ViewSlice> {
  return (set) => ({
    language: initial.language ?? DEFAULT_LANGUAGE,
    mapView: initial.mapView ?? null,
    homeViewRequests: 0,
    mapLayers: switchedOn(initial.mapLayers ?? DEFAULT_MAP_LAYERS),
    modelPanelOpen: false,
    mapImageRequests: 0,
    languageChosen: (language) => set({ language }),
    mapMoved: (mapView) => set({ mapView }),
    homeViewRequested: () =>
      set((state) => ({ mapView: null, homeViewRequests: state.homeViewRequests + 1 })),
    layerSwitched: (layer, on) =>
      set((state) => ({ mapLayers: withLayerSwitched(state.mapLayers, layer, on) })),
    modelPanelToggled: (modelPanelOpen) => set({ modelPanelOpen }),
    mapImageRequested: () => set((state) => ({ mapImageRequests: state.mapImageRequests + 1 })),
  });
}
