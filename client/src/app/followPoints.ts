/**
 * Loads the venues and interventions once per signed-in tier, when their layer is first switched on (and again
 * when they are outdated), and drops them when the tier changes (sign in or out). The public tier asks for
 * nothing: the layer switches explain why.
 */
import { fetchInterventions, fetchVenues } from '../api/client.ts';
import type { Tier } from '../api/types.ts';
import type { AppState, AppStore } from '../store/index.ts';
import type { PointData, PointKind } from '../store/pointsSlice.ts';
import { sessionTier } from '../store/sessionSlice.ts';

const FETCH: { readonly [K in PointKind]: (signal: AbortSignal) => Promise<PointData[K]> } = {
  venues: fetchVenues,
  interventions: fetchInterventions,
};

/** The signed-in tier, or `null` for the public tier and while the session is being checked. */
function signedInTier(state: AppState): Tier | null {
  return state.session.status === 'signedIn' ? sessionTier(state.session) : null;
}

/** Starts following the store; returns a function that stops following and cancels open requests. */
export function followPoints(store: AppStore): () => void {
  const aborts = new Map<PointKind, AbortController>();

  const load = <K extends PointKind>(kind: K, tier: Tier) => {
    const abort = new AbortController();
    aborts.get(kind)?.abort();
    aborts.set(kind, abort);
    store.getState().pointsRequested(kind, tier);
    FETCH[kind](abort.signal).then(
      (data) => store.getState().pointsLoaded(kind, tier, data),
      (error: unknown) => {
        if (!abort.signal.aborted) store.getState().pointsFailed(kind, tier, error);
      },
    );
  };

  const update = () => {
    const state = store.getState();
    const tier = signedInTier(state);
    for (const kind of Object.keys(FETCH) as PointKind[]) {
      const current = state.points[kind];
      if (tier && state.mapLayers.includes(kind) && (current.status === 'idle' || current.tier !== tier)) {
        load(kind, tier);
      }
    }
  };

  const stopTier = store.subscribe(signedInTier, () => {
    for (const abort of aborts.values()) abort.abort();
    store.getState().pointsCleared();
    update();
  });
  const stopLayers = store.subscribe((state) => state.mapLayers, update, { fireImmediately: true });
  // Data dropped as outdated is loaded again while its layer is on.
  const stopOutdated = store.subscribe((state) => state.points, update);
  return () => {
    stopTier();
    stopLayers();
    stopOutdated();
    for (const abort of aborts.values()) abort.abort();
  };
}
