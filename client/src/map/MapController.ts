/**
 * The one owner of the dashboard's `maplibregl.Map`: builds the style with the boundaries and whatever the store
 * already holds, draws the released counts and analyses the store holds, switches layers on and off, follows the
 * store and reports map movement and clicked cells back to it. Nothing else touches the map or its style.
 */
import maplibregl, {
  type GeoJSONSource,
  type MapLibreEvent,
  type MapMouseEvent,
  type MapStyleImageMissingEvent,
  type StyleSpecification,
} from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { Feature, FeatureCollection } from 'geojson';
import { AREA_LEVELS } from '@titik-rawan/shared/codes';
import { basemapFileUrl, type Boundaries } from '../api/client.ts';
import type { AreaLevel } from '../api/types.ts';
import { translate, type Language } from '../i18n/index.ts';
import { analysisRequestKey, currentAnalysis } from '../store/analyses.ts';
import type { ShownAnalysis } from '../store/analysesSlice.ts';
import type { AppStore } from '../store/index.ts';
import { releaseRequestKey, type ShownRelease } from '../store/releasesSlice.ts';
import type { CoverageState, PatrolState, PlacementState } from '../store/planningSlice.ts';
import type { PointKind, PointState } from '../store/pointsSlice.ts';
import type { SelectedPlace } from '../store/selectionSlice.ts';
import {
  EAST_JAKARTA_BOUNDS,
  lngLat,
  type LngLat,
  MAX_ZOOM,
  MIN_ZOOM,
  PAN_LIMIT_BOUNDS,
  type MapView,
} from './geography.ts';
import { areaLabelPoints } from './labelPoints.ts';
import { uncoveredCells } from './layers/coverage.ts';
import { EMERGING_LAYER } from './layers/emerging.ts';
import { HOTSPOT_LAYER } from './layers/hotspots.ts';
import { patrolFeatures } from './layers/patrol.ts';
import { metresToPixels, PLACEMENT_LAYER, VENUE_LAYER } from './layers/places.ts';
import { SOURCE, type SourceId, withheldTwin } from './layers/ids.ts';
import {
  NO_COUNT_CLASSES,
  RELEASE_LAYER,
  releaseFillColour,
  SUPPRESSED_PATTERN,
  SUPPRESSED_PATTERN_PIXEL_RATIO,
  suppressedHatchImage,
} from './layers/releases.ts';
import { RISK_LAYER } from './layers/riskTerrain.ts';
import { layerVisibility, type MapLayer } from './layers/toggles.ts';
import {
  BASEMAP_FILES,
  FONT_ATTRIBUTION,
  type InitialSourceData,
  NO_FEATURES,
  offlineStyle,
  withBoundaryOverlay,
} from './style.ts';
import {
  exposeAnalysisForTests,
  exposeCoverageForTests,
  exposeMapForTests,
  exposePointsForTests,
  exposeReleaseForTests,
  withdrawMapForTests,
  type MapAnalysis,
} from './testHook.ts';
import { homePadding } from './viewport.ts';

/** Settings of a map controller. */
export interface MapControllerOptions {
  /** Origin of our server (absolute URLs for MapLibre); default `window.location.origin`. */
  origin?: string;
  /** External MapLibre style to draw under our boundaries; `null` (default) uses the offline basemap. */
  basemapStyleUrl?: string | null;
  /** The boundaries to draw; `null` (default) when they could not be loaded. */
  boundaries?: Boundaries | null;
  /** Called once when the map's style has loaded and its first frame can be drawn. */
  onLoaded?: () => void;
  /** Called with a copy of the map's drawn canvas (device pixels) and its attribution text after each `mapImageRequested`. */
  onMapImage?: (image: HTMLCanvasElement, attribution: string) => void;
}

/** Colour of the marker of a picked point: a dark red that none of the layers uses. */
const PICKED_POINT_COLOUR = '#9f1239';

/** `eventData` marking camera moves the controller makes to show the home view. */
const HOME_MOVE = { titikRawanHome: true } as const;

/** Duration of animated camera moves started from the dashboard's own buttons, in milliseconds. */
export const CAMERA_ANIMATION_MS = 400;

/** Padding around East Jakarta on a printed home view, in CSS pixels. */
const PRINT_PADDING_PX = 12;

/** The source each drawn analysis is written to. */
const ANALYSIS_SOURCE: Readonly<Record<MapAnalysis, SourceId>> = {
  hotspots: SOURCE.hotspots,
  emerging: SOURCE.emerging,
  risk: SOURCE.riskTerrain,
};

/** The analyses the map draws. */
const MAP_ANALYSES = Object.keys(ANALYSIS_SOURCE) as MapAnalysis[];

/** The source each point layer's data is written to. */
const POINT_SOURCE: Readonly<Record<PointKind, SourceId>> = {
  venues: SOURCE.venues,
  interventions: SOURCE.interventions,
};

/** The point layers the map draws. */
const POINT_KINDS = Object.keys(POINT_SOURCE) as PointKind[];

/** Layers whose features a click selects as a cell or area (hidden layers are not queried), topmost first. */
const CLICKABLE_LAYERS = [
  EMERGING_LAYER.fill,
  EMERGING_LAYER.withheld,
  HOTSPOT_LAYER.fill,
  HOTSPOT_LAYER.withheld,
  RISK_LAYER.fill,
  RELEASE_LAYER.fill,
  RELEASE_LAYER.suppressed,
];

/** The H3 cell or area a clicked feature stands for, or `null` when it is neither. */
function clickedPlace(properties: Record<string, unknown> | null | undefined): SelectedPlace | null {
  const { cell, resolution, code, level, name } = properties ?? {};
  if (typeof cell === 'string' && typeof resolution === 'number')
    return { kind: 'cell', id: cell, resolution };
  if (typeof code === 'string' && isAreaLevel(level) && typeof name === 'string') {
    return { kind: 'area', id: code, level, name };
  }
  return null;
}

function isAreaLevel(value: unknown): value is AreaLevel {
  return (AREA_LEVELS as readonly unknown[]).includes(value);
}

/** The boundary sources' data: the areas of each level, and the kecamatan and kelurahan names' points. */
function boundarySourceData(boundaries: Boundaries | null): InitialSourceData {
  if (!boundaries) return {};
  const { kota, kecamatan, kelurahan } = boundaries;
  return {
    [SOURCE.kota]: kota,
    [SOURCE.kecamatan]: kecamatan,
    [SOURCE.kelurahan]: kelurahan,
    [SOURCE.kecamatanLabels]: areaLabelPoints(kecamatan),
    [SOURCE.kelurahanLabels]: areaLabelPoints(kelurahan),
  };
}

/** What the release source draws: the released counts shown, or nothing. */
function releaseData(shown: ShownRelease | null): FeatureCollection {
  return shown ? (shown.collection as FeatureCollection) : NO_FEATURES;
}

/** What an analysis source draws: the answer shown, or nothing. */
function analysisData(shown: ShownAnalysis<MapAnalysis> | null): FeatureCollection {
  return shown ? (shown.data as FeatureCollection) : NO_FEATURES;
}

/** What a point source draws: the venues or interventions loaded, or nothing. */
function pointData(points: PointState<PointKind>): FeatureCollection {
  return points.status === 'ready' ? (points.data as FeatureCollection) : NO_FEATURES;
}

/** The id of the cell or area a drawn feature stands for. */
function placeIdOf(feature: Feature): unknown {
  return feature.properties?.cell ?? feature.properties?.code;
}

/**
 * Starts MapLibre's web worker before a map exists, so that the worker's code is loaded and compiled while the first
 * data is still being fetched rather than after the map is created (about half a second on slow machines).
 */
export function prewarmMap(): void {
  maplibregl.prewarm();
}

/** Owns the dashboard's MapLibre map for one container; call `destroy()` when the container goes away. */
export class MapController {
  private readonly map: maplibregl.Map;
  private readonly store: AppStore;
  private readonly unsubscribers: Array<() => void> = [];
  private readonly onLoaded: (() => void) | undefined;
  private readonly onMapImage: ((image: HTMLCanvasElement, attribution: string) => void) | undefined;
  /**
   * What each of our sources holds (or is being sent): the style starts with what the store already has, and data
   * already there is not sent to MapLibre's worker again (each update costs a round trip and a frame).
   */
  private readonly sourceData = new Map<SourceId, FeatureCollection>();
  private destroyed = false;
  /** Whether the style has loaded (its sources exist); set on the map's `style.load` event. */
  private styleReady = false;
  /** Matches while the page is printed, so the home view is fitted to the printed map and back. */
  private readonly printMedia: MediaQueryList | null =
    typeof window.matchMedia === 'function' ? window.matchMedia('print') : null;
  /** Whether the map shows the home view (all of East Jakarta) rather than a place the person moved to. */
  private atHome: boolean;
  /** The marker of the point a form holds (`pickedPoint`), while there is one. */
  private pickedMarker: maplibregl.Marker | null = null;

  /** Creates the map in `container`, starting from the store's view (or all of East Jakarta). */
  constructor(container: HTMLElement, store: AppStore, options: MapControllerOptions = {}) {
    this.store = store;
    this.onLoaded = options.onLoaded;
    this.onMapImage = options.onMapImage;
    const origin = options.origin ?? window.location.origin;
    const state = store.getState();
    const { language, mapView } = state;
    this.atHome = mapView === null;
    const initial: InitialSourceData = {
      ...boundarySourceData(options.boundaries ?? null),
      [SOURCE.releases]: releaseData(state.releasedCounts.shown),
      ...Object.fromEntries(
        MAP_ANALYSES.map((analysis) => [
          ANALYSIS_SOURCE[analysis],
          analysisData(currentAnalysis(state, analysis)),
        ]),
      ),
      ...Object.fromEntries(POINT_KINDS.map((kind) => [POINT_SOURCE[kind], pointData(state.points[kind])])),
      // Drawn from the store once the style has loaded (the selection needs the drawn collections).
      [SOURCE.selection]: NO_FEATURES,
      [SOURCE.placements]: NO_FEATURES,
      [SOURCE.patrol]: NO_FEATURES,
      [SOURCE.coverage]: NO_FEATURES,
    };
    for (const [id, data] of Object.entries(initial) as Array<[SourceId, FeatureCollection]>) {
      this.sourceData.set(id, data);
    }

    this.map = new maplibregl.Map({
      container,
      ...(options.basemapStyleUrl ? {} : { style: offlineStyle(origin, initial, state.mapLayers) }),
      ...(mapView
        ? { center: [mapView.center.lng, mapView.center.lat], zoom: mapView.zoom }
        : { bounds: EAST_JAKARTA_BOUNDS, fitBoundsOptions: { padding: homePadding(container.clientWidth) } }),
      minZoom: MIN_ZOOM,
      maxZoom: MAX_ZOOM,
      maxBounds: PAN_LIMIT_BOUNDS,
      dragRotate: false,
      pitchWithRotate: false,
      touchPitch: false,
      attributionControl: false,
      locale: { 'AttributionControl.ToggleAttribution': translate(language)('map.attribution') },
      // Keep the drawn frame so that printing (and headless Chromium) gets the map, not a blank canvas.
      canvasContextAttributes: { preserveDrawingBuffer: true },
      // Labels appear at once instead of fading in: no run of extra frames while the map loads (each frame costs
      // much on slow and software-rendered graphics).
      fadeDuration: 0,
    });
    this.map.touchZoomRotate.disableRotation();
    this.map.keyboard.disableRotation();
    if (options.basemapStyleUrl) {
      this.map.setStyle(options.basemapStyleUrl, {
        transformStyle: (_previous, next: StyleSpecification) =>
          withBoundaryOverlay(next, origin, initial, state.mapLayers),
      });
    }
    this.map.addControl(new maplibregl.AttributionControl({ customAttribution: FONT_ATTRIBUTION }));

    this.map.on('moveend', this.handleMoveEnd);
    this.map.on('style.load', this.handleStyleLoad);
    this.map.on('load', this.handleLoad);
    if (!options.basemapStyleUrl) this.map.once('idle', () => this.loadBasemapFiles(origin));
    this.map.on('styleimagemissing', this.handleImageMissing);
    this.map.on('click', this.handleClick);
    this.printMedia?.addEventListener('change', this.handlePrintMedia);

    this.unsubscribers.push(
      store.subscribe((state) => state.homeViewRequests, this.showHome),
      store.subscribe((state) => state.mapImageRequests, this.captureImage),
      store.subscribe((state) => state.language, this.applyLanguage),
      store.subscribe((state) => state.releasedCounts.shown, this.applyRelease),
      store.subscribe((state) => state.mapLayers, this.applyLayers),
      store.subscribe((state) => state.selectedPlace, this.applySelection),
      store.subscribe((state) => state.placement, this.applyPlacement),
      store.subscribe((state) => state.patrol, this.applyPatrol),
      store.subscribe((state) => state.coverage, this.applyCoverage),
      store.subscribe((state) => state.pointPicking, this.applyPointPicking),
      store.subscribe((state) => state.pickedPoint, this.applyPickedPoint),
      ...POINT_KINDS.map((kind) =>
        store.subscribe(
          (state) => state.points[kind],
          (points) => this.applyPoints(kind, points),
        ),
      ),
      ...MAP_ANALYSES.map((analysis) =>
        store.subscribe(
          (state) => currentAnalysis(state, analysis),
          (shown) => this.applyAnalysis(analysis, shown),
        ),
      ),
    );
    this.applyLanguage(language);
    this.applyPointPicking(store.getState().pointPicking);
    this.applyPickedPoint(store.getState().pickedPoint);
    exposeMapForTests(this.map);
  }

  /** Zooms in one level, animated. */
  zoomIn(): void {
    this.atHome = false;
    this.map.zoomIn({ duration: CAMERA_ANIMATION_MS });
  }

  /** Zooms out one level, animated. */
  zoomOut(): void {
    this.atHome = false;
    this.map.zoomOut({ duration: CAMERA_ANIMATION_MS });
  }

  /** Stops listening to the map and the store and removes the map. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    for (const unsubscribe of this.unsubscribers.splice(0)) unsubscribe();
    this.map.off('moveend', this.handleMoveEnd);
    this.map.off('style.load', this.handleStyleLoad);
    this.map.off('load', this.handleLoad);
    this.map.off('styleimagemissing', this.handleImageMissing);
    this.map.off('click', this.handleClick);
    this.printMedia?.removeEventListener('change', this.handlePrintMedia);
    this.pickedMarker?.remove();
    withdrawMapForTests(this.map);
    exposeReleaseForTests(null);
    for (const analysis of MAP_ANALYSES) exposeAnalysisForTests(analysis, null);
    for (const kind of POINT_KINDS) exposePointsForTests(kind, null);
    exposePointsForTests('placements', null);
    exposePointsForTests('patrol', null);
    exposeCoverageForTests(null);
    this.map.remove();
  }

  private readonly handleMoveEnd = (event: MapLibreEvent & Partial<typeof HOME_MOVE>): void => {
    if (event.titikRawanHome) return;
    // Moves the person makes carry their input event; resizes of the container do not leave the home view.
    if (event.originalEvent) this.atHome = false;
    const center = this.map.getCenter();
    const view: MapView = { center: lngLat(center.lng, center.lat), zoom: this.map.getZoom() };
    this.store.getState().mapMoved(view);
  };

  private readonly handleLoad = (): void => {
    // On narrow maps MapLibre unfolds the compact attribution over our bottom sheet; fold it (its ⓘ button unfolds it).
    this.map
      .getContainer()
      .querySelector('.maplibregl-compact-show')
      ?.classList.remove('maplibregl-compact-show');
  };

  /**
   * The style's sources and layers exist: write what the store holds into them now (what changed since the style was
   * built), without waiting for the basemap's roads and transit to load (the map's `load` event).
   */
  private readonly handleStyleLoad = (): void => {
    this.styleReady = true;
    this.addSuppressedPattern();
    const state = this.store.getState();
    this.applyLayers(state.mapLayers);
    this.applyRelease(state.releasedCounts.shown);
    for (const analysis of MAP_ANALYSES) this.applyAnalysis(analysis, currentAnalysis(state, analysis));
    for (const kind of POINT_KINDS) this.applyPoints(kind, state.points[kind]);
    this.applyPlacement(state.placement);
    this.applyPatrol(state.patrol);
    this.applyCoverage(state.coverage);
    this.onLoaded?.();
  };

  /** Gives the offline basemap's road and transit sources their files, once the first view is drawn. */
  private loadBasemapFiles(origin: string): void {
    for (const [source, file] of Object.entries(BASEMAP_FILES)) {
      this.map.getSource<GeoJSONSource>(source)?.setData(basemapFileUrl(origin, file));
    }
  }

  /**
   * While a form waits for a point, sets it; otherwise zooms into a clicked cluster of venues, or selects the
   * topmost cell or area under the click, or clears the selection when none is there.
   */
  private readonly handleClick = (event: MapMouseEvent): void => {
    const state = this.store.getState();
    if (state.pointPicking) {
      state.pointPicked(lngLat(event.lngLat.lng, event.lngLat.lat));
      return;
    }
    const [cluster] = this.map.getLayer(VENUE_LAYER.clusters)
      ? this.map.queryRenderedFeatures(event.point, { layers: [VENUE_LAYER.clusters] })
      : [];
    const clusterId = cluster?.properties?.cluster_id;
    if (cluster?.geometry.type === 'Point' && typeof clusterId === 'number') {
      const [lng, lat] = cluster.geometry.coordinates as [number, number];
      void this.expandCluster(clusterId, lngLat(lng, lat));
      return;
    }
    const layers = CLICKABLE_LAYERS.filter((id) => this.map.getLayer(id));
    const features = this.map.queryRenderedFeatures(event.point, { layers });
    const place = features.map((feature) => clickedPlace(feature.properties)).find((found) => found !== null);
    state.placeSelected(place ?? null);
  };

  /** Shows a crosshair over the map while a click picks a point. */
  private readonly applyPointPicking = (picking: boolean): void => {
    if (this.destroyed) return;
    this.map.getCanvas().style.cursor = picking ? 'crosshair' : '';
  };

  /** Marks the point a form holds, or removes the mark. */
  private readonly applyPickedPoint = (point: LngLat | null): void => {
    if (this.destroyed) return;
    if (!point) {
      this.pickedMarker?.remove();
      this.pickedMarker = null;
      return;
    }
    if (!this.pickedMarker) {
      this.pickedMarker = new maplibregl.Marker({ color: PICKED_POINT_COLOUR });
      this.pickedMarker.getElement().dataset.testid = 'picked-point-marker';
    }
    this.pickedMarker.setLngLat([point.lng, point.lat]).addTo(this.map);
  };

  /** Zooms to where a venue cluster breaks apart, centred on it. */
  private async expandCluster(clusterId: number, center: LngLat): Promise<void> {
    const source = this.map.getSource<GeoJSONSource>(SOURCE.venues);
    if (!source) return;
    const zoom = await source.getClusterExpansionZoom(clusterId);
    if (this.destroyed) return;
    this.atHome = false;
    this.map.easeTo({ center: [center.lng, center.lat], zoom, duration: CAMERA_ANIMATION_MS });
  }

  private readonly handleImageMissing = (event: MapStyleImageMissingEvent): void => {
    if (event.id === SUPPRESSED_PATTERN) this.addSuppressedPattern();
  };

  /** Adds the generated hatch that fills suppressed features, once per style. */
  private addSuppressedPattern(): void {
    if (this.map.hasImage(SUPPRESSED_PATTERN)) return;
    this.map.addImage(SUPPRESSED_PATTERN, suppressedHatchImage(), {
      pixelRatio: SUPPRESSED_PATTERN_PIXEL_RATIO,
    });
  }

  /** Writes the released counts (or nothing) into the release source and colours them by their classes. */
  private readonly applyRelease = (shown: ShownRelease | null): void => {
    if (this.destroyed || !this.styleReady) return;
    this.map.setPaintProperty(
      RELEASE_LAYER.fill,
      'fill-color',
      releaseFillColour(shown?.classes ?? NO_COUNT_CLASSES),
    );
    this.writeSource(SOURCE.releases, releaseData(shown));
    exposeReleaseForTests(
      shown ? { key: releaseRequestKey(shown.request), features: shown.collection.features.length } : null,
    );
    this.applySelection(this.store.getState().selectedPlace);
  };

  /** Writes an analysis (or nothing) into its source. */
  private applyAnalysis(analysis: MapAnalysis, shown: ShownAnalysis<MapAnalysis> | null): void {
    if (this.destroyed || !this.styleReady) return;
    this.writeSource(ANALYSIS_SOURCE[analysis], analysisData(shown));
    exposeAnalysisForTests(
      analysis,
      shown
        ? { key: analysisRequestKey(analysis, shown.request), features: shown.data.features.length }
        : null,
    );
    this.applySelection(this.store.getState().selectedPlace);
  }

  /** Writes a point layer's venues or interventions (or nothing while they are not loaded) into its source. */
  private applyPoints<K extends PointKind>(kind: K, points: PointState<K>): void {
    if (this.destroyed || !this.styleReady) return;
    const data = pointData(points);
    this.writeSource(POINT_SOURCE[kind], data);
    exposePointsForTests(kind, points.status === 'ready' ? data.features.length : null);
  }

  /** Outlines the cells a coverage check found uncovered (or none). */
  private readonly applyCoverage = (coverage: CoverageState): void => {
    if (this.destroyed || !this.styleReady) return;
    const uncovered = coverage.status === 'ready' ? uncoveredCells(coverage.plan) : null;
    this.writeSource(SOURCE.coverage, uncovered ?? NO_FEATURES);
    exposeCoverageForTests(uncovered ? uncovered.features.length : null);
  };

  /** Draws the suggested sites of a placement (or none) with discs of its coverage distance. */
  private readonly applyPlacement = (placement: PlacementState): void => {
    if (this.destroyed || !this.styleReady) return;
    const plan = placement.status === 'ready' ? placement.plan : null;
    if (plan)
      this.map.setPaintProperty(PLACEMENT_LAYER.coverage, 'circle-radius', metresToPixels(plan.coverageM));
    this.writeSource(
      SOURCE.placements,
      plan
        ? {
            type: 'FeatureCollection',
            features: plan.sites.map((site) => ({
              type: 'Feature',
              id: site.rank,
              geometry: { type: 'Point', coordinates: site.venue.coordinates },
              properties: { rank: site.rank, kind: site.venue.kind, name: site.venue.name },
            })),
          }
        : NO_FEATURES,
    );
    exposePointsForTests('placements', plan ? plan.sites.length : null);
  };

  /** Draws the patrol plan's route and numbered stops (or none) and brings the route into view. */
  private readonly applyPatrol = (patrol: PatrolState): void => {
    if (this.destroyed || !this.styleReady) return;
    const plan = patrol.status === 'ready' ? patrol.plan : null;
    this.writeSource(SOURCE.patrol, plan ? patrolFeatures(plan) : NO_FEATURES);
    const stops = plan?.stops ?? [];
    if (stops.length > 0) {
      const bounds = new maplibregl.LngLatBounds();
      for (const stop of stops) bounds.extend(stop.coordinates);
      const padding = homePadding(this.map.getContainer().clientWidth);
      this.map.fitBounds(bounds, { padding, maxZoom: 14, duration: CAMERA_ANIMATION_MS });
    }
    exposePointsForTests('patrol', plan ? plan.stops.length : null);
  };

  /** Shows the style layers of the map layers switched on and hides the others. */
  private readonly applyLayers = (on: readonly MapLayer[]): void => {
    if (this.destroyed || !this.styleReady) return;
    for (const [id, visibility] of layerVisibility(on)) {
      if (this.map.getLayer(id)) this.map.setLayoutProperty(id, 'visibility', visibility);
    }
  };

  /** Outlines the selected cell or area, taking its outline from whichever drawn collection holds it. */
  private readonly applySelection = (selected: SelectedPlace | null): void => {
    if (this.destroyed || !this.styleReady) return;
    const state = this.store.getState();
    const collections: FeatureCollection[] = MAP_ANALYSES.flatMap((analysis) => {
      const shown = currentAnalysis(state, analysis);
      return shown ? [shown.data as FeatureCollection] : [];
    });
    const release = state.releasedCounts.shown?.collection;
    if (release) collections.push(release as FeatureCollection);
    const feature: Feature | undefined = selected
      ? collections
          .flatMap((collection) => collection.features)
          .find((candidate) => placeIdOf(candidate) === selected.id)
      : undefined;
    this.writeSource(
      SOURCE.selection,
      feature ? { type: 'FeatureCollection', features: [feature] } : NO_FEATURES,
    );
  };

  /** Draws a fresh frame and hands a copy of it to `onMapImage`, read in the same frame it was drawn. */
  private readonly captureImage = (): void => {
    if (this.destroyed) return;
    this.map.once('render', () => {
      if (this.destroyed) return;
      const drawn = this.map.getCanvas();
      const copy = document.createElement('canvas');
      copy.width = drawn.width;
      copy.height = drawn.height;
      copy.getContext('2d')?.drawImage(drawn, 0, 0);
      const attribution = this.map.getContainer().querySelector('.maplibregl-ctrl-attrib-inner');
      this.onMapImage?.(copy, attribution?.textContent?.trim() ?? '');
    });
    this.map.triggerRepaint();
  };

  /**
   * Printing moves the side panel off the map and gives the map the page's size: fit the home view (when shown) to
   * that map without the panel's padding, drawn at once; fit it back with the padding afterwards.
   */
  private readonly handlePrintMedia = (event: MediaQueryListEvent): void => {
    if (this.destroyed) return;
    this.map.resize(HOME_MOVE);
    if (this.atHome) {
      const padding = event.matches ? PRINT_PADDING_PX : homePadding(this.map.getContainer().clientWidth);
      this.map.fitBounds(EAST_JAKARTA_BOUNDS, { padding, animate: false }, HOME_MOVE);
    }
    this.map.redraw();
  };

  private readonly showHome = (): void => {
    this.atHome = true;
    const padding = homePadding(this.map.getContainer().clientWidth);
    this.map.fitBounds(EAST_JAKARTA_BOUNDS, { padding, duration: CAMERA_ANIMATION_MS }, HOME_MOVE);
  };

  private readonly applyLanguage = (language: Language): void => {
    const t = translate(language);
    this.map.getCanvas().setAttribute('aria-label', t('map.label'));
    const toggle = this.map.getContainer().querySelector('.maplibregl-ctrl-attrib-button');
    toggle?.setAttribute('aria-label', t('map.attribution'));
    toggle?.setAttribute('title', t('map.attribution'));
  };

  /** Sends `data` to source `id` (and to its hatch twin) unless the source already holds it. */
  private writeSource(id: SourceId, data: FeatureCollection): void {
    if (this.sourceData.get(id) === data) return;
    this.sourceData.set(id, data);
    for (const target of [id, withheldTwin(id)]) {
      if (target) this.map.getSource<GeoJSONSource>(target)?.setData(data);
    }
  }
}
