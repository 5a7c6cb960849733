/**
 * Browser tests read the live map through `window.__titikRawanMap`, which exists only when the page was
 * opened with `window.__TITIK_RAWAN_TEST_HOOKS__ = true` set before the app starts (Playwright's
 * `addInitScript`); normal visitors never get it.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';

declare global {
  interface Window {
    /** Set to `true` by a browser test before the page loads to receive `__titikRawanMap`. */
    __TITIK_RAWAN_TEST_HOOKS__?: boolean;
    /** The live MapLibre map, present only for browser tests. */
    __titikRawanMap?: MapLibreMap;
  }
}

/** Exposes the map on `window` when a browser test asked for it. */
export function exposeMapForTests(map: MapLibreMap): void {
  if (window.__TITIK_RAWAN_TEST_HOOKS__ === true) window.__titikRawanMap = map;
}

/** Removes the map from `window` if it is the one exposed. */
export function withdrawMapForTests(map: MapLibreMap): void {
  if (window.__titikRawanMap === map) delete window.__titikRawanMap;
}
