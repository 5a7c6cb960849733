/**
 * When the dashboard first draws its map: once the data of the layers switched on has arrived (or failed), so the
 * map's first frames carry the data instead of an empty map filled in later. Where graphics are rendered in
 * software, each frame costs hundreds of milliseconds and holds up everything else on the page, answers included:
 * on a 2-core machine without a GPU, drawing first and filling in later put the hot spot layer up at 4–6 s.
 */
import { ANALYSIS_LAYERS } from '../map/layers/toggles.ts';
import { neededAnalyses } from '../store/analyses.ts';
import type { AppState } from '../store/index.ts';
import { currentReleaseRequest } from './followReleases.ts';

/** How long the map waits for that data at most, in milliseconds; then it is drawn with whatever has arrived. */
export const FIRST_MAP_DATA_WAIT_MS = 1500;

/** Whether an answer has come, as data or as an error. */
function settled(status: 'idle' | 'loading' | 'ready' | 'failed'): boolean {
  return status === 'ready' || status === 'failed';
}

/**
 * Whether the released counts and analyses that the map layers switched on need have arrived or failed; `true`
 * when they need nothing (no periods released, or the metadata failed).
 */
export function firstMapDataSettled(state: AppState): boolean {
  if (state.releaseMetadata.status === 'loading') return false;
  if (state.releaseMetadata.status === 'failed') return true;
  const on = state.mapLayers;
  if (on.includes('counts') && currentReleaseRequest(state) && !settled(state.releasedCounts.status)) {
    return false;
  }
  const needed = neededAnalyses(state);
  return ANALYSIS_LAYERS.every(
    (layer) => !on.includes(layer) || !needed[layer] || settled(state.analyses[layer].status),
  );
}
