/** The dashboard's one zustand store, combined from its slices. */
import { subscribeWithSelector } from 'zustand/middleware';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { createAnalysesSlice } from './analysesSlice.ts';
import { createFiltersSlice, type InitialFilters } from './filtersSlice.ts';
import { createPlanningSlice } from './planningSlice.ts';
import { createPointPickSlice } from './pointPickSlice.ts';
import { createPointsSlice } from './pointsSlice.ts';
import { createReleasesSlice } from './releasesSlice.ts';
import { createSelectionSlice } from './selectionSlice.ts';
import { createSessionSlice } from './sessionSlice.ts';
import { createSystemSlice } from './systemSlice.ts';
import type { AppState } from './types.ts';
import { createViewSlice, type InitialView } from './viewSlice.ts';

export type { AppState } from './types.ts';

/** The combined store with `subscribeWithSelector`, so non-React code can watch one value. */
export type AppStore = ReturnType<typeof createAppStore>;

/** Creates a fresh store (one per page; tests create their own) from the view and filters read from the URL. */
export function createAppStore(initialView: InitialView = {}, initialFilters: InitialFilters = {}) {
  return createStore<AppState>()(
    subscribeWithSelector((...a) => ({
      ...createViewSlice(initialView)(...a),
      ...createSessionSlice()(...a),
      ...createSystemSlice()(...a),
      ...createFiltersSlice(initialFilters)(...a),
      ...createReleasesSlice()(...a),
      ...createSelectionSlice(initialView.selectedPlace ?? null)(...a),
      ...createAnalysesSlice()(...a),
      ...createPointsSlice()(...a),
      ...createPlanningSlice()(...a),
      ...createPointPickSlice()(...a),
    })),
  );
}

/** A store API limited to reading and subscribing, for code that must not dispatch. */
export type ReadonlyAppStore = Pick<StoreApi<AppState>, 'getState' | 'subscribe'>;
