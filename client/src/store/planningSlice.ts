/** Planning slice: the placement the task force asked for (banners or cameras) and its answer, drawn on the map. */
import type { PlacementQuery } from '../api/client.ts';
import type { Placements } from '../api/types.ts';
import type { SliceCreator } from './types.ts';

/** The latest placement request: none, loading, answered, or failed. */
export type PlacementState =
  | { readonly status: 'idle' }
  | { readonly status: 'loading'; readonly query: PlacementQuery }
  | { readonly status: 'ready'; readonly query: PlacementQuery; readonly plan: Placements }
  | { readonly status: 'failed'; readonly query: PlacementQuery; readonly error: unknown };

/** State and events of planning. */
export interface PlanningSlice {
  placement: PlacementState;
  /** The person asked for a placement. */
  placementRequested: (query: PlacementQuery) => void;
  /** A placement arrived (ignored unless it answers the latest request). */
  placementLoaded: (query: PlacementQuery, plan: Placements) => void;
  /** A placement could not be made (ignored unless it answers the latest request). */
  placementFailed: (query: PlacementQuery, error: unknown) => void;
  /** The person cleared the suggestions (or signed out). */
  placementCleared: () => void;
}

/** Creates the planning slice with no placement. */
export function createPlanningSlice(): SliceCreator<PlanningSlice> {
  const isLatest = (state: PlanningSlice, query: PlacementQuery) =>
    state.placement.status === 'loading' && state.placement.query === query;
  return (set) => ({
    placement: { status: 'idle' },
    placementRequested: (query) => set({ placement: { status: 'loading', query } }),
    placementLoaded: (query, plan) =>
      set((state) => (isLatest(state, query) ? { placement: { status: 'ready', query, plan } } : {})),
    placementFailed: (query, error) =>
      set((state) => (isLatest(state, query) ? { placement: { status: 'failed', query, error } } : {})),
    placementCleared: () => set({ placement: { status: 'idle' } }),
  });
}
