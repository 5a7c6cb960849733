/** Points slice: the venues and interventions the point layers draw, loaded for signed-in tiers while switched on. */
import type { InterventionCollection, Tier, VenueCollection } from '../api/types.ts';
import type { SliceCreator } from './types.ts';

/** What each point layer draws. */
export interface PointData {
  venues: VenueCollection;
  interventions: InterventionCollection;
}

/** A point layer's data. */
export type PointKind = keyof PointData;

/** One point layer's data for a tier: not asked for, loading, there, or failed. */
export type PointState<K extends PointKind> =
  | { readonly status: 'idle' }
  | { readonly status: 'loading'; readonly tier: Tier }
  | { readonly status: 'ready'; readonly tier: Tier; readonly data: PointData[K] }
  | { readonly status: 'failed'; readonly tier: Tier; readonly error: unknown };

/** State and events of the point layers. */
export interface PointsSlice {
  points: { readonly [K in PointKind]: PointState<K> };
  /** The dashboard started loading a point layer for a tier. */
  pointsRequested: (kind: PointKind, tier: Tier) => void;
  /** A point layer's data arrived (ignored unless it answers the latest request). */
  pointsLoaded: <K extends PointKind>(kind: K, tier: Tier, data: PointData[K]) => void;
  /** A point layer could not be loaded (ignored unless it answers the latest request). */
  pointsFailed: (kind: PointKind, tier: Tier, error: unknown) => void;
  /** The tier changed: what was loaded for the old one is dropped. */
  pointsCleared: () => void;
  /** A point layer's data changed on the server (an intervention was recorded): it is dropped to be loaded again. */
  pointsOutdated: (kind: PointKind) => void;
}

/** Creates the points slice with nothing loaded. */
export function createPointsSlice(): SliceCreator<PointsSlice> {
  const waitingFor = (state: PointsSlice, kind: PointKind, tier: Tier) => {
    const current = state.points[kind];
    return current.status === 'loading' && current.tier === tier;
  };
  return (set) => ({
    points: { venues: { status: 'idle' }, interventions: { status: 'idle' } },
    pointsRequested: (kind, tier) =>
      set((state) => ({ points: { ...state.points, [kind]: { status: 'loading', tier } } })),
    pointsLoaded: (kind, tier, data) =>
      set((state) =>
        waitingFor(state, kind, tier)
          ? { points: { ...state.points, [kind]: { status: 'ready', tier, data } } }
          : {},
      ),
    pointsFailed: (kind, tier, error) =>
      set((state) =>
        waitingFor(state, kind, tier)
          ? { points: { ...state.points, [kind]: { status: 'failed', tier, error } } }
          : {},
      ),
    pointsCleared: () => set({ points: { venues: { status: 'idle' }, interventions: { status: 'idle' } } }),
    pointsOutdated: (kind) => set((state) => ({ points: { ...state.points, [kind]: { status: 'idle' } } })),
  });
}
