/**
 * Mounts the map controller into a full-size container once the basemap setting, the boundaries and the data of the
 * layers switched on are there (or have failed, or a short wait has passed), with the dashboard's own labelled zoom
 * and home buttons.
 */
import { useEffect, useRef, useState } from 'react';
import { type Boundaries, fetchBoundaries } from '../api/client.ts';
import { errorMessageKey } from '../api/errorMessage.ts';
import { FIRST_MAP_DATA_WAIT_MS, firstMapDataSettled } from '../app/firstMapData.ts';
import { useAppState, useAppStore, useT } from '../app/StoreContext.ts';
import type { MessageKey } from '../i18n/index.ts';
import { downloadMapImage } from '../export/mapImage.ts';
import type { MapController } from '../map/MapController.ts';
import { useDelayedFlag } from './useDelayedFlag.ts';
import { useLatchedFlag } from './useLatchedFlag.ts';

/**
 * MapLibre and the map controller, in their own chunk: fetched as soon as the dashboard's code runs, alongside its
 * first API requests, and awaited once the basemap setting is known.
 */
const mapControllerModule = import('../map/MapController.ts');
// MapLibre's worker starts as soon as its code is here, while the first data is still on its way. A failed load is
// reported by the map area below; the catch only keeps it from counting as an unhandled rejection.
mapControllerModule.then(({ prewarmMap }) => prewarmMap()).catch(() => undefined);

/**
 * The boundaries the map is created with, asked for as soon as the dashboard's code runs, alongside its first API
 * requests, rather than once the page has first rendered. A failure is reported by the map area below.
 */
const boundariesRequest = fetchBoundaries();
boundariesRequest.catch(() => undefined);

/** The map area; MapLibre's code is loaded after first paint, in its own chunk. */
export function MapView() {
  const t = useT();
  const store = useAppStore();
  const homeViewRequested = useAppState((state) => state.homeViewRequested);
  const configReady = useAppState((state) => state.clientConfig.status === 'ready');
  const basemapStyleUrl = useAppState((state) =>
    state.clientConfig.status === 'ready' ? state.clientConfig.config.basemapStyleUrl : null,
  );
  const dataReady = useLatchedFlag(useAppState(firstMapDataSettled), FIRST_MAP_DATA_WAIT_MS);
  const containerRef = useRef<HTMLDivElement>(null);
  const controllerRef = useRef<MapController | null>(null);
  /** The boundaries: `undefined` while loading, `null` when they could not be loaded. */
  const [boundaries, setBoundaries] = useState<Boundaries | null | undefined>(undefined);
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const [loaded, setLoaded] = useState(false);
  const showLoading = useDelayedFlag(!loaded && problem === null);

  useEffect(() => {
    let cancelled = false;
    boundariesRequest.then(
      (loaded) => {
        if (!cancelled) setBoundaries(loaded);
      },
      (error: unknown) => {
        if (cancelled) return;
        setProblem(errorMessageKey(error));
        setBoundaries(null);
      },
    );
    return () => {
      cancelled = true;
    };
  }, []);

  useEffect(() => {
    const container = containerRef.current;
    if (!configReady || boundaries === undefined || !dataReady || !container) return;
    let cancelled = false;
    let controller: MapController | null = null;
    mapControllerModule.then(
      ({ MapController }) => {
        if (cancelled) return;
        controller = new MapController(container, store, {
          basemapStyleUrl,
          boundaries,
          onLoaded: () => setLoaded(true),
          onMapImage: (image, attribution) => {
            downloadMapImage(image, attribution, store.getState()).catch(() => setProblem('export.failed'));
          },
        });
        controllerRef.current = controller;
      },
      () => setProblem('error.network'),
    );
    return () => {
      cancelled = true;
      controller?.destroy();
      controllerRef.current = null;
    };
  }, [store, configReady, basemapStyleUrl, boundaries, dataReady]);

  return (
    // Not a labelled section: MapController names the canvas itself as the map's region landmark (`map.label`), and a
    // second landmark of the same name around it would be announced twice (axe-core's landmark-unique).
    <div className="map">
      <div id="map" ref={containerRef} className="map__canvas" tabIndex={-1} data-testid="map" />
      <div className="map__controls" role="group" aria-label={t('map.controls')}>
        <button
          type="button"
          className="map__button"
          aria-label={t('map.zoomIn')}
          title={t('map.zoomIn')}
          onClick={() => controllerRef.current?.zoomIn()}
        >
          <svg viewBox="0 0 20 20" aria-hidden="true" focusable="false">
            <path d="M10 4v12M4 10h12" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
          </svg>
        </button>
        <button
          type="button"
          className="map__button"
          aria-label={t('map.zoomOut')}
          title={t('map.zoomOut')}
          onClick={() => controllerRef.current?.zoomOut()}
        >
          <svg viewBox="0 0 20 20" aria-hidden="true" focusable="false">
            <path d="M4 10h12" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
          </svg>
        </button>
        <button
          type="button"
          className="map__button"
          aria-label={t('map.showAll')}
          title={t('map.showAll')}
          onClick={homeViewRequested}
        >
          <svg viewBox="0 0 20 20" aria-hidden="true" focusable="false">
            <path
              d="M3 7V3h4M13 3h4v4M17 13v4h-4M7 17H3v-4"
              fill="none"
              stroke="currentColor"
              strokeWidth="1.8"
              strokeLinecap="round"
              strokeLinejoin="round"
            />
          </svg>
        </button>
      </div>
      {showLoading && (
        <div className="map__loading" role="status">
          {t('map.loading')}
        </div>
      )}
      {problem && (
        <div className="banner banner--error map__problem" role="alert">
          {problem === 'export.failed' ? t(problem) : t('map.loadFailed', { reason: t(problem) })}
        </div>
      )}
    </div>
  );
}
