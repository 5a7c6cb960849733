/**
 * Browser tests read the live map through `window.__titikRawanMap` (and which released counts and analyses
 * it holds through `window.__titikRawanRelease` and `window.__titikRawanAnalyses`), which exist only when the page was
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
    /** Which released counts the map's release source holds, present only for browser tests. */
    __titikRawanRelease?: ReleaseOnMap;
    /** Which analyses the map's analysis sources hold, by analysis, present only for browser tests. */
    __titikRawanAnalyses?: Partial<Record<MapAnalysis, AnalysisOnMap>>;
    /** How many venues, interventions and suggested sites the map's point sources hold, only for browser tests. */
    __titikRawanPoints?: Partial<Record<'venues' | 'interventions' | 'placements' | 'patrol', number>>;
    /** How many uncovered cells the coverage source holds (absent: no coverage check), only for browser tests. */
    __titikRawanCoverage?: number;
  }
}

/** An analysis the map draws: `hotspots`, `emerging` or `risk`. */
export type MapAnalysis = 'hotspots' | 'emerging' | 'risk';

/** What an analysis source holds: the request key (`kind|tier|resolution|period or step|category`) and its feature count. */
export interface AnalysisOnMap {
  key: string;
  features: number;
}

/** What the released-counts source holds: the request key (`tier|period|category|geography`) and its feature count. */
export interface ReleaseOnMap {
  key: string;
  features: number;
}

/** Exposes the map on `window` when a browser test asked for it. */
export function exposeMapForTests(map: MapLibreMap): void {
  if (window.__TITIK_RAWAN_TEST_HOOKS__ === true) window.__titikRawanMap = map;
}

/** Removes the map from `window` if it is the one exposed. */
export function withdrawMapForTests(map: MapLibreMap): void {
  if (window.__titikRawanMap === map) delete window.__titikRawanMap;
}

/** Tells a browser test which released counts were just written to the map (`null`: none). */
export function exposeReleaseForTests(release: ReleaseOnMap | null): void {
  if (window.__TITIK_RAWAN_TEST_HOOKS__ !== true) return;
  if (release) window.__titikRawanRelease = release;
  else delete window.__titikRawanRelease;
}

/** Tells a browser test which analysis was just written to the map (`null`: none). */
export function exposeAnalysisForTests(analysis: MapAnalysis, onMap: AnalysisOnMap | null): void {
  if (window.__TITIK_RAWAN_TEST_HOOKS__ !== true) return;
  const analyses = (window.__titikRawanAnalyses ??= {});
  if (onMap) analyses[analysis] = onMap;
  else delete analyses[analysis];
}

/** Tells a browser test how many venues, interventions or suggested sites were just written to the map (`null`: none). */
export function exposePointsForTests(
  kind: 'venues' | 'interventions' | 'placements' | 'patrol',
  features: number | null,
): void {
  if (window.__TITIK_RAWAN_TEST_HOOKS__ !== true) return;
  const points = (window.__titikRawanPoints ??= {});
  if (features === null) delete points[kind];
  else points[kind] = features;
}

/** Tells a browser test how many uncovered cells were just outlined on the map (`null`: no coverage check). */
export function exposeCoverageForTests(uncovered: number | null): void {
  if (window.__TITIK_RAWAN_TEST_HOOKS__ !== true) return;
  if (uncovered === null) delete window.__titikRawanCoverage;
  else window.__titikRawanCoverage = uncovered;
}
